// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import type { Me } from '../../api/auth.ts';
import type { BoardFilters, Intent, Suggestion } from '../../api/intents.ts';
import type { Problem } from '../../api/problem.ts';
import { TestDataProvider } from '../../data/test-data-provider.tsx';
import { type Locale, loadMessages, type Messages } from '../../i18n/locales.ts';
import { SessionProvider } from '../../session/session-provider.tsx';
import { boardSearchParams, emptyBoardFilters, readBoardFilters } from './board-filters.ts';
import { BoardPage } from './board-page.tsx';
import { IntentForm } from './intent-form-page.tsx';
import { ScoreBreakdown } from './suggestion-reasons.tsx';

// The forms load the server's schemas as they open; loaded once here, as a browser keeps them.
beforeAll(() => import('../../../../src/modules/network/intents/intent-schemas.ts'), 30_000);

const catalogues: Record<Locale, Messages> = {
  en: await loadMessages('en'),
  fr: await loadMessages('fr'),
  es: await loadMessages('es'),
  hi: await loadMessages('hi'),
};

const askerId = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';
const otherId = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7f';

const need: Intent = {
  id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d80',
  organizationId: askerId,
  organizationName: 'Anand Dairy Cooperative',
  direction: 'need',
  title: 'Beekeeping training for dairy members',
  description: 'Hives and honey.',
  sector: 'agriculture',
  countries: ['IN'],
  kind: 'training',
  validFrom: null,
  validUntil: '2031-12-31',
  status: 'open',
  expired: false,
  closedAt: null,
  isDemo: false,
  version: 2,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
};

