// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import type { Organization } from '../api/organizations.ts';
import type { Problem } from '../api/problem.ts';
import { TestDataProvider } from '../data/test-data-provider.tsx';
import { english as en } from '../i18n/locales.ts';
import { SessionProvider } from '../session/session-provider.tsx';
import { changeFrom, draftFrom, OrganizationEditForm } from './organization-edit-form.tsx';
import { SignInPage } from './sign-in-page.tsx';

// The forms load the server's schemas as they open; loaded once here, as a browser keeps them.
beforeAll(() => import('../../../src/modules/network/schemas.ts'), 30_000);

const organization: Organization = {
  id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e',
  name: 'Shri Mahila Sewa Sahakari Bank',
  shortName: 'SEWA Bank',
  otherNames: [],
  kind: 'cooperative',
  legalForm: null,
  sector: 'finance',
  country: 'IN',
  region: 'Gujarat',
  locality: 'Ahmedabad',
  coordinates: null,
  languages: ['gu', 'hi'],
  foundingYear: 1974,
  members: { total: 100, women: 100, men: 0 },
  employees: 12,
  website: null,
  contacts: {},
  description: null,
  descriptions: {},
  principles: [{ principle: 1, score: 4 }],
  logoUrl: null,
  isDemo: false,
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
};

type Answer = (url: URL, init: RequestInit | undefined) => Response;
const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();

function serve(answer: Answer) {
  fetchStub.mockImplementation(async (input, init) =>
    answer(new URL(String(input), 'http://intercoop.test'), init),
  );
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}

function problem(status: number, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title: 'Problem', status, ...extra };
}

function renderWith(element: ReactElement) {
  return render(
    <IntlProvider locale="en" messages={en}>
      <Router>
        <TestDataProvider>
          <SessionProvider>{element}</SessionProvider>
        </TestDataProvider>
      </Router>
    </IntlProvider>,
  );
}

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the sign-in form', () => {
  it("shows the server's field errors beside each field and in a summary", async () => {
    serve((url) =>
      url.pathname === '/api/auth/me'
        ? json(problem(401), 401)
        : json(
            problem(400, {
              errors: [
                { pointer: '/email', detail: 'Use an email address, such as amina@coop.example.' },
              ],
            }),
            400,
          ),
    );
    renderWith(<SignInPage />);
    // An address the schema takes (it would word a malformed one itself), refused by the server.
    fireEvent.change(screen.getByLabelText('Email address'), {
      target: { value: 'amina@coop.example' },
    });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Please correct the following:')).toBeTruthy();
    const link = within(alert).getByRole('link');
    expect(link.getAttribute('href')).toBe('#sign-in-email');
    const email = screen.getByLabelText('Email address');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = email.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe(
      'Use an email address, such as amina@coop.example.',
    );
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBeNull();
  });

  it('says the email or password is wrong on 401, and sends the CSRF-free login once', async () => {
    serve(() => json(problem(401), 401));
    renderWith(<SignInPage />);
    fireEvent.change(screen.getByLabelText('Email address'), { target: { value: 'a@b.example' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('The email address or the password is not right.')).toBeTruthy();
    const logins = fetchStub.mock.calls.filter(([input]) => String(input) === '/api/auth/login');
    expect(logins).toHaveLength(1);
    expect(JSON.parse(String(logins[0]?.[1]?.body))).toEqual({
      email: 'a@b.example',
      password: 'wrong',
    });
  });
});

describe('the organization edit form', () => {
  function renderForm() {
    const onSaved = vi.fn();
    const onCancel = vi.fn();
    renderWith(
      <OrganizationEditForm organization={organization} onSaved={onSaved} onCancel={onCancel} />,
    );
    return { onSaved, onCancel };
  }

  it('sends only what changed, with the version read; empty clears', async () => {
    const requests: unknown[] = [];
    serve((url, init) => {
      if (url.pathname === '/api/auth/me') return json(problem(401), 401);
      requests.push(JSON.parse(String(init?.body)));
      return json({ ...organization, version: 4, employees: 15, region: null });
    });
    const { onSaved } = renderForm();
    fireEvent.change(screen.getByLabelText('Employees'), { target: { value: '15' } });
    fireEvent.change(screen.getByLabelText('Region or state'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(requests).toEqual([{ version: 3, employees: 15, region: null }]);
  });

  it('shows each field error under its field, the rest in the summary', async () => {
    serve((url) =>
      url.pathname === '/api/auth/me'
        ? json(problem(401), 401)
        : json(
            problem(400, {
              errors: [
                {
                  pointer: '/members/total',
                  detail: 'Women and men members together cannot be more than the total.',
                },
                {
                  pointer: '/website',
                  detail: 'Use a full web address starting with https:// or http://.',
                },
              ],
            }),
            400,
          ),
    );
    renderForm();
    // 150 agrees with the 100 women here, and the address is one: the client (and the server's
    // schema) let them through; the server refuses them.
    fireEvent.change(screen.getByLabelText('Members'), { target: { value: '150' } });
    fireEvent.change(screen.getByLabelText('Website'), {
      target: { value: 'https://coop.example' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(
      within(alert)
        .getAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).toEqual(['#edit-organization-members-total', '#edit-organization-website']);
    expect(screen.getByLabelText('Website').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('edit-organization-members-total-error')?.textContent).toBe(
      'Women and men members together cannot be more than the total.',
    );
  });

  it('refuses a number that is not one, without asking the server', async () => {
    serve(() => json(problem(401), 401));
    renderForm();
    await waitFor(() => expect(fetchStub).toHaveBeenCalledTimes(1));
    fireEvent.change(screen.getByLabelText('Employees'), { target: { value: 'twelve' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter a number, or leave it empty.')).toBeTruthy();
    expect(fetchStub).toHaveBeenCalledTimes(1);
  });

  it('on 409 says someone else changed it, keeps my change and takes theirs elsewhere', async () => {
    const theirs = { ...organization, version: 4, employees: 20 };
    const requests: unknown[] = [];
    serve((url, init) => {
      if (url.pathname === '/api/auth/me') return json(problem(401), 401);
      const body = JSON.parse(String(init?.body)) as { version: number };
      requests.push(body);
      return body.version === 3
        ? json(problem(409, { current: theirs }), 409)
        : json({ ...theirs, version: 5, locality: 'Anand' });
    });
    const { onSaved } = renderForm();
    fireEvent.change(screen.getByLabelText('Town or village'), { target: { value: 'Anand' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Someone else changed this organization while you were editing it.',
    );
    // What the other person wrote, beside the field's name.
    expect(alert.textContent).toContain('They changed: Employees (now 20).');
    expect((screen.getByLabelText('Town or village') as HTMLInputElement).value).toBe('Anand');
    expect((screen.getByLabelText('Employees') as HTMLInputElement).value).toBe('20');

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(requests.at(-1)).toEqual({ version: 4, locality: 'Anand' });
  });
});

describe('turning the form into a change', () => {
  it('sends coordinates as a pair and languages as a list', () => {
    const draft = {
      ...draftFrom(organization),
      lat: '23.03',
      lon: '72,58',
      languages: 'gu, HI en',
    };
    expect(changeFrom(organization, draft).change).toEqual({
      version: 3,
      coordinates: { lat: 23.03, lon: 72.58 },
      languages: ['gu', 'hi', 'en'],
    });
    const half = { ...draftFrom(organization), lat: '23.03' };
    expect(changeFrom(organization, half).local).toEqual({
      'edit-organization-coordinates-lon': 'organizations.form.coordinatesPair',
    });
  });
});
