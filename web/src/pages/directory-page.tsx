import {
  type ChangeEvent,
  type FormEvent,
  lazy,
  Suspense,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation, useSearchParams } from 'wouter';
import type { FacetName, OrganizationFilters } from '../api/organizations.ts';
import { problemLanguage } from '../api/problem.ts';
import { OrganizationCard } from '../components/organization-card.tsx';
import { fieldErrorMessage } from '../forms/field-message.ts';
import { useCountryNames, useLanguageNames } from '../i18n/display-names.ts';
import {
  isCountryCode,
  isLanguageCode,
  isOrganizationKind,
  isSector,
  kindMessageId,
  languageCodes,
  organizationKinds,
  organizationSectors,
  sectorMessageId,
} from '../vocabulary.ts';
import { AddOrganizationLink } from './organizations/add-organization-link.tsx';
import { useDocumentTitle } from './use-document-title.ts';
import { type SearchFailure, useOrganizationSearch } from './use-organization-search.ts';

/** Long enough to skip the requests for half-typed words, short enough to feel live. */
export const searchDebounceMilliseconds = 250;

// The map is a chunk of its own (borders and projection), fetched after the list is on screen.
const WorldMap = lazy(() =>
  import('../map/world-map.tsx').then((module) => ({ default: module.WorldMap })),
);

/** As wide as the layout that puts the map beside the results (styles.css). */
const wideScreen = '(min-width: 64rem)';

const emptyFilters: OrganizationFilters = {
  q: '',
  country: '',
  kind: '',
  sector: '',
  language: '',
};
type FilterName = 'country' | 'kind' | 'sector' | 'language';

// A hand-edited or outdated link must not turn into a 400 for the reader: unknown values are dropped.
function readFilters(params: URLSearchParams): OrganizationFilters {
  const country = (params.get('country') ?? '').toUpperCase();
  const kind = params.get('kind') ?? '';
  const sector = params.get('sector') ?? '';
  const language = (params.get('language') ?? '').toLowerCase();
  return {
    q: (params.get('q') ?? '').trim(),
    country: isCountryCode(country) ? country : '',
    kind: isOrganizationKind(kind) ? kind : '',
    sector: isSector(sector) ? sector : '',
    language: isLanguageCode(language) ? language : '',
  };
}

function toSearchParams(filters: OrganizationFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ['q', 'country', 'kind', 'sector', 'language'] as const) {
    if (filters[name]) params.set(name, filters[name]);
  }
  return params;
}

