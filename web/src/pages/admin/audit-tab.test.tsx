// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import type { AuditEntry } from '../../api/admin.ts';
import type { Me } from '../../api/auth.ts';
import { TestDataProvider } from '../../data/test-data-provider.tsx';
import adminEn from '../../i18n/areas/admin/en.json';
import shellEn from '../../i18n/en.json';
import type { Messages } from '../../i18n/locales.ts';
import { AuditTab } from './audit-tab.tsx';

const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

beforeEach(() => {
  window.history.replaceState(null, '', '/admin/audit');
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const me: Me = {
  accountId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d01',
  personId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d02',
  email: 'admin@coop.example',
  displayName: 'Admin',
  preferredLanguage: null,
  grants: [
    {
      id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d03',
      role: 'network-admin',
      scopeType: 'network',
      scopeId: null,
    },
  ],
  csrfToken: 'csrf',
  sessionExpiresAt: null,
  signedIn: true,
};

function entry(fields: Partial<AuditEntry>): AuditEntry {
  return {
    id: crypto.randomUUID(),
    at: '2026-03-01T08:00:00.000Z',
    actorAccountId: me.accountId,
    actorLabel: me.email,
    action: 'update-organization',
    entityType: 'organization',
    entityId: crypto.randomUUID(),
    entityLabel: null,
    organizationId: null,
    before: null,
    after: null,
    requestId: null,
    ...fields,
  };
}

describe('the audit log list', () => {
  it('names the record of each entry in its row, before the entry is opened', async () => {
    const renamed = entry({ entityLabel: 'Amul Dairy', after: { name: 'Amul Dairy' } });
    const disabled = entry({
      action: 'disable-account',
      entityType: 'account',
      entityLabel: 'Labelled Lakshmi',
      after: { status: 'disabled' },
    });
    const unnamed = entry({ action: 'create-affiliation', entityType: 'affiliation' });
    fetchStub.mockImplementation(async (input) => {
      const url = new URL(String(input), 'http://intercoop.test');
      if (url.pathname === '/api/audit/entries')
        return json({ items: [renamed, disabled, unnamed], nextCursor: null });
      if (url.pathname === '/api/audit/vocabulary')
        return json({
          actions: [
            { code: 'update-organization', label: 'Organization updated' },
            { code: 'disable-account', label: 'Account disabled' },
          ],
          entityTypes: [{ code: 'account', label: 'Account' }],
        });
      if (url.pathname === '/api/accounts/accounts') return json({ items: [], nextCursor: null });
      return json({ title: 'Not found', status: 404, detail: 'Nothing here.' }, 404);
    });
    render(
      <IntlProvider locale="en" messages={{ ...shellEn, ...adminEn } as Messages} timeZone="UTC">
        <TestDataProvider>
          <Router>
            <AuditTab me={me} choices={{ roles: [], organizations: 'any' }} />
          </Router>
        </TestDataProvider>
      </IntlProvider>,
    );
    const rows = await screen.findAllByRole('button', { expanded: false });
    const [first, second, third] = rows.filter((row) => row.closest('.audit-entry'));
    expect(within(first as HTMLElement).getByText('Amul Dairy')).toBeTruthy();
    expect(within(second as HTMLElement).getByText('Labelled Lakshmi')).toBeTruthy();
    expect((third as HTMLElement).querySelector('.audit-entry__record')).toBeNull();
  });
});
