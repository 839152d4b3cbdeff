// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import type { OrganizationListItem, OrganizationPage } from '../api/organizations.ts';
import type { Problem } from '../api/problem.ts';
import { TestDataProvider } from '../data/test-data-provider.tsx';
import { english as en } from '../i18n/locales.ts';
import { DirectoryPage } from './directory-page.tsx';

const sewaBank: OrganizationListItem = {
  id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e',
  name: 'Shri Mahila Sewa Sahakari Bank',
  shortName: 'SEWA Bank',
  kind: 'cooperative',
  country: 'IN',
  sector: 'finance',
  locality: 'Ahmedabad',
  coordinates: { lat: 23.03, lon: 72.58 },
};
const mondragon: OrganizationListItem = {
  id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7f',
  name: 'Mondragon Corporation',
  shortName: null,
  kind: 'federation',
  country: 'ES',
  sector: 'industry-services',
  locality: null,
  coordinates: null,
};

const noFacets = { kind: [], sector: [], country: [] };

/** A page as the server sends it, with empty facets (one test below has some). */
function page(
  items: OrganizationListItem[],
  nextCursor: string | null,
  total = items.length,
  totalCapped = false,
): OrganizationPage {
  return { items, nextCursor, total, totalCapped, facets: noFacets };
}

function jsonResponse(body: OrganizationPage | Problem, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': status < 400 ? 'application/json' : 'application/problem+json',
    },
  });
}

type Answer = (url: URL) => Response;
const fetchStub = vi.fn<(input: string | URL | Request) => Promise<Response>>();

/** Answers each request with `answer`, and records the URLs asked for. */
function serve(answer: Answer) {
  fetchStub.mockImplementation(async (input) => {
    const url = new URL(String(input), 'http://intercoop.test');
    return answer(url);
  });
}

function requestedUrls(): URL[] {
  return fetchStub.mock.calls.map(([input]) => new URL(String(input), 'http://intercoop.test'));
}