export function DirectoryPage() {
  const intl = useIntl();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const { state, loadMore, retry } = useOrganizationSearch(filters);
  const [, navigateTo] = useLocation();

  const [draft, setDraft] = useState(filters.q);
  const searchInputRef = useRef<HTMLInputElement>(null);
  const debounceTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The query last written to the URL by this page, to tell our own navigations from Back/Forward.
  const committedQueryRef = useRef(filters.q);
  // One history entry per typing session: the first pause pushes, later pauses replace it, so Back
  // returns to the search before typing rather than stepping through every pause.
  const typingEntryPushedRef = useRef(false);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const ids = {
    search: useId(),
    searchHint: useId(),
    country: useId(),
    kind: useId(),
    sector: useId(),
    language: useId(),
    filters: useId(),
    results: useId(),
    map: useId(),
  };
  // On a phone the filters are folded behind one button so the results come first; where there
  // is room beside the results they start unfolded.
  const [filtersOpen, setFiltersOpen] = useState(
    () => typeof window.matchMedia === 'function' && window.matchMedia(wideScreen).matches,
  );

  useDocumentTitle('directory.documentTitle');

  const navigate = (next: OrganizationFilters, replace: boolean) => {
    clearTimeout(debounceTimerRef.current);
    committedQueryRef.current = next.q;
    const params = toSearchParams(next);
    if (params.toString() === toSearchParams(filtersRef.current).toString()) return;
    setSearchParams(params, { replace });
  };

  // Back, Forward or a shared link changed the query: show it in the box.
  useEffect(() => {
    if (filters.q === committedQueryRef.current) return;
    committedQueryRef.current = filters.q;
    typingEntryPushedRef.current = false;
    setDraft(filters.q);
  }, [filters.q]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on typing only; reads the rest from refs.
  useEffect(() => {
    const q = draft.trim();
    if (q === committedQueryRef.current) return;
    debounceTimerRef.current = setTimeout(() => {
      navigate({ ...filtersRef.current, q }, typingEntryPushedRef.current);
      typingEntryPushedRef.current = true;
    }, searchDebounceMilliseconds);
    return () => clearTimeout(debounceTimerRef.current);
  }, [draft]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = draft.trim();
    if (q === filters.q) {
      retry();
    } else {
      navigate({ ...filters, q }, typingEntryPushedRef.current);
    }
    typingEntryPushedRef.current = false;
  };

  const setFilter = (name: FilterName, value: string) => {
    typingEntryPushedRef.current = false;
    navigate({ ...filters, q: draft.trim(), [name]: value }, false);
  };
  const onFilterChange = (name: FilterName) => (event: ChangeEvent<HTMLSelectElement>) =>
    setFilter(name, event.target.value);

  const clearAll = () => {
    typingEntryPushedRef.current = false;
    setDraft('');
    navigate(emptyFilters, false);
    searchInputRef.current?.focus();
  };

  const countryName = useCountryNames();
  const languageName = useLanguageNames();
  const facetCount = (facet: FacetName, value: string) =>
    state.facets[facet].find((entry) => entry.value === value)?.count ?? 0;
  const withCount = (label: string, count: number) =>
    intl.formatMessage({ id: 'directory.optionWithCount' }, { label, count });

  // Countries that have organizations (with the other filters kept), and the chosen one.
  const countryOptions = useMemo(() => {
    const collator = new Intl.Collator(intl.locale);
    const codes = new Set(state.facets.country.map((entry) => entry.value));
    if (filters.country) codes.add(filters.country);
    return [...codes]
      .map((code) => ({ code, name: countryName(code) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [countryName, intl.locale, state.facets.country, filters.country]);
  const languageOptions = useMemo(() => {
    const collator = new Intl.Collator(intl.locale);
    return languageCodes
      .map((code) => ({ code, name: languageName(code) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [languageName, intl.locale]);

  // After "Load more", focus goes to the first new card so keyboard and screen-reader users
  // carry on reading where the new results start.
  const listRef = useRef<HTMLUListElement>(null);
  const focusFromIndexRef = useRef<number | null>(null);
  const itemCount = state.items.length;
  useEffect(() => {
    const index = focusFromIndexRef.current;
    if (index === null || itemCount <= index) return;
    focusFromIndexRef.current = null;
    listRef.current?.querySelectorAll<HTMLElement>('article')[index]?.focus();
  }, [itemCount]);
  const onLoadMore = () => {
    focusFromIndexRef.current = itemCount;
    loadMore();
  };

  const hasFilters = Boolean(
    filters.q || filters.country || filters.kind || filters.sector || filters.language,
  );
  const filtersSet = [filters.country, filters.kind, filters.sector, filters.language].filter(
    Boolean,
  ).length;
  const markers = state.items.flatMap((organization) =>
    organization.coordinates
      ? [{ id: organization.id, name: organization.name, ...organization.coordinates }]
      : [],
  );

  return (
    <div className="directory">
      <h1>
        <FormattedMessage id="directory.title" />
      </h1>
      <p className="lead">
        <FormattedMessage id="directory.intro" />
      </p>
      <AddOrganizationLink />

      {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for older phones' browsers; the role works everywhere. */}
      <form
        role="search"
        className="search-form"
        aria-label={intl.formatMessage({ id: 'directory.formLabel' })}
        onSubmit={onSubmit}
      >
        <div className="field field--search">
          <label htmlFor={ids.search}>
            <FormattedMessage id="directory.searchLabel" />
          </label>
          <div className="search-row">
            <input
              ref={searchInputRef}
              id={ids.search}
              type="search"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onBlur={() => {
                typingEntryPushedRef.current = false;
              }}
              aria-describedby={ids.searchHint}
              autoComplete="off"
              enterKeyHint="search"
              maxLength={200}
            />
            <button type="submit" className="button button--primary">
              <FormattedMessage id="directory.searchButton" />
            </button>
          </div>
          <p id={ids.searchHint} className="field__hint">
            <FormattedMessage id="directory.searchHint" />
          </p>
        </div>

        <button
          type="button"
          className="button filters-toggle"
          aria-expanded={filtersOpen}
          aria-controls={ids.filters}
          onClick={() => setFiltersOpen((open) => !open)}
        >
          <span className="filters-toggle__mark" aria-hidden="true" />
          <FormattedMessage id="directory.filtersButton" values={{ count: filtersSet }} />
        </button>
        <div id={ids.filters} className="filters" hidden={!filtersOpen}>
          <div className="field">
            <label htmlFor={ids.country}>
              <FormattedMessage id="directory.countryLabel" />
            </label>
            <select id={ids.country} value={filters.country} onChange={onFilterChange('country')}>
              <option value="">{intl.formatMessage({ id: 'directory.countryAll' })}</option>
              {countryOptions.map(({ code, name }) => (
                <option key={code} value={code}>
                  {withCount(name, facetCount('country', code))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.kind}>
              <FormattedMessage id="directory.kindLabel" />
            </label>
            <select id={ids.kind} value={filters.kind} onChange={onFilterChange('kind')}>
              <option value="">{intl.formatMessage({ id: 'directory.kindAll' })}</option>
              {organizationKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {withCount(
                    intl.formatMessage({ id: kindMessageId(kind) }),
                    facetCount('kind', kind),
                  )}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.sector}>
              <FormattedMessage id="directory.sectorLabel" />
            </label>
            <select id={ids.sector} value={filters.sector} onChange={onFilterChange('sector')}>
              <option value="">{intl.formatMessage({ id: 'directory.sectorAll' })}</option>
              {organizationSectors.map((sector) => (
                <option key={sector} value={sector}>
                  {withCount(
                    intl.formatMessage({ id: sectorMessageId(sector) }),
                    facetCount('sector', sector),
                  )}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.language}>
              <FormattedMessage id="directory.languageLabel" />
            </label>
            <select
              id={ids.language}
              value={filters.language}
              onChange={onFilterChange('language')}
            >
              <option value="">{intl.formatMessage({ id: 'directory.languageAll' })}</option>
              {languageOptions.map(({ code, name }) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>

      <div className="directory__body">
        <section
          className="results"
          aria-labelledby={ids.results}
          aria-busy={state.status === 'loading'}
        >
          <h2 id={ids.results} className="visually-hidden">
            <FormattedMessage id="directory.resultsHeading" />
          </h2>

          {/* One polite live region, so a screen reader hears each outcome once. */}
          <p role="status" className="results__status">
            {state.status === 'loading' ? (
              <FormattedMessage id="directory.loading" />
            ) : state.status === 'ready' && itemCount > 0 ? (
              state.nextCursor ? (
                <FormattedMessage
                  id={
                    state.totalCapped
                      ? 'directory.resultCountMoreThan'
                      : 'directory.resultCountMore'
                  }
                  values={{ shown: itemCount, count: Math.max(state.total, itemCount) }}
                />
              ) : (
                <FormattedMessage id="directory.resultCount" values={{ count: itemCount }} />
              )
            ) : null}
          </p>

          {state.status === 'error' ? (
            <ErrorNotice failure={state.failure} onRetry={retry} />
          ) : null}

          {state.status === 'ready' && itemCount === 0 ? (
            <div className="notice empty-state">
              <p className="notice__title">
                {filters.q ? (
                  <FormattedMessage id="directory.emptyWithQuery" values={{ query: filters.q }} />
                ) : hasFilters ? (
                  <FormattedMessage id="directory.emptyWithFilters" />
                ) : (
                  <FormattedMessage id="directory.emptyDirectory" />
                )}
              </p>
              {hasFilters ? (
                <>
                  <p>
                    <FormattedMessage id="directory.emptyHint" />
                  </p>
                  <button type="button" className="button" onClick={clearAll}>
                    <FormattedMessage id="directory.clearFilters" />
                  </button>
                </>
              ) : null}
            </div>
          ) : null}

          {itemCount > 0 ? (
            <ul ref={listRef} className="results__list" aria-labelledby={ids.results}>
              {state.items.map((organization) => (
                <li key={organization.id}>
                  <OrganizationCard organization={organization} countryName={countryName} />
                </li>
              ))}
            </ul>
          ) : null}

          {state.moreFailure ? (
            <ErrorNotice failure={state.moreFailure} onRetry={onLoadMore} />
          ) : null}

          {state.status === 'ready' && state.nextCursor && !state.moreFailure ? (
            <button
              type="button"
              className="button load-more"
              onClick={onLoadMore}
              disabled={state.isLoadingMore}
              aria-busy={state.isLoadingMore}
            >
              {state.isLoadingMore ? (
                <FormattedMessage id="directory.loadingMore" />
              ) : (
                <FormattedMessage id="directory.loadMore" />
              )}
            </button>
          ) : null}
        </section>

        <section className="directory__map" aria-labelledby={ids.map}>
          <h2 id={ids.map} className="visually-hidden">
            <FormattedMessage id="map.heading" />
          </h2>
          <Suspense fallback={<div className="world-map__placeholder" />}>
            <WorldMap
              countryCounts={state.facets.country}
              markers={markers}
              shownCount={itemCount}
              selectedCountry={filters.country}
              countryName={countryName}
              onSelectCountry={(code) => setFilter('country', code)}
              onOpenOrganization={(id) => navigateTo(`/organizations/${id}`)}
            />
          </Suspense>
        </section>
      </div>
    </div>
  );
}

function ErrorNotice({ failure, onRetry }: { failure: SearchFailure | null; onRetry: () => void }) {
  const intl = useIntl();
  const problem = failure?.problem ?? null;
  const detail = problem?.detail ?? problem?.title;
  return (
    <div role="alert" className="notice notice--error">
      <p className="notice__title">
        <FormattedMessage id="directory.error" />
      </p>
      {problem ? (
        // The server explains in its answer's language (lang lets a screen reader use the right
        // voice); each field's error is in the reader's language when its code is known.
        <div>
          {detail ? <p lang={problemLanguage(problem)}>{detail}</p> : null}
          {problem.errors && problem.errors.length > 0 ? (
            <ul>
              {problem.errors.map((error) => {
                const worded = fieldErrorMessage(intl, error);
                return (
                  <li key={`${error.pointer} ${error.detail}`} lang={worded.lang}>
                    {worded.message}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : (
        <p>
          <FormattedMessage id="directory.errorOffline" />
        </p>
      )}
      <button type="button" className="button" onClick={onRetry}>
        <FormattedMessage id="directory.retry" />
      </button>
    </div>
  );
}
