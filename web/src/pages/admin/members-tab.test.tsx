// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MemberView } from '../../api/admin.ts';
import { TestDataProvider } from '../../data/test-data-provider.tsx';
import adminEn from '../../i18n/areas/admin/en.json';
import shellEn from '../../i18n/en.json';
import type { Messages } from '../../i18n/locales.ts';
import { MembersTab } from './members-tab.tsx';

const messages = { ...shellEn, ...adminEn } as Messages;
const organizationId = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';

const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

const kamla: MemberView = {
  membershipId: '0190f0c4-8e2a-7c3b-9d1e-000000000011',
  personId: '0190f0c4-8e2a-7c3b-9d1e-000000000012',
  displayName: 'Kamla Ben',
  phone: null,
  preferredLanguage: null,
  organizationId,
  kind: 'worker-member',
  startedOn: '2024-02-01',
  endedOn: null,
  version: 1,
  personVersion: 4,
};

type Sent = { method: string; path: string; body: unknown };

function serve(patch: (body: Record<string, unknown>) => Response): Sent[] {
  const sent: Sent[] = [];
  fetchStub.mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://intercoop.test');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method, path: url.pathname, body });
    if (url.pathname === `/api/network/organizations/${organizationId}`)
      return json({ id: organizationId, name: 'Amul Dairy', country: 'IN' });
    if (url.pathname.endsWith('/members') && method === 'GET')
      return json({ items: [kamla], nextCursor: null });
    if (url.pathname === `/api/accounts/people/${kamla.personId}` && method === 'PATCH')
      return patch(body);
    return json({ type: 'about:blank', title: 'Not found', status: 404 }, 404);
  });
  return sent;
}

beforeEach(() => {
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderTab() {
  return render(
    <IntlProvider locale="en" messages={messages} timeZone="UTC">
      <TestDataProvider>
        <MembersTab choices={{ roles: [], organizations: [organizationId] }} />
      </TestDataProvider>
    </IntlProvider>,
  );
}

describe('the members tab', () => {
  it('lists the members of the admin’s organization and sets a phone typed nationally', async () => {
    const sent = serve((body) =>
      json({
        id: kamla.personId,
        displayName: kamla.displayName,
        preferredLanguage: null,
        phone: body.phone ? '+919876543210' : null,
        version: 5,
      }),
    );
    renderTab();
    const item = (await screen.findByText('Kamla Ben')).closest('li') as HTMLElement;
    expect(within(item).getByText('No phone')).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Change the phone' }));
    const field = within(item).getByLabelText('Phone (optional)');
    await waitFor(() => expect(within(item).getByText(/read as a number of IN/)).toBeTruthy());
    fireEvent.change(field, { target: { value: '098765 43210' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Save the phone' }));
    expect(await within(item).findByText('+919876543210')).toBeTruthy();
    expect(sent.find((request) => request.method === 'PATCH')?.body).toEqual({
      version: 4,
      phone: '098765 43210',
      defaultCountry: 'IN',
    });
    expect(screen.getByText('The phone of Kamla Ben was saved.')).toBeTruthy();
  });

  it('shows the server’s refusal of a phone at the field, in the reader’s words', async () => {
    serve(() =>
      json(
        {
          type: 'about:blank',
          title: 'Bad request',
          status: 400,
          errors: [
            {
              pointer: '/phone',
              detail: 'This is not a valid phone number in its country: check its digits.',
              code: 'invalid-phone',
              params: { reason: 'not-valid-for-country', country: 'IN' },
            },
          ],
        },
        400,
      ),
    );
    renderTab();
    const item = (await screen.findByText('Kamla Ben')).closest('li') as HTMLElement;
    fireEvent.click(within(item).getByRole('button', { name: 'Change the phone' }));
    fireEvent.change(within(item).getByLabelText('Phone (optional)'), {
      target: { value: '+91 55555 55555' },
    });
    fireEvent.click(within(item).getByRole('button', { name: 'Save the phone' }));
    expect(
      await within(item).findByText('This is not a valid phone number in IN; check its digits.'),
    ).toBeTruthy();
  });

  it('on a stale version shows the current copy and says so', async () => {
    serve(() =>
      json(
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          detail: 'Someone else changed this person.',
          current: { ...kamla, id: kamla.personId, phone: '+254712345678', version: 6 },
        },
        409,
      ),
    );
    renderTab();
    const item = (await screen.findByText('Kamla Ben')).closest('li') as HTMLElement;
    fireEvent.click(within(item).getByRole('button', { name: 'Change the phone' }));
    fireEvent.change(within(item).getByLabelText('Phone (optional)'), {
      target: { value: '+91 98765 43210' },
    });
    fireEvent.click(within(item).getByRole('button', { name: 'Save the phone' }));
    expect(await within(item).findByText('+254712345678')).toBeTruthy();
    expect(screen.getByText(/Someone changed Kamla Ben meanwhile/)).toBeTruthy();
  });
});