const suggestion: Suggestion = {
  intent: {
    ...need,
    id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d81',
    organizationId: otherId,
    organizationName: 'Kheda Honey Growers',
    direction: 'offer',
    title: 'Beekeeping and honey extraction training',
  },
  score: 0.35 + 0.25 * 0.96 + 0.25 * (2 / 3) + 0.15,
  components: { sector: 1, place: 0.96, text: 0.667, ties: 1 },
  reasons: [
    'Same sector: agriculture.',
    'Both in India.',
    'About 35 km apart.',
    "Shares the words 'beekeeping', 'honey'.",
    'Anand Dairy Cooperative is a member of Gujarat Federation.',
  ],
  reasonCodes: [
    { code: 'same-sector', sector: 'agriculture' },
    { code: 'same-country', country: 'IN' },
    { code: 'near', km: 34.2 },
    { code: 'shared-words', words: ['beekeeping', 'honey'] },
    {
      code: 'affiliation',
      kind: 'member-of',
      memberName: 'Anand Dairy Cooperative',
      parentName: 'Gujarat Federation',
    },
  ],
  distanceKm: 34.2,
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

const askerAdmin: Me = {
  accountId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d90',
  personId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d91',
  email: 'meera@anand.example',
  displayName: 'Meera',
  preferredLanguage: null,
  grants: [
    {
      id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d92',
      role: 'organization-admin',
      scopeType: 'organization',
      scopeId: askerId,
    },
  ],
  csrfToken: 'token',
  sessionExpiresAt: null,
  signedIn: true,
};

function renderWith(element: ReactElement, locale: Locale = 'en') {
  return render(
    <IntlProvider locale={locale} messages={catalogues[locale]}>
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

describe("a suggestion's score and reasons", () => {
  function renderScore(locale: Locale) {
    serve(() => json(problem(401), 401));
    const view = render(
      <IntlProvider locale={locale} messages={catalogues[locale]}>
        <ScoreBreakdown suggestion={suggestion} labelId="score" />
      </IntlProvider>,
    );
    return view.container.textContent ?? '';
  }

  it('shows the score out of 100, each component out of its share, and why, in English', () => {
    const text = renderScore('en');
    expect(text).toContain('Match: 91 out of 100');
    expect(text).toContain('Sector 35 of 35 points');
    expect(text).toContain('Place 24 of 25 points');
    expect(text).toContain('Shared words 17 of 25 points');
    expect(text).toContain('Ties 15 of 15 points');
    expect(text).toContain('Same sector: Agriculture and food.');
    expect(text).toContain('Both in India. About 35 km apart.');
    expect(text).toContain('Shares the words beekeeping and honey.');
    expect(text).toContain('Anand Dairy Cooperative is a member of Gujarat Federation.');
    expect(screen.getByRole('meter').getAttribute('aria-valuenow') ?? '').not.toBe('0');
  });

  it.each([
    [
      'fr',
      'Inde',
      'Anand Dairy Cooperative est membre de Gujarat Federation.',
      'beekeeping et honey',
    ],
    [
      'es',
      'India',
      'Anand Dairy Cooperative es miembro de Gujarat Federation.',
      'beekeeping y honey',
    ],
    ['hi', 'भारत', 'Anand Dairy Cooperative, Gujarat Federation का सदस्य है।', 'beekeeping और honey'],
  ] as const)('words the same reasons in %s, from their codes', (locale, country, tie, words) => {
    const text = renderScore(locale);
    const messages = catalogues[locale];
    const sector = messages['sector.agriculture'];
    expect(text).toContain(messages['intents.reason.sameSector'].replace('{sector}', sector));
    expect(text).toContain(country);
    expect(text).toContain(tie);
    expect(text).toContain(words);
    // Nothing of the server's English sentences leaks through.
    expect(text).not.toContain('Same sector');
    expect(text).not.toContain('is a member of');
  });

  it('says why a component scored nothing', () => {
    serve(() => json(problem(401), 401));
    const far: Suggestion = {
      ...suggestion,
      score: 0.35,
      components: { sector: 1, place: 0, text: 0, ties: 0 },
      reasonCodes: [{ code: 'same-sector', sector: 'agriculture' }],
    };
    const view = render(
      <IntlProvider locale="en" messages={catalogues.en}>
        <ScoreBreakdown suggestion={far} labelId="score" />
      </IntlProvider>,
    );
    const text = view.container.textContent ?? '';
    expect(text).toContain('Not in the same country, and not near each other.');
    expect(text).toContain('No words in common.');
    expect(text).toContain('No ties between the two organizations.');
    expect(text).toContain('Match: 35 out of 100');
  });
});

describe("the board's filters and its address", () => {
  it('round-trip: what is in the address is what the filters are, and back', () => {
    const filters: BoardFilters = {
      direction: 'need',
      kind: 'training',
      sector: 'agriculture',
      country: 'IN',
      organizationId: askerId,
      openOnly: false,
    };
    const params = boardSearchParams(filters);
    expect(params.toString()).toBe(
      `direction=need&kind=training&sector=agriculture&country=IN&organization=${askerId}&show=all`,
    );
    expect(readBoardFilters(new URLSearchParams(params.toString()))).toEqual(filters);
    expect(boardSearchParams(emptyBoardFilters).toString()).toBe('');
    expect(readBoardFilters(new URLSearchParams())).toEqual(emptyBoardFilters);
  });

  it('drops what a hand-edited link gets wrong, rather than asking the server for a 400', () => {
    expect(
      readBoardFilters(
        new URLSearchParams('direction=wish&kind=gold&sector=mining&country=ZZ&organization=42'),
      ),
    ).toEqual(emptyBoardFilters);
    expect(readBoardFilters(new URLSearchParams('country=in')).country).toBe('IN');
  });

  it('asks the API for what the address says, and writes a changed filter into it', async () => {
    const asked: URL[] = [];
    serve((url) => {
      if (url.pathname === '/api/auth/me') return json(problem(401), 401);
      asked.push(url);
      return json({ items: [need], nextCursor: null });
    });
    window.history.replaceState(null, '', '/offers-and-needs?direction=need&country=IN');
    renderWith(<BoardPage />);
    await screen.findByRole('heading', { name: need.title });
    expect(asked[0]?.searchParams.get('direction')).toBe('need');
    expect(asked[0]?.searchParams.get('country')).toBe('IN');
    expect(asked[0]?.searchParams.get('status')).toBeNull();
    expect((screen.getByLabelText('Offers or needs') as HTMLSelectElement).value).toBe('need');
    // A visitor is not offered to post.
    expect(screen.queryByRole('link', { name: 'Post an offer or a need' })).toBeNull();

    fireEvent.change(screen.getByLabelText('Kind of exchange'), { target: { value: 'training' } });
    await waitFor(() => expect(asked).toHaveLength(2));
    expect(new URLSearchParams(window.location.search).get('kind')).toBe('training');
    expect(new URLSearchParams(window.location.search).get('direction')).toBe('need');
    expect(asked[1]?.searchParams.get('kind')).toBe('training');

    fireEvent.click(screen.getByLabelText('Only those open and within their dates'));
    await waitFor(() => expect(asked).toHaveLength(3));
    expect(new URLSearchParams(window.location.search).get('show')).toBe('all');
    expect(asked[2]?.searchParams.get('status')).toBe('any');
    expect(asked[2]?.searchParams.get('includeExpired')).toBe('true');
  });
});

describe('the form to post or edit', () => {
  function serveAsAdmin(write: Answer) {
    serve((url, init) => {
      if (url.pathname === '/api/auth/me') return json(askerAdmin);
      if (url.pathname === `/api/network/organizations/${askerId}`) {
        return json({ id: askerId, name: 'Anand Dairy Cooperative', sector: 'agriculture' });
      }
      return write(url, init);
    });
  }

  it('checks what it can before sending: required fields and dates in order', async () => {
    serveAsAdmin(() => json(problem(500), 500));
    renderWith(<IntentForm intent={null} headingId="h" />);
    await screen.findByText('Anand Dairy Cooperative');
    fireEvent.change(screen.getByLabelText('Valid from'), { target: { value: '2031-05-01' } });
    fireEvent.change(screen.getByLabelText('Valid until'), { target: { value: '2031-04-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post it' }));

    const alert = await screen.findByRole('alert');
    expect(document.activeElement).toBe(alert);
    const links = within(alert).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Is it an offer or a need?: Choose offer or need.',
      'Title: Fill this in.',
      'Kind of exchange: Choose the kind of exchange.',
      'Valid until: The end date must be on or after the start date.',
    ]);
    expect(links[1]?.getAttribute('href')).toBe('#intent-form-title');
    expect(screen.getByLabelText('Title').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Valid until').getAttribute('aria-invalid')).toBe('true');
    // The sector came from the organization and is not in error.
    expect((screen.getByLabelText('Sector') as HTMLSelectElement).value).toBe('agriculture');
    const writes = fetchStub.mock.calls.filter(([input]) => String(input).includes('/intents'));
    expect(writes).toHaveLength(0);
  });

  it("shows the server's errors beside their fields by pointer, and keeps what was typed", async () => {
    const sent: unknown[] = [];
    serveAsAdmin((_url, init) => {
      sent.push(JSON.parse(String(init?.body)));
      return json(
        problem(400, {
          errors: [
            { pointer: '/title', detail: 'Must not contain markup such as <tags>.' },
            { pointer: '/countries', detail: 'Give each country once.' },
            { pointer: '/somewhere', detail: 'Something else went wrong.' },
          ],
        }),
        400,
      );
    });
    renderWith(<IntentForm intent={null} headingId="h" />);
    await screen.findByText('Anand Dairy Cooperative');
    fireEvent.click(screen.getByLabelText('A need: something we are looking for'));
    // A title the schema takes (the markup rule would refuse `<b>` before sending), which the
    // server refuses all the same.
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Bees' } });
    fireEvent.change(screen.getByLabelText('Kind of exchange'), { target: { value: 'training' } });
    fireEvent.change(screen.getByLabelText('Add a country'), { target: { value: 'IN' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post it' }));

    const alert = await screen.findByRole('alert');
    expect(sent).toEqual([
      {
        organizationId: askerId,
        direction: 'need',
        title: 'Bees',
        sector: 'agriculture',
        kind: 'training',
        countries: ['IN'],
      },
    ]);
    expect(
      within(alert)
        .getAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).toEqual(['#intent-form-title', '#intent-form-countries-add']);
    expect(within(alert).getByText('Something else went wrong.')).toBeTruthy();
    expect(document.getElementById('intent-form-title-error')?.textContent).toBe(
      'Must not contain markup such as <tags>.',
    );
    expect(document.getElementById('intent-form-countries-error')?.textContent).toBe(
      'Give each country once.',
    );
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Bees');
    expect(screen.getByRole('button', { name: 'Remove India' })).toBeTruthy();
  });

  it('explains a 409: someone else changed it; my changes stay, theirs fill the rest', async () => {
    const current: Intent = { ...need, version: 3, description: 'Hives, honey and wax.' };
    const sent: unknown[] = [];
    serveAsAdmin((_url, init) => {
      sent.push(JSON.parse(String(init?.body)));
      return json(problem(409, { current }), 409);
    });
    renderWith(<IntentForm intent={need} headingId="h" />);
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Beekeeping courses' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the changes' }));

    const alert = await screen.findByRole('alert');
    expect(sent).toEqual([{ version: 2, title: 'Beekeeping courses' }]);
    expect(alert.textContent).toContain('Someone else changed it while you were editing.');
    expect(alert.textContent).toContain('They changed: Description.');
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Beekeeping courses');
    expect((screen.getByLabelText('Description') as HTMLTextAreaElement).value).toBe(
      'Hives, honey and wax.',
    );
  });

  it('lets network staff find any organization by name and post for it', async () => {
    const staff: Me = {
      ...askerAdmin,
      grants: [
        {
          id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d93',
          role: 'network-staff',
          scopeType: 'network',
          scopeId: null,
        },
      ],
    };
    const searched: string[] = [];
    const sent: unknown[] = [];
    serve((url, init) => {
      if (url.pathname === '/api/auth/me') return json(staff);
      if (url.pathname === '/api/network/organizations') {
        searched.push(url.searchParams.get('q') ?? '');
        const all = [
          { id: askerId, name: 'Anand Dairy Cooperative', sector: 'agriculture' },
          { id: otherId, name: 'Kheda Honey Growers', sector: 'housing' },
        ];
        const q = (url.searchParams.get('q') ?? '').toLowerCase();
        const items = all.filter((entry) => entry.name.toLowerCase().includes(q));
        return json({ items, nextCursor: null, total: items.length, facets: {} });
      }
      sent.push(JSON.parse(String(init?.body)));
      return json(problem(500), 500);
    });
    renderWith(<IntentForm intent={null} headingId="h" />);
    await screen.findByLabelText('Find the organization');
    const select = screen.getByLabelText('Organization') as HTMLSelectElement;
    await waitFor(() => expect(select.querySelectorAll('option').length).toBe(3));
    fireEvent.change(screen.getByLabelText('Find the organization'), {
      target: { value: 'kheda' },
    });
    await waitFor(() => expect(searched).toContain('kheda'));
    await waitFor(() => expect(select.querySelectorAll('option').length).toBe(2));
    fireEvent.change(select, { target: { value: otherId } });
    // The chosen organization's sector is offered as the sector.
    expect((screen.getByLabelText('Sector') as HTMLSelectElement).value).toBe('housing');
    fireEvent.click(screen.getByLabelText('An offer: something we can give'));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Roof loans' } });
    fireEvent.change(screen.getByLabelText('Kind of exchange'), { target: { value: 'finance' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post it' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      organizationId: otherId,
      direction: 'offer',
      sector: 'housing',
    });
  });
});
