// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import type { Me } from '../../api/auth.ts';
import { TestDataProvider } from '../../data/test-data-provider.tsx';
import adminEn from '../../i18n/areas/admin/en.json';
import shellEn from '../../i18n/en.json';
import type { Messages } from '../../i18n/locales.ts';
import { diffFields } from './audit-diff.ts';
import { AuditDiffTable } from './audit-diff-table.tsx';
import { mayHandOut, roleChoices } from './role-choices.ts';
import { RoleFields } from './role-fields.tsx';
import { TokensTab } from './tokens-tab.tsx';

const messages = { ...shellEn, ...adminEn } as Messages;
const organizationId = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';
const otherOrganizationId = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7f';
const grant = (role: string, scopeId: string | null = null) =>
  ({
    id: crypto.randomUUID(),
    role,
    scopeType: scopeId ? 'organization' : 'network',
    scopeId,
  }) as Me['grants'][number];

const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

function renderWith(element: ReactElement, timeZone = 'UTC') {
  return render(
    <IntlProvider locale="en" messages={messages} timeZone={timeZone}>
      <TestDataProvider>
        <Router>{element}</Router>
      </TestDataProvider>
    </IntlProvider>,
  );
}

beforeEach(() => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the roles offered to whoever invites', () => {
  it('are every role anywhere for a network admin, organization roles anywhere for staff', () => {
    expect(roleChoices([grant('network-admin')])).toEqual({
      roles: [
        'network-admin',
        'network-staff',
        'organization-admin',
        'organization-member',
        'partner-viewer',
      ],
      organizations: 'any',
    });
    expect(roleChoices([grant('network-staff')])).toEqual({
      roles: ['organization-admin', 'organization-member', 'partner-viewer'],
      organizations: 'any',
    });
  });

  it('are their own organization’s roles for an organization admin, and nothing for a member', () => {
    const choices = roleChoices([
      grant('organization-admin', organizationId),
      grant('organization-member', otherOrganizationId),
    ]);
    expect(choices).toEqual({
      roles: ['organization-admin', 'organization-member', 'partner-viewer'],
      organizations: [organizationId],
    });
    expect(mayHandOut(choices, grant('organization-member', organizationId))).toBe(true);
    expect(mayHandOut(choices, grant('organization-member', otherOrganizationId))).toBe(false);
    expect(mayHandOut(choices, grant('network-admin'))).toBe(false);
    expect(roleChoices([grant('organization-member', organizationId)]).roles).toEqual([]);
  });

  it('show an organization admin a list of their organizations, not a search over all', async () => {
    fetchStub.mockImplementation(async () => json({ id: organizationId, name: 'Amul Dairy' }));
    const onChange = vi.fn();
    const choices = roleChoices([grant('organization-admin', organizationId)]);
    const { rerender } = renderWith(
      <RoleFields
        idPrefix="t"
        choices={choices}
        draft={{ role: '', organization: null }}
        onChange={onChange}
        errors={{}}
      />,
    );
    const options = within(screen.getByLabelText('Role')).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'Choose a role',
      'Organization administrator',
      'Organization member',
      'Partner (read only)',
    ]);
    rerender(
      <IntlProvider locale="en" messages={messages}>
        <Router>
          <RoleFields
            idPrefix="t"
            choices={choices}
            draft={{ role: 'organization-member', organization: null }}
            onChange={onChange}
            errors={{}}
          />
        </Router>
      </IntlProvider>,
    );
    const organization = screen.getByLabelText('Organization of this role');
    expect(organization.tagName).toBe('SELECT');
    expect(screen.queryByRole('combobox', { name: /Organization/ })?.tagName).not.toBe('INPUT');
    // The only organization is chosen for them, by name once it is known.
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith({
        role: 'organization-member',
        organization: { id: organizationId, name: 'Amul Dairy' },
      }),
    );
  });

  it('show a network admin a search box for the organization', () => {
    renderWith(
      <RoleFields
        idPrefix="t"
        choices={roleChoices([grant('network-admin')])}
        draft={{ role: 'partner-viewer', organization: null }}
        onChange={() => {}}
        errors={{}}
      />,
    );
    const box = screen.getByRole('combobox', { name: 'Organization of this role' });
    expect(box.tagName).toBe('INPUT');
    expect(box.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('the audit diff', () => {
  it('keeps the fields that changed, flattening nested ones', () => {
    const rows = diffFields(
      { name: 'Amul', members: { total: 10, women: 4 }, website: null, version: 1 },
      {
        name: 'Amul Dairy',
        members: { total: 10, women: 5 },
        website: 'https://amul.example',
        version: 2,
      },
    );
    expect(rows.map((row) => [row.field, row.change])).toEqual([
      ['name', 'changed'],
      ['members.women', 'changed'],
      ['website', 'added'],
      ['version', 'changed'],
    ]);
  });

  it('compares a list of records as a set: a role given is one line added', () => {
    const member = { id: 'a', role: 'organization-member', scopeType: 'organization' };
    const admin = { id: 'b', role: 'organization-admin', scopeType: 'organization' };
    expect(diffFields([member], [member, admin])).toEqual([
      {
        field: '',
        before: { type: 'empty' },
        after: { type: 'list', items: ['role: organization-admin · scopeType: organization'] },
        change: 'changed',
      },
    ]);
  });

  it('renders before and after in words, with times in the reader’s zone, and the rest on demand', () => {
    renderWith(
      <AuditDiffTable
        before={{ name: 'Amul', revokedAt: null, access: 'read', isDemo: false }}
        after={{
          name: 'Amul Dairy',
          revokedAt: '2026-03-01T18:45:00.000Z',
          access: 'read',
          isDemo: true,
        }}
      />,
      'Asia/Kolkata',
    );
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = (index: number) =>
      within(rows[index] as HTMLElement)
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'namechanged',
      'revokedAtadded',
      'isDemochanged',
    ]);
    expect(cells(0)).toEqual(['Amul', 'Amul Dairy']);
    // 18:45 UTC is a quarter past midnight the next day in India.
    expect(cells(1)[0]).toBe('empty');
    expect(cells(1)[1]).toMatch(/^Mar 2, 2026,? 12:15:00\sAM$/);
    expect(cells(2)).toEqual(['no', 'yes']);
    expect(table.textContent).not.toContain('{');

    const more = screen.getByRole('button', { name: 'Show the unchanged field too' });
    expect(more.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(more);
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(5);
    expect(screen.getByText('unchanged')).toBeTruthy();
  });

  it('names the organization of a role and of an organizationId, not their ids', async () => {
    fetchStub.mockImplementation(async () => json({ id: organizationId, name: 'Amul Dairy' }));
    renderWith(
      <AuditDiffTable
        before={[]}
        after={[
          {
            id: 'g',
            role: 'organization-admin',
            scopeType: 'organization',
            scopeId: organizationId,
          },
        ]}
      />,
    );
    const cell = (await screen.findAllByRole('cell'))[1] as HTMLElement;
    await waitFor(() => expect(cell.textContent).toBe('role: organization-admin · Amul Dairy'));
    cleanup();
    renderWith(<AuditDiffTable before={null} after={{ organizationId, name: 'Read token' }} />);
    await screen.findByText('Amul Dairy');
    expect(document.body.textContent).not.toContain(organizationId);
  });

  it('shows a new record with its values only, without an empty "before" column', () => {
    renderWith(<AuditDiffTable before={null} after={{ email: 'ravi@coop.example' }} />);
    const headers = screen.getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers).toEqual(['Field', 'After']);
    expect(screen.getByText('ravi@coop.example')).toBeTruthy();
  });
});

describe('a new API token', () => {
  const me: Me = {
    accountId: crypto.randomUUID(),
    personId: crypto.randomUUID(),
    email: 'meera@coop.example',
    displayName: 'Meera',
    preferredLanguage: null,
    grants: [grant('organization-admin', organizationId)],
    csrfToken: 'csrf',
    sessionExpiresAt: null,
    signedIn: true,
  };
  const view = {
    id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d80',
    name: 'Accounting export',
    prefix: 'ic_abcdefg',
    organizationId,
    access: 'read',
    createdAt: '2026-03-01T10:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
  };
  const secret = 'ic_abcdefghijklmnopqrstuvwxyz0123456789ABCD';

  it('is shown once with a warning and a copy button, and never again', async () => {
    let created = false;
    fetchStub.mockImplementation(async (input, init) => {
      const url = new URL(String(input), 'http://intercoop.test');
      if (url.pathname === '/api/accounts/tokens' && init?.method === 'POST') {
        created = true;
        return json({ ...view, token: secret }, 201);
      }
      if (url.pathname === '/api/accounts/tokens') return json({ items: created ? [view] : [] });
      return json({ id: organizationId, name: 'Amul Dairy' });
    });
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const choices = roleChoices(me.grants);
    const first = renderWith(<TokensTab me={me} choices={choices} />);
    await screen.findByText('No token yet.');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Accounting export' } });
    await waitFor(() =>
      expect((screen.getByLabelText('Organization') as HTMLSelectElement).value).toBe(
        organizationId,
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create the token' }));

    const value = (await screen.findByLabelText('The token')) as HTMLInputElement;
    expect(value.value).toBe(secret);
    expect(value.readOnly).toBe(true);
    expect(screen.getByText(/it is shown only this once/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy the token' }));
    await screen.findByText('Copied.');
    expect(writeText).toHaveBeenCalledWith(secret);
    // The list shows the token by its prefix only.
    await screen.findByText('ic_abcdefg…');

    fireEvent.click(screen.getByRole('button', { name: 'I have kept it' }));
    expect(screen.queryByLabelText('The token')).toBeNull();
    expect(document.body.textContent).not.toContain(secret);

    // Coming back to the page: the list, and no way to see the token again.
    first.unmount();
    renderWith(<TokensTab me={me} choices={choices} />);
    await screen.findByText('ic_abcdefg…');
    expect(screen.queryByLabelText('The token')).toBeNull();
    expect(document.body.textContent).not.toContain(secret);
    const posts = fetchStub.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(String(posts[0]?.[1]?.body))).toEqual({
      name: 'Accounting export',
      organizationId,
      access: 'read',
    });
  });
});
