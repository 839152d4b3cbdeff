// The modules plug in: what they declare is complete and worded, and a declaration that clashes
// or names what nothing keeps stops the start.
import { describe, expect, it, vi } from 'vitest';
import { roleNames } from '../web/src/vocabulary.ts';
import { modules } from './modules.ts';
import { declaredRoles, declaredScopes, scopesOfRole } from './platform/access.ts';
import { auditVocabulary } from './platform/audit/audit-vocabulary.ts';
import { fieldErrorCodes, moduleFieldErrorCodes } from './platform/field-errors.ts';
import { fieldErrorDetail } from './platform/messages/field-error-text.ts';
import { shippedLanguages } from './platform/messages/platform-messages.ts';

describe('the modules of this instance', () => {
  it('declare the roles the web app names, each in scopes a module keeps', () => {
    expect(declaredRoles().sort()).toEqual([...roleNames].sort());
    for (const role of declaredRoles())
      for (const scope of scopesOfRole(role)) expect(declaredScopes(), role).toContain(scope);
  });

  it('word their field-error codes in every shipped language', () => {
    const codes = moduleFieldErrorCodes().map(({ code }) => code);
    expect(codes).toEqual(expect.arrayContaining(['members-exceed-total', 'weak-password']));
    for (const code of codes) expect(fieldErrorCodes()).toContain(code);
    for (const language of shippedLanguages.filter((language) => language !== 'en')) {
      for (const code of codes) {
        const worded = fieldErrorDetail(language, {
          pointer: '/x',
          detail: 'As raised.',
          code: code as never,
          params: {
            countries: 'IN',
            unit: 'people',
            reason: 'empty',
            cause: 'date',
            role: 'x',
            scopes: 'network',
            scopeType: 'organization',
            domain: 'example.org',
            at: 3,
            what: '()',
            limit: 32,
            path: 'margin → margin',
            codes: 'equity',
            inputs: 'surplus, revenue',
            periodicity: 'month',
            minimum: 0,
            maximum: 100,
          },
        });
        expect(worded, `${language} ${code}`).not.toBe('As raised.');
      }
    }
  });

  it('word every audit action and kind of record in every shipped language', () => {
    const english = auditVocabulary('en');
    expect(english.actions.map((word) => word.code)).toEqual(
      expect.arrayContaining(['create-organization', 'invite-account', 'retry-outbox-message']),
    );
    for (const language of shippedLanguages) {
      const words = auditVocabulary(language);
      expect(words.actions.length).toBe(english.actions.length);
      for (const word of [...words.actions, ...words.entityTypes])
        expect(word.label.length, `${language} ${word.code}`).toBeGreaterThan(1);
    }
  });

  it('gather their routes, checks and demo loaders', () => {
    const prefixes = new Set(modules.routes.map((route) => route.prefix));
    expect([...prefixes]).toEqual(
      expect.arrayContaining(['/api/auth', '/api/accounts', '/api/network', '/api/audit']),
    );
    expect(modules.checks.map((check) => check.name)).toContain(
      'role grants name declared roles and existing scopes',
    );
    // The demo loads in this order (the accounts' roles name the network's organizations).
    expect(modules.demos.map((demo) => demo.module)).toEqual([
      'network',
      'projects',
      'accounts',
      'reach',
    ]);
    // The phone menus, as the main menu lists them.
    expect(modules.menus.map((menu) => menu.name)).toEqual([
      'reach.my-cooperative',
      'reach.intents',
      'reach.language',
      'reach.help',
    ]);
  });
});

describe('plugging modules in', () => {
  // A fresh platform each time: the registries are per process.
  async function freshPlatform() {
    vi.resetModules();
    const { plugInModules } = await import('./platform/modules.ts');
    const { defineCatalogue } = await import('./platform/messages/catalogue.ts');
    const messages = defineCatalogue<string>(
      'network',
      new URL('./modules/network/messages/', import.meta.url),
    );
    return { plugInModules, messages };
  }

  it('refuses a role declared twice', async () => {
    const { plugInModules } = await freshPlatform();
    expect(() =>
      plugInModules([{ name: 'one', roles: { 'network-staff': ['network'] } as never }]),
    ).toThrow(/the role network-staff is declared twice \(one\)/);
  });

  it('refuses a role that lives in a scope no module keeps', async () => {
    const { plugInModules } = await freshPlatform();
    expect(() =>
      plugInModules([{ name: 'finance', roles: { 'fund-committee': ['fund'] } as never }]),
    ).toThrow(/fund-committee of finance lives in fund, which no module keeps/);
  });

  it('refuses a field-error code without words, or one another module has', async () => {
    const { plugInModules, messages } = await freshPlatform();
    expect(() =>
      plugInModules([{ name: 'kpi', messages, fieldErrorCodes: { 'stale-period': '' } }]),
    ).toThrow(/kpi declares the field-error code stale-period without field.stale-period/);
    const again = await freshPlatform();
    expect(() =>
      again.plugInModules([
        { name: 'kpi', messages: again.messages, fieldErrorCodes: { required: '' } },
      ]),
    ).toThrow(/the field-error code required of kpi is platform's/);
  });

  it('refuses an audit action without words', async () => {
    const { plugInModules, messages } = await freshPlatform();
    expect(() =>
      plugInModules([
        { name: 'kpi', messages, audit: { actions: ['submit-report'], entityTypes: [] } },
      ]),
    ).toThrow(/kpi declares the audit action submit-report without audit.action.submit-report/);
  });

  it('refuses a phone menu declared twice, or one that starts on no screen of it', async () => {
    const { plugInModules, messages } = await freshPlatform();
    const title = messages.message('audit.entity.intent');
    const menu = {
      name: 'kpi.reports',
      title,
      start: 'list',
      screens: {
        list: {
          load: async () => null,
          view: () => ({ lines: [] }),
          examples: [],
        },
      },
    };
    expect(() =>
      plugInModules([
        { name: 'kpi', menus: [menu] },
        { name: 'finance', menus: [menu] },
      ]),
    ).toThrow(/the phone menu kpi.reports is declared twice/);
    const again = await freshPlatform();
    expect(() =>
      again.plugInModules([{ name: 'kpi', menus: [{ ...menu, start: 'missing' }] }]),
    ).toThrow(/kpi.reports starts at missing, which is not a screen of it/);
  });
});
