// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import type { AccountView } from '../../api/admin.ts';
import type { Me } from '../../api/auth.ts';
import adminEn from '../../i18n/areas/admin/en.json';
import shellEn from '../../i18n/en.json';
import type { Messages } from '../../i18n/locales.ts';
import { ExchangeTab } from './exchange-tab.tsx';
import { PeopleTab } from './people-tab.tsx';
import { roleChoices } from './role-choices.ts';

const messages = { ...shellEn, ...adminEn } as Messages;
const organizationId = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';

const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
const problem = (status: number, detail: string) =>
  json({ type: 'about:blank', title: 'Refused', status, detail }, status);

function renderWith(element: ReactElement) {
  return render(
    <IntlProvider locale="en" messages={messages} timeZone="UTC">
      <Router>{element}</Router>
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
  vi.restoreAllMocks();
});

function me(role: 'network-admin' | 'organization-admin'): Me {
  return {
    accountId: '0190f0c4-8e2a-7c3b-9d1e-000000000001',
    personId: crypto.randomUUID(),
    email: 'meera@coop.example',
    displayName: 'Meera',
    preferredLanguage: null,
    grants: [
      role === 'network-admin'
        ? { id: crypto.randomUUID(), role, scopeType: 'network', scopeId: null }
        : { id: crypto.randomUUID(), role, scopeType: 'organization', scopeId: organizationId },
    ],
    csrfToken: 'csrf',
    sessionExpiresAt: null,
    signedIn: true,
  };
}

function account(name: string, fields: Partial<AccountView> = {}): AccountView {
  const slug = name.toLowerCase().replace(/\W+/g, '.');
  return {
    id: crypto.randomUUID(),
    email: `${slug}@coop.example`,
    displayName: name,
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    grants: [
      {
        id: crypto.randomUUID(),
        role: 'organization-member',
        scopeType: 'organization',
        scopeId: organizationId,
      },
    ],
    ...fields,
  };
}

type Handler = (url: URL, init: RequestInit | undefined) => Response | Promise<Response> | null;

function serve(handler: Handler) {
  fetchStub.mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://intercoop.test');
    const answer = await handler(url, init);
    if (answer) return answer;
    if (url.pathname === '/api/accounts/invitations') return json({ items: [] });
    if (url.pathname.startsWith('/api/network/organizations/'))
      return json({ id: organizationId, name: 'Amul Dairy' });
    throw new Error(`unexpected ${init?.method ?? 'GET'} ${url}`);
  });
}

const calls = (method: string, path: RegExp) =>
  fetchStub.mock.calls.filter(
    ([input, init]) =>
      (init?.method ?? 'GET') === method &&
      path.test(new URL(String(input), 'http://intercoop.test').pathname),
  );

/** Picks a role in the form with these ids, and waits for its organization to be chosen. */
async function chooseRole(idPrefix: string, role: string) {
  await waitFor(() => expect(document.getElementById(`${idPrefix}-role`)).toBeTruthy());
  fireEvent.change(document.getElementById(`${idPrefix}-role`) as HTMLSelectElement, {
    target: { value: role },
  });
  await waitFor(() =>
    expect((document.getElementById(`${idPrefix}-organization`) as HTMLSelectElement).value).toBe(
      organizationId,
    ),
  );
}

