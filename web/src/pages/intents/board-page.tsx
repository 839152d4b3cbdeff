import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'wouter';
import { type BoardFilters, findIntents, type Intent } from '../../api/intents.ts';
import { organizationQueries } from '../../api/organizations.ts';
import { type Problem, problemLanguage, problemOf } from '../../api/problem.ts';
import { nextCursorOf } from '../../data/query-client.ts';
import { useCountryNames } from '../../i18n/display-names.ts';
import { useSession } from '../../session/session-provider.tsx';
import { countryCodes, organizationSectors, sectorMessageId } from '../../vocabulary.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import {
  boardSearchParams,
  emptyBoardFilters,
  hasBoardFilters,
  readBoardFilters,
} from './board-filters.ts';
import {
  Countries,
  IntentTags,
  intentDirections,
  intentKindMessageId,
  intentKinds,
  mayPost,
  Validity,
} from './intent-facts.tsx';
import './intents.css';

type BoardState = {
  status: 'loading' | 'ready' | 'error';
  items: Intent[];
  nextCursor: string | null;
  problem: Problem | null;
  isLoadingMore: boolean;
  moreFailed: { problem: Problem | null } | null;
};

export function BoardPage() {
  const intl = useIntl();
  const { me } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readBoardFilters(searchParams);
  const filterKey = boardSearchParams(filters).toString();
  // Each set of filters is a paged list of its own in the loading layer.
  const board = useInfiniteQuery({
    queryKey: ['intents', 'board', filterKey],
    queryFn: ({ pageParam, signal }) => findIntents(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: nextCursorOf,
  });
  const firstFailed = board.isError && !board.isFetchNextPageError;
  const state: BoardState = useMemo(() => {
    const pages = board.data?.pages ?? [];
    // A page may repeat an entry of the one before (entries posted meanwhile): shown once.
    const seen = new Set<string>();
    const items: Intent[] = [];
    for (const item of pages.flatMap((page) => page.items)) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
    return {
      status: firstFailed ? 'error' : board.data ? 'ready' : 'loading',
      items: firstFailed ? [] : items,
      nextCursor: firstFailed ? null : (pages.at(-1)?.nextCursor ?? null),
      problem: firstFailed ? problemOf(board.error) : null,
      isLoadingMore: board.isFetchingNextPage,
      moreFailed: board.isFetchNextPageError ? { problem: problemOf(board.error) } : null,
    };
  }, [board.data, board.error, board.isFetchingNextPage, board.isFetchNextPageError, firstFailed]);
  const countryName = useCountryNames();
  useDocumentTitle('intents.board.documentTitle');

  const ids = {
    direction: useId(),
    kind: useId(),
    sector: useId(),
    country: useId(),
    openOnly: useId(),
    results: useId(),
  };

  // The chosen organization's name: from the entries shown, else asked once.
  const shownName = state.items.find(
    (item) => item.organizationId === filters.organizationId,
  )?.organizationName;
  const chosenOrganization = useQuery({
    ...organizationQueries.profile(filters.organizationId),
    enabled: filters.organizationId !== '' && !shownName,
  });
  const organizationName = shownName ? null : (chosenOrganization.data?.name ?? null);

  const setFilters = (next: BoardFilters) => setSearchParams(boardSearchParams(next));
  const set = <K extends keyof BoardFilters>(name: K, value: BoardFilters[K]) =>
    setFilters({ ...filters, [name]: value });

  const countryOptions = useMemo(() => {
    const collator = new Intl.Collator(intl.locale);
    return countryCodes
      .map((code) => ({ code, name: countryName(code) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [countryName, intl.locale]);

  // After "Show more", focus goes to the first new entry, where reading carries on.
  const listRef = useRef<HTMLUListElement>(null);
  const focusFromRef = useRef<number | null>(null);
  const itemCount = state.items.length;
  useEffect(() => {
    const index = focusFromRef.current;
    if (index === null || itemCount <= index) return;
    focusFromRef.current = null;
    listRef.current?.querySelectorAll<HTMLElement>('article')[index]?.focus();
  }, [itemCount]);

  const loadMore = () => {
    if (!state.nextCursor) return;
    focusFromRef.current = itemCount;
    void board.fetchNextPage();
  };

  const filtered = hasBoardFilters(filters);

  return (
    <div className="board">
      <div className="board__header">
        <h1>
          <FormattedMessage id="intents.board.title" />
        </h1>
        {mayPost(me) ? (
          <Link href="/offers-and-needs/new" className="button button--primary">
            <FormattedMessage id="intents.board.post" />
          </Link>
        ) : null}
      </div>
      <p className="lead">
        <FormattedMessage id="intents.board.intro" />
      </p>

      <form
        className="search-form"
        aria-label={intl.formatMessage({ id: 'intents.board.filtersLabel' })}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="filters">
          <div className="field">
            <label htmlFor={ids.direction}>
              <FormattedMessage id="intents.filter.direction" />
            </label>
            <select
              id={ids.direction}
              value={filters.direction}
              onChange={(event) =>
                set('direction', event.target.value as BoardFilters['direction'])
              }
            >
              <option value="">{intl.formatMessage({ id: 'intents.filter.directionAll' })}</option>
              {intentDirections.map((direction) => (
                <option key={direction} value={direction}>
                  {intl.formatMessage({ id: `intents.filter.only.${direction}` })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.kind}>
              <FormattedMessage id="intents.filter.kind" />
            </label>
            <select
              id={ids.kind}
              value={filters.kind}
              onChange={(event) => set('kind', event.target.value as BoardFilters['kind'])}
            >
              <option value="">{intl.formatMessage({ id: 'intents.filter.kindAll' })}</option>
              {intentKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {intl.formatMessage({ id: intentKindMessageId(kind) })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.sector}>
              <FormattedMessage id="intents.filter.sector" />
            </label>
            <select
              id={ids.sector}
              value={filters.sector}
              onChange={(event) => set('sector', event.target.value)}
            >
              <option value="">{intl.formatMessage({ id: 'intents.filter.sectorAll' })}</option>
              {organizationSectors.map((sector) => (
                <option key={sector} value={sector}>
                  {intl.formatMessage({ id: sectorMessageId(sector) })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.country}>
              <FormattedMessage id="intents.filter.country" />
            </label>
            <select
              id={ids.country}
              value={filters.country}
              onChange={(event) => set('country', event.target.value)}
            >
              <option value="">{intl.formatMessage({ id: 'intents.filter.countryAll' })}</option>
              {countryOptions.map(({ code, name }) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="checkbox-field">
          <input
            id={ids.openOnly}
            type="checkbox"
            checked={filters.openOnly}
            onChange={(event) => set('openOnly', event.target.checked)}
          />
          <label htmlFor={ids.openOnly}>
            <FormattedMessage id="intents.filter.openOnly" />
          </label>
        </div>
        {filters.organizationId ? (
          <p className="board__organization-filter">
            <FormattedMessage
              id="intents.filter.organization"
              values={{
                name: (
                  <Link href={`/organizations/${filters.organizationId}`}>
                    {organizationName ??
                      shownName ??
                      intl.formatMessage({ id: 'intents.filter.organizationUnknown' })}
                  </Link>
                ),
              }}
            />{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => set('organizationId', '')}
            >
              <FormattedMessage id="intents.filter.allOrganizations" />
            </button>
          </p>
        ) : null}
      </form>

      <section
        className="results"
        aria-labelledby={ids.results}
        aria-busy={state.status === 'loading'}
      >
        <h2 id={ids.results} className="visually-hidden">
          <FormattedMessage id="intents.board.resultsHeading" />
        </h2>
        <p role="status" className="results__status">
          {state.status === 'loading' ? (
            <FormattedMessage id="intents.board.loading" />
          ) : state.status === 'ready' && itemCount > 0 ? (
            <FormattedMessage
              id={state.nextCursor ? 'intents.board.countMore' : 'intents.board.count'}
              values={{ count: itemCount }}
            />
          ) : null}
        </p>

        {state.status === 'error' ? (
          <Failure problem={state.problem} onRetry={() => void board.refetch()} />
        ) : null}

        {state.status === 'ready' && itemCount === 0 ? (
          <div className="notice empty-state">
            <p className="notice__title">
              <FormattedMessage
                id={filtered ? 'intents.board.emptyFiltered' : 'intents.board.empty'}
              />
            </p>
            {filtered ? (
              <button
                type="button"
                className="button"
                onClick={() => setFilters(emptyBoardFilters)}
              >
                <FormattedMessage id="intents.filter.clear" />
              </button>
            ) : null}
          </div>
        ) : null}

        {itemCount > 0 ? (
          <ul ref={listRef} className="results__list" aria-labelledby={ids.results}>
            {state.items.map((intent) => (
              <li key={intent.id}>
                <IntentCard
                  intent={intent}
                  countryName={countryName}
                  onlyOrganization={
                    filters.organizationId === intent.organizationId
                      ? null
                      : () => set('organizationId', intent.organizationId)
                  }
                />
              </li>
            ))}
          </ul>
        ) : null}

        {state.moreFailed ? (
          <Failure problem={state.moreFailed.problem} onRetry={loadMore} />
        ) : null}

        {state.status === 'ready' && state.nextCursor && !state.moreFailed ? (
          <button
            type="button"
            className="button load-more"
            onClick={loadMore}
            disabled={state.isLoadingMore}
            aria-busy={state.isLoadingMore}
          >
            <FormattedMessage
              id={state.isLoadingMore ? 'intents.board.loadingMore' : 'intents.board.loadMore'}
            />
          </button>
        ) : null}
      </section>
    </div>
  );
}

function IntentCard({
  intent,
  countryName,
  onlyOrganization,
}: {
  intent: Intent;
  countryName: (code: string) => string;
  onlyOrganization: (() => void) | null;
}) {
  const headingId = `intent-${intent.id}`;
  return (
    <article
      className={`organization-card intent-card intent-card--${intent.direction}`}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <IntentTags intent={intent} />
      <h3 id={headingId} className="organization-card__name">
        <Link href={`/offers-and-needs/${intent.id}`}>{intent.title}</Link>
      </h3>
      <dl className="organization-card__facts">
        <div>
          <dt>
            <FormattedMessage id="intents.fact.organization" />
          </dt>
          <dd>
            <Link href={`/organizations/${intent.organizationId}`}>{intent.organizationName}</Link>
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="intents.fact.sector" />
          </dt>
          <dd>
            <FormattedMessage id={sectorMessageId(intent.sector)} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="intents.fact.countries" />
          </dt>
          <dd>
            <Countries codes={intent.countries} countryName={countryName} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="intents.fact.validity" />
          </dt>
          <dd>
            <Validity intent={intent} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="intents.fact.posted" />
          </dt>
          <dd>
            <FormattedDate value={intent.createdAt} dateStyle="medium" />
          </dd>
        </div>
      </dl>
      {onlyOrganization ? (
        <button type="button" className="button button--small" onClick={onlyOrganization}>
          <FormattedMessage
            id="intents.card.onlyOrganization"
            values={{ name: intent.organizationName }}
          />
        </button>
      ) : null}
    </article>
  );
}

export function Failure({
  problem,
  onRetry,
  title = 'intents.board.error',
}: {
  problem: Problem | null;
  onRetry: () => void;
  title?: 'intents.board.error' | 'intents.page.error' | 'intents.suggestions.error';
}) {
  const detail = problem?.detail ?? problem?.title;
  return (
    <div role="alert" className="notice notice--error">
      <p className="notice__title">
        <FormattedMessage id={title} />
      </p>
      {problem ? (
        // The server explains in its answer's language; lang gives a screen reader the right voice.
        detail ? (
          <p lang={problemLanguage(problem)}>{detail}</p>
        ) : null
      ) : (
        <p>
          <FormattedMessage id="form.offline" />
        </p>
      )}
      <button type="button" className="button" onClick={onRetry}>
        <FormattedMessage id="intents.retry" />
      </button>
    </div>
  );
}
