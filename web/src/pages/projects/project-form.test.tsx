// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import type { Me } from '../../api/auth.ts';
import type { Problem } from '../../api/problem.ts';
import type { OrganizationChoice, Project } from '../../api/projects.ts';
import { english } from '../../i18n/locales.ts';
import { StaticSessionProvider } from '../../session/session-provider.tsx';
import { NewProjectPage, ProjectForm } from './project-form-page.tsx';

// The forms load the server's schemas as they open; loaded once here, as a browser keeps them.
beforeAll(() => import('../../../../src/modules/projects/schemas.ts'), 30_000);

const project: Project = {
  id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d70',
  title: 'Solar kilns',
  summary: null,
  sector: 'energy-utilities',
  status: 'active',
  startedOn: null,
  endedOn: null,
  countries: ['KE', 'UG'],
  sources: [],
  participants: [],
  targets: [],
  results: [],
  isDemo: false,
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

type Call = { method: string; path: string; body: unknown };
let calls: Call[] = [];
type Answer = (call: Call) => Response;
const fetchStub = vi.fn<(input: string | URL | Request, init?: RequestInit) => Promise<Response>>();

function serve(answer: Answer) {
  fetchStub.mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://intercoop.test');
    const call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return answer(call);
  });
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

function renderForm(initial: Project | null, ownOrganizations?: OrganizationChoice[]) {
  return render(
    <IntlProvider locale="en" messages={english}>
      <Router>
        <ProjectForm project={initial} ownOrganizations={ownOrganizations} />
      </Router>
    </IntlProvider>,
  );
}