function renderDirectory() {
  return render(
    <IntlProvider locale="en" messages={en}>
      <TestDataProvider>
        <Router>
          <DirectoryPage />
        </Router>
      </TestDataProvider>
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

describe('the directory page', () => {
  it('searches as the reader types, keeps the query in the URL and lists the results', async () => {
    serve((url) =>
      jsonResponse(page(url.searchParams.get('q') === 'sewa' ? [sewaBank, mondragon] : [], null)),
    );
    renderDirectory();
    await screen.findByText('No organization is listed yet.');

    fireEvent.change(screen.getByLabelText('Search by name'), { target: { value: ' sewa ' } });

    const list = await screen.findByRole('list', { name: 'Results' });
    const lastRequest = requestedUrls().at(-1);
    expect(lastRequest?.pathname).toBe('/api/network/organizations');
    expect(lastRequest?.searchParams.get('q')).toBe('sewa');
    expect(window.location.search).toBe('?q=sewa');

    const cards = within(list).getAllByRole('listitem');
    expect(cards).toHaveLength(2);
    const first = within(cards[0] as HTMLElement);
    expect(first.getByRole('heading', { name: sewaBank.name })).toBeTruthy();
    expect(first.getByText('SEWA Bank')).toBeTruthy();
    expect(first.getByText('Cooperative')).toBeTruthy();
    expect(first.getByText('Banking and finance')).toBeTruthy();
    expect(first.getByText('Ahmedabad, India')).toBeTruthy();
    expect(within(cards[1] as HTMLElement).getByText('Spain')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('2 organizations');
  });

  it('shows the name in another script that a search matched, in its language', async () => {
    const hindiName = 'श्री महिला सेवा सहकारी बैंक';
    serve((url) =>
      jsonResponse(
        page(
          url.searchParams.get('q') === 'सहकारी'
            ? [
                {
                  ...sewaBank,
                  matchedName: { text: hindiName, script: 'Devanagari', language: 'hi' },
                },
              ]
            : [mondragon],
          null,
        ),
      ),
    );
    renderDirectory();
    const list = await screen.findByRole('list', { name: 'Results' });
    expect(within(list).queryByText('Name that matched')).toBeNull();
    fireEvent.change(screen.getByLabelText('Search by name'), { target: { value: 'सहकारी' } });
    // The new search's results are a new list.
    const shown = await screen.findByText(hindiName, undefined, { timeout: 5000 });
    const results = screen.getByRole('list', { name: 'Results' });
    expect(results.contains(shown)).toBe(true);
    expect(shown.getAttribute('lang')).toBe('hi');
    expect(shown.previousElementSibling?.textContent).toBe('Name that matched');
    expect(within(results).getByRole('heading', { name: sewaBank.name })).toBeTruthy();
  });

  it('waits for a pause in typing before asking the server', async () => {
    serve(() => jsonResponse(page([], null)));
    renderDirectory();
    await waitFor(() => expect(fetchStub).toHaveBeenCalledTimes(1));

    vi.useFakeTimers();
    try {
      const input = screen.getByLabelText('Search by name');
      fireEvent.change(input, { target: { value: 'se' } });
      await act(() => vi.advanceTimersByTimeAsync(100));
      fireEvent.change(input, { target: { value: 'sew' } });
      await act(() => vi.advanceTimersByTimeAsync(200));
      expect(fetchStub).toHaveBeenCalledTimes(1);
      await act(() => vi.advanceTimersByTimeAsync(100));
      expect(fetchStub).toHaveBeenCalledTimes(2);
      expect(requestedUrls().at(-1)?.searchParams.get('q')).toBe('sew');
    } finally {
      vi.useRealTimers();
    }
  });

  it('searches at once on Enter', async () => {
    serve(() => jsonResponse(page([sewaBank], null)));
    renderDirectory();
    await waitFor(() => expect(fetchStub).toHaveBeenCalledTimes(1));

    vi.useFakeTimers();
    try {
      const input = screen.getByLabelText('Search by name');
      fireEvent.change(input, { target: { value: 'bank' } });
      fireEvent.click(screen.getByRole('button', { name: 'Search' }));

      // No waiting: the request went out without the debounce (no time passed, only the
      // client's own promises ran).
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(requestedUrls().at(-1)?.searchParams.get('q')).toBe('bank');
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads the search and filters from the URL of a shared link', async () => {
    window.history.replaceState(null, '', '/?q=bank&country=IN&kind=cooperative');
    serve(() => jsonResponse(page([sewaBank], null)));
    renderDirectory();

    await screen.findByRole('list', { name: 'Results' });
    const request = requestedUrls()[0];
    expect(request?.searchParams.get('q')).toBe('bank');
    expect(request?.searchParams.get('country')).toBe('IN');
    expect(request?.searchParams.get('kind')).toBe('cooperative');
    expect((screen.getByLabelText('Search by name') as HTMLInputElement).value).toBe('bank');
    expect((screen.getByLabelText('Country') as HTMLSelectElement).value).toBe('IN');
  });

  it('says so when nothing matches, and offers to clear the search', async () => {
    window.history.replaceState(null, '', '/?q=zzz');
    serve(() => jsonResponse(page([], null)));
    renderDirectory();

    expect(await screen.findByText('No organization matches “zzz”.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Results' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Clear the search and filters' }));
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(requestedUrls().at(-1)?.searchParams.has('q')).toBe(false);
  });

  it("shows the server's problem and retries on request", async () => {
    window.history.replaceState(null, '', '/?q=bank');
    let failing = true;
    serve(() =>
      failing
        ? jsonResponse(
            {
              type: 'https://intercoop.example/problems/validation',
              title: 'Invalid request',
              status: 400,
              detail: 'Search text must be at most 200 characters.',
              errors: [{ pointer: '/q', detail: 'Search text must be at most 200 characters.' }],
            },
            400,
          )
        : jsonResponse(page([sewaBank], null)),
    );
    renderDirectory();

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The organizations could not be loaded.')).toBeTruthy();
    expect(
      within(alert).getAllByText('Search text must be at most 200 characters.'),
    ).not.toHaveLength(0);

    failing = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: sewaBank.name })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fetchStub).toHaveBeenCalledTimes(2);
  });

  it('shows an error with a retry when the server cannot be reached', async () => {
    fetchStub.mockRejectedValue(new TypeError('Failed to fetch'));
    renderDirectory();

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/Check your connection/)).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('loads the next page with the cursor and appends it', async () => {
    serve((url) =>
      url.searchParams.get('cursor') === 'page-2'
        ? jsonResponse(page([mondragon], null))
        : jsonResponse(page([sewaBank], 'page-2', 2)),
    );
    renderDirectory();

    await screen.findByRole('heading', { name: sewaBank.name });
    expect(screen.getByRole('status').textContent).toBe('1 shown of 2 organizations');
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));

    await screen.findByRole('heading', { name: mondragon.name });
    expect(requestedUrls().at(-1)?.searchParams.get('cursor')).toBe('page-2');
    // The facet counts come with the first page; the next ones only add items.
    expect(requestedUrls().map((url) => url.searchParams.get('facets'))).toEqual(['true', null]);
    expect(
      within(screen.getByRole('list', { name: 'Results' })).getAllByRole('listitem'),
    ).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('says "more than" when the server stopped counting', async () => {
    serve(() => jsonResponse(page([sewaBank], 'page-2', 10_000, true)));
    renderDirectory();

    await screen.findByRole('heading', { name: sewaBank.name });
    expect(screen.getByRole('status').textContent).toBe(
      '1 shown of more than 10,000 organizations',
    );
  });

  it('shows facet counts in the filters, and filters by sector and language', async () => {
    serve(() =>
      jsonResponse({
        items: [sewaBank],
        nextCursor: null,
        total: 1,
        totalCapped: false,
        facets: {
          kind: [{ value: 'cooperative', count: 1 }],
          sector: [{ value: 'finance', count: 1 }],
          country: [
            { value: 'IN', count: 1 },
            { value: 'ES', count: 4 },
          ],
        },
      }),
    );
    renderDirectory();
    await screen.findByRole('heading', { name: sewaBank.name });

    const country = screen.getByLabelText('Country') as HTMLSelectElement;
    const countryOptions = [...country.options].map((option) => option.textContent);
    // Only countries with organizations are offered, each with its count.
    expect(countryOptions).toEqual(['All countries', 'India (1)', 'Spain (4)']);
    expect(
      within(screen.getByLabelText('Sector')).getByText('Banking and finance (1)'),
    ).toBeTruthy();
    expect(
      within(screen.getByLabelText('Kind of organization')).getByText('Federation (0)'),
    ).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Sector'), { target: { value: 'finance' } });
    await waitFor(() => expect(requestedUrls().at(-1)?.searchParams.get('sector')).toBe('finance'));
    fireEvent.change(screen.getByLabelText('Working language'), { target: { value: 'hi' } });
    await waitFor(() => expect(requestedUrls().at(-1)?.searchParams.get('language')).toBe('hi'));
    expect(window.location.search).toBe('?sector=finance&language=hi');
  });
});