describe('the people list', () => {
  it('searches on the server and shows more a page at a time', async () => {
    const first = Array.from({ length: 3 }, (_, index) => account(`Person ${index + 100}`));
    const more = account('Zainab Last');
    serve((url) => {
      if (url.pathname !== '/api/accounts/accounts') return null;
      if (url.searchParams.get('q') === 'zain') return json({ items: [more], nextCursor: null });
      if (url.searchParams.get('cursor') === 'page-2')
        return json({ items: [more], nextCursor: null });
      return json({ items: first, nextCursor: 'page-2' });
    });
    renderWith(
      <PeopleTab me={me('network-admin')} choices={roleChoices(me('network-admin').grants)} />,
    );
    await screen.findByText('The first 3 people are shown.');
    fireEvent.click(screen.getByRole('button', { name: 'Show more people' }));
    await screen.findByText('4 people.');
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Zainab Last'));
    expect(screen.queryByRole('button', { name: 'Show more people' })).toBeNull();

    fireEvent.change(screen.getByLabelText('Find a person (name or email)'), {
      target: { value: ' zain ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByText('One person’s name or email contains “zain”.');
    expect(screen.queryByText('Person 100')).toBeNull();
    const searched = calls('GET', /^\/api\/accounts\/accounts$/).map(
      ([input]) => new URL(String(input), 'http://intercoop.test').searchParams,
    );
    expect(searched.map((params) => params.get('cursor'))).toContain('page-2');
    expect(searched.at(-1)?.get('q')).toBe('zain');
    fireEvent.click(screen.getByRole('button', { name: 'Show everyone' }));
    await screen.findByText('The first 3 people are shown.');
  });

  it('changes a role with one request, and explains a 409 when it changed meanwhile', async () => {
    const person = account('Ravi Kumar');
    const oldGrant = person.grants[0];
    let answer: 'ok' | 'conflict' = 'conflict';
    serve((url, init) => {
      if (url.pathname === '/api/accounts/accounts' && init?.method === 'GET')
        return json({ items: [person], nextCursor: null });
      if (init?.method === 'PUT') {
        return answer === 'conflict'
          ? problem(409, 'This role was taken back or changed meanwhile.')
          : json({ ...person, grants: [{ ...oldGrant, role: 'partner-viewer' }] });
      }
      return null;
    });
    const organizationAdmin = me('organization-admin');
    renderWith(
      <PeopleTab me={organizationAdmin} choices={roleChoices(organizationAdmin.grants)} />,
    );
    await screen.findByText('Ravi Kumar');
    fireEvent.click(screen.getByRole('button', { name: /^Change Organization member/ }));
    await chooseRole(`change-${oldGrant?.id}`, 'partner-viewer');
    fireEvent.click(screen.getByRole('button', { name: 'Change the role' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/was taken back or changed by someone else meanwhile/);
    const puts = calls('PUT', /\/roles\//);
    expect(puts).toHaveLength(1);
    expect(String(puts[0]?.[0])).toBe(`/api/accounts/accounts/${person.id}/roles/${oldGrant?.id}`);
    expect(JSON.parse(String(puts[0]?.[1]?.body))).toEqual({
      role: 'partner-viewer',
      scopeType: 'organization',
      scopeId: organizationId,
    });
    // Neither a grant nor a revoke: the change is the one request.
    expect(calls('POST', /\/roles$/)).toHaveLength(0);
    expect(calls('DELETE', /\/roles\//)).toHaveLength(0);

    answer = 'ok';
    fireEvent.click(screen.getByRole('button', { name: /^Change Organization member/ }));
    await chooseRole(`change-${oldGrant?.id}`, 'partner-viewer');
    fireEvent.click(screen.getByRole('button', { name: 'Change the role' }));
    await screen.findByText(/Ravi Kumar had the role/);
  });

  it('lets a network admin disable someone after a confirmation naming them, never themselves', async () => {
    const admin = me('network-admin');
    const leaver = account('Lila Leaving');
    const self = account('Meera', { id: admin.accountId, email: admin.email });
    let disabled = false;
    serve((url, init) => {
      if (url.pathname === '/api/accounts/accounts' && init?.method === 'GET')
        return json({
          items: [self, { ...leaver, status: disabled ? 'disabled' : 'active' }],
          nextCursor: null,
        });
      if (url.pathname === `/api/accounts/accounts/${leaver.id}/disable`) {
        disabled = true;
        return json({ ...leaver, status: 'disabled' });
      }
      return null;
    });
    renderWith(<PeopleTab me={admin} choices={roleChoices(admin.grants)} />);
    await screen.findByText('Lila Leaving');
    expect(screen.queryByRole('button', { name: 'Disable the account of Meera' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Disable the account of Lila Leaving' }));
    const confirm = screen.getByRole('button', { name: 'Yes, disable it' });
    expect(document.activeElement).toBe(confirm);
    expect(
      screen.getByText(/Disable the account of Lila Leaving \(lila\.leaving@coop\.example\)\?/),
    ).toBeTruthy();
    expect(calls('POST', /\/disable$/)).toHaveLength(0);
    fireEvent.click(confirm);
    await screen.findByText(/The account of Lila Leaving is disabled/);
    const card = (await screen.findByText('Account disabled: cannot sign in.')).closest('li');
    expect(card).toBeTruthy();
    within(card as HTMLElement).getByRole('button', {
      name: 'Enable the account of Lila Leaving',
    });
    expect(calls('POST', /\/disable$/)).toHaveLength(1);
  });

  it('offers organization admins no disable button, and says why', async () => {
    const organizationAdmin = me('organization-admin');
    serve((url) =>
      url.pathname === '/api/accounts/accounts'
        ? json({ items: [account('Ravi Kumar')], nextCursor: null })
        : null,
    );
    renderWith(
      <PeopleTab me={organizationAdmin} choices={roleChoices(organizationAdmin.grants)} />,
    );
    await screen.findByText('Ravi Kumar');
    expect(screen.queryByRole('button', { name: /Disable the account/ })).toBeNull();
    expect(screen.getByText(/Only network admins disable an account/)).toBeTruthy();
  });
});

describe('the export', () => {
  it('says in words that the session ended instead of saving the error as the file', async () => {
    serve(() => problem(401, 'Sign in to do this.'));
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    renderWith(<ExchangeTab />);
    fireEvent.click(screen.getByRole('button', { name: 'Download as JSON' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your session has ended.');
    expect(within(alert).getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe(
      '/sign-in?next=%2Fadmin%2Fexchange',
    );
    expect(createObjectURL).not.toHaveBeenCalled();
  });

  it('hands the file to the browser under the name the server gives', async () => {
    serve(
      () =>
        new Response('{"organizations":[]}', {
          status: 200,
          headers: {
            'content-type': 'application/json',
            'content-disposition': 'attachment; filename="intercoop-registry-2026-11-26.json"',
          },
        }),
    );
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:registry');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    renderWith(<ExchangeTab />);
    fireEvent.click(screen.getByRole('button', { name: 'Download as zipped CSV' }));
    await screen.findByText('intercoop-registry-2026-11-26.json is downloaded.');
    expect(String(fetchStub.mock.calls[0]?.[0])).toBe('/api/network/registry/export?format=csv');
    expect(clicked[0]?.download).toBe('intercoop-registry-2026-11-26.json');
    expect(clicked[0]?.getAttribute('href')).toBe('blob:registry');
    const saved = createObjectURL.mock.calls[0]?.[0] as Blob | undefined;
    expect(await saved?.text()).toBe('{"organizations":[]}');
    click.mockRestore();
  });
});