beforeEach(() => {
  window.history.replaceState(null, '', '/projects/new');
  calls = [];
  fetchStub.mockReset();
  vi.stubGlobal('fetch', fetchStub);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const submit = (name: string) => fireEvent.click(screen.getByRole('button', { name }));
const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

function addCountry(code: string) {
  fireEvent.change(field('Country to add'), { target: { value: code } });
  fireEvent.click(screen.getByRole('button', { name: 'Add the country' }));
}

describe('the project form', () => {
  it('checks before sending: errors beside the fields and in a summary that takes focus', async () => {
    serve(() => json({}));
    renderForm(null);
    fireEvent.click(screen.getByRole('button', { name: 'Add a target or a result' }));
    // The new figure's first field takes focus.
    await waitFor(() => expect(document.activeElement).toBe(field('Target or result')));
    fireEvent.change(field('Amount'), { target: { value: '12.5' } });
    fireEvent.change(field('Year'), { target: { value: '20x5' } });
    submit('Create the project');

    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(alert));
    const links = within(alert)
      .getAllByRole('link')
      .map((link) => [link.getAttribute('href'), link.textContent]);
    expect(links).toEqual([
      ['#project-form-title', 'Title: Give the project a title.'],
      ['#project-form-countries', 'Countries: Add at least one country the project works in.'],
      [
        '#project-form-figures-0-amount',
        'Figure 1, Amount: This is counted whole: use a whole number.',
      ],
      [
        '#project-form-figures-0-period',
        'Figure 1, Year: Enter a year between 1900 and 2100, such as 2024.',
      ],
    ]);
    const amount = field('Amount');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(amount.getAttribute('aria-describedby')).toContain(
      'project-form-figures-0-amount-error',
    );
    expect(document.getElementById('project-form-figures-0-amount-error')?.textContent).toBe(
      'This is counted whole: use a whole number.',
    );
    expect(calls.filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it("places the server's errors by pointer, keeps what was typed, and lists the rest", async () => {
    serve(() =>
      json(
        problem(400, {
          errors: [
            { pointer: '/sources/0', detail: 'Use a web address starting with https://.' },
            { pointer: '/somewhere', detail: 'Something else is wrong.' },
          ],
        }),
        400,
      ),
    );
    renderForm(null);
    fireEvent.change(field('Title'), { target: { value: 'Solar kilns' } });
    // A source the schema takes (an address that is not one would be refused before sending),
    // which the server refuses all the same.
    fireEvent.change(field('Sources'), { target: { value: 'https://kilns.example/report' } });
    addCountry('KE');
    submit('Create the project');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link').getAttribute('href')).toBe('#project-form-sources');
    expect(within(alert).getByText('Something else is wrong.')).toBeTruthy();
    expect(document.getElementById('project-form-sources-error')?.textContent).toBe(
      'Use a web address starting with https://.',
    );
    expect(field('Title').value).toBe('Solar kilns');
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({
      title: 'Solar kilns',
      countries: ['KE'],
      sources: ['https://kilns.example/report'],
    });
  });

  it('sends money as an exact decimal in its currency, and shows a refused figure under its field', async () => {
    serve((call) => {
      if (call.path === '/api/projects') return json(project, 201);
      return json(
        problem(400, { errors: [{ pointer: '/amount', detail: 'BHD has 3 decimal places.' }] }),
        400,
      );
    });
    renderForm(null);
    fireEvent.change(field('Title'), { target: { value: 'Solar kilns' } });
    addCountry('KE');
    addCountry('UG');
    fireEvent.click(screen.getByRole('button', { name: 'Add a target or a result' }));
    fireEvent.change(field('Indicator'), { target: { value: 'money-mobilised' } });
    fireEvent.change(field('Currency'), { target: { value: 'bhd' } });
    fireEvent.change(field('Amount'), { target: { value: '12 500,25' } });
    fireEvent.change(field('Year'), { target: { value: '2025' } });
    submit('Create the project');

    await screen.findByRole('alert');
    const figure = calls.find((call) => call.path.endsWith('/figures'));
    expect(figure?.body).toEqual({
      version: 3,
      kind: 'result',
      indicator: 'money-mobilised',
      amount: '12500.250',
      currency: 'BHD',
      country: null,
      period: 2025,
    });
    expect(document.getElementById('project-form-figures-0-amount-error')?.textContent).toBe(
      'BHD has 3 decimal places.',
    );
    // The project exists now: the form says so and keeps the figure to send again.
    expect(screen.getByText(/The project is created/)).toBeTruthy();
    expect(field('Amount').value).toBe('12 500,25');
  });

  it('explains a conflict: the other person’s change comes in, the reader’s stays', async () => {
    const newer: Project = { ...project, title: 'Solar kilns for weavers', version: 4 };
    serve(() =>
      json(problem(409, { detail: 'Someone else changed this project.', current: newer }), 409),
    );
    renderForm(project);
    fireEvent.change(field('Summary'), { target: { value: 'Kilns that dry wool.' } });
    submit('Save');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Someone else changed this project meanwhile')).toBeTruthy();
    expect(within(alert).getByText('Changed meanwhile: Title.')).toBeTruthy();
    expect(field('Title').value).toBe('Solar kilns for weavers');
    expect(field('Summary').value).toBe('Kilns that dry wool.');
    expect(calls[0]?.body).toEqual({ version: 3, summary: 'Kilns that dry wool.' });

    // Saving again sends the newer version.
    serve(() => json({ ...newer, summary: 'Kilns that dry wool.', version: 5 }));
    submit('Save');
    await waitFor(() =>
      expect(calls.at(-1)?.body).toEqual({ version: 4, summary: 'Kilns that dry wool.' }),
    );
  });
});

const weavers = {
  id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d71',
  name: 'Solar Weavers',
  country: 'KE',
};
const fund = { id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d72', name: 'Green Fund', country: 'NL' };

describe('an organization’s admin starting a project', () => {
  it('names their organization lead from the start and says why', async () => {
    serve((call) =>
      json(
        { ...project, id: project.id, title: 'Kilns', version: 1, ...(call.body as object) },
        201,
      ),
    );
    renderForm(null, [weavers]);
    expect(screen.getByText(/Your organization must lead this project/).textContent).toContain(
      'Solar Weavers',
    );
    const added = screen.getByRole('list', { name: 'Participants to add' });
    expect(added.textContent).toContain('Solar Weavers — Lead');
    fireEvent.change(field('Title'), { target: { value: 'Kilns' } });
    addCountry('KE');
    submit('Create the project');
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    const sent = calls.find((call) => call.method === 'POST')?.body as {
      participants: unknown[];
    };
    expect(sent.participants).toEqual([{ organizationId: weavers.id, role: 'lead' }]);
  });

  it('refuses to send a project that their organization does not lead', async () => {
    serve(() => json({}));
    renderForm(null, [weavers]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Solar Weavers (Lead)' }));
    fireEvent.change(field('Title'), { target: { value: 'Kilns' } });
    addCountry('KE');
    submit('Create the project');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Add Solar Weavers as a lead: as an organization’s administrator',
    );
    expect(calls).toEqual([]);
  });
});

describe('removing what is saved', () => {
  const saved: Project = {
    ...project,
    participants: [
      { organizationId: weavers.id, organizationName: weavers.name, role: 'lead', note: null },
      { organizationId: fund.id, organizationName: fund.name, role: 'funder', note: null },
    ],
    results: [
      {
        id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d80',
        kind: 'result',
        indicator: 'people-trained',
        unit: 'people',
        amount: '1200',
        currency: null,
        country: 'KE',
        period: 2025,
        note: null,
        source: null,
      },
    ],
  };

  it('removes a participant after a confirmation that names it, then says so', async () => {
    serve(() => json({ ...saved, version: 4, participants: saved.participants.slice(0, 1) }));
    renderForm(saved);
    fireEvent.click(
      screen.getByRole('button', { name: 'Remove Green Fund (Funder) from the project' }),
    );
    const question = screen.getByText(
      'Remove Green Fund (Funder) from this project? This is saved at once.',
    );
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() =>
      expect(calls).toEqual([
        {
          method: 'DELETE',
          path: `/api/projects/${saved.id}/participants/${fund.id}/funder`,
          body: undefined,
        },
      ]),
    );
    expect(String(fetchStub.mock.calls[0]?.[0])).toContain('?version=3');
    const status = await screen.findByText(
      'Green Fund (Funder) no longer takes part in the project.',
    );
    await waitFor(() => expect(document.activeElement).toBe(status));
    expect(screen.queryByRole('button', { name: /Remove Green Fund/ })).toBeNull();
  });

  it('keeps the only lead, saying why, without asking the server', async () => {
    serve(() => json({}));
    renderForm(saved);
    fireEvent.click(
      screen.getByRole('button', { name: 'Remove Solar Weavers (Lead) from the project' }),
    );
    const refusal = screen.getByText(/Solar Weavers is this project’s only lead/);
    await waitFor(() => expect(document.activeElement).toBe(refusal));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Remove Solar Weavers (Lead) from the project' }),
      ),
    );
    expect(calls).toEqual([]);
  });

  it('withdraws a result after confirming; a stale version shows the newer copy and says so', async () => {
    const newer = { ...saved, version: 5, title: 'Solar kilns, renamed' };
    serve(() =>
      json(problem(409, { detail: 'Someone else changed this project.', current: newer }), 409),
    );
    renderForm(saved);
    fireEvent.click(
      screen.getByRole('button', { name: 'Withdraw Result People trained: 1,200 · Kenya · 2025' }),
    );
    expect(
      screen.getByText(/Withdraw “Result People trained: 1,200 · Kenya · 2025”\? Do this only/),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, withdraw' }));
    const error = await screen.findByText(/Someone else changed this project meanwhile/);
    await waitFor(() => expect(document.activeElement).toBe(error));
    expect(String(fetchStub.mock.calls[0]?.[0])).toContain(
      `/figures/${saved.results[0]?.id}?version=3`,
    );
    // The title field follows the newer copy, since the reader had not changed it.
    expect(field('Title').value).toBe('Solar kilns, renamed');
  });
});

describe('the page to start a project', () => {
  const admin: Me = {
    accountId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d90',
    personId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d91',
    email: 'amina@weavers.example',
    displayName: 'Amina',
    preferredLanguage: null,
    grants: [
      {
        id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d92',
        role: 'organization-admin',
        scopeType: 'organization',
        scopeId: weavers.id,
      },
    ],
    csrfToken: 'token',
    sessionExpiresAt: null,
    signedIn: true,
  };
  const renderPage = (me: Me | null) =>
    render(
      <IntlProvider locale="en" messages={english}>
        <Router>
          <StaticSessionProvider me={me}>
            <NewProjectPage />
          </StaticSessionProvider>
        </Router>
      </IntlProvider>,
    );

  it('loads the admin’s organization and names it lead; after a failure, a retry', async () => {
    let fail = true;
    serve((call) =>
      fail
        ? json(problem(503, { detail: 'Down for a moment.' }), 503)
        : json({ ...weavers, path: call.path }),
    );
    renderPage(admin);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your organization could not be loaded');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    const added = await screen.findByRole('list', { name: 'Participants to add' });
    expect(added.textContent).toContain('Solar Weavers — Lead');
    expect(calls.map((call) => call.path)).toEqual([
      `/api/network/organizations/${weavers.id}`,
      `/api/network/organizations/${weavers.id}`,
    ]);
  });

  it('is refused to a member, and asks a visitor to sign in', () => {
    serve(() => json({}));
    renderPage({
      ...admin,
      grants: [{ ...(admin.grants[0] as Me['grants'][number]), role: 'organization-member' }],
    });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'You cannot change projects here',
    );
    cleanup();
    renderPage(null);
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeTruthy();
    expect(calls).toEqual([]);
  });
});
