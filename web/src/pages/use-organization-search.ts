import { useCallback, useEffect, useReducer, useRef } from 'react';
import {
  type Facets,
  findOrganizations,
  type OrganizationFilters,
  type OrganizationListItem,
  type OrganizationPage,
} from '../api/organizations.ts';
import { ApiProblemError, type Problem } from '../api/problem.ts';

/** Why a request failed: the server's problem, or no answer at all (offline, timeout). */
export type SearchFailure = { problem: Problem | null };

export type SearchState = {
  status: 'loading' | 'ready' | 'error';
  items: OrganizationListItem[];
  nextCursor: string | null;
  failure: SearchFailure | null;
  isLoadingMore: boolean;
  moreFailure: SearchFailure | null;
  /**
   * How many match in all (with `totalCapped`, more than that), and the facet counts; kept
   * while the next search loads.
   */
  total: number;
  totalCapped: boolean;
  facets: Facets;
};

type SearchAction =
  | { type: 'search-started' }
  | { type: 'search-loaded'; page: OrganizationPage }
  | { type: 'search-failed'; failure: SearchFailure }
  | { type: 'more-started' }
  | { type: 'more-loaded'; page: OrganizationPage }
  | { type: 'more-failed'; failure: SearchFailure };

const initialState: SearchState = {
  status: 'loading',
  items: [],
  nextCursor: null,
  failure: null,
  isLoadingMore: false,
  moreFailure: null,
  total: 0,
  totalCapped: false,
  facets: { kind: [], sector: [], country: [] },
};

function reduce(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'search-started':
      return {
        ...initialState,
        total: state.total,
        totalCapped: state.totalCapped,
        facets: state.facets,
      };
    case 'search-loaded':
      return { ...initialState, status: 'ready', ...pageFields(action.page) };
    case 'search-failed':
      return { ...initialState, status: 'error', failure: action.failure, facets: state.facets };
    case 'more-started':
      return { ...state, isLoadingMore: true, moreFailure: null };
    case 'more-loaded':
      return {
        ...state,
        isLoadingMore: false,
        items: [...state.items, ...action.page.items],
        nextCursor: action.page.nextCursor,
      };
    case 'more-failed':
      return { ...state, isLoadingMore: false, moreFailure: action.failure };
  }
}

function pageFields(page: OrganizationPage) {
  return {
    items: page.items,
    nextCursor: page.nextCursor,
    total: page.total,
    totalCapped: page.totalCapped,
    // The first page always asks for them; an answer without them shows no counts.
    facets: page.facets ?? initialState.facets,
  };
}

function toFailure(error: unknown): SearchFailure {
  return { problem: error instanceof ApiProblemError ? error.problem : null };
}

/** The first page for the filters, then more pages on demand with the server's cursor. */
export function useOrganizationSearch(filters: OrganizationFilters) {
  const [state, dispatch] = useReducer(reduce, initialState);
  const [attempt, retry] = useReducer((count: number) => count + 1, 0);
  // One controller for whatever is in flight, so a new search cancels a stale "load more".
  const controllerRef = useRef<AbortController | null>(null);
  const { q, country, kind, sector, language } = filters;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how retry re-runs it.
  useEffect(() => {
    const controller = new AbortController();
    controllerRef.current = controller;
    dispatch({ type: 'search-started' });
    // Checking `aborted` (not only catching AbortError) also drops an answer that arrived just
    // before the filters changed.
    findOrganizations({ q, country, kind, sector, language }, null, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) dispatch({ type: 'search-loaded', page });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          dispatch({ type: 'search-failed', failure: toFailure(error) });
        }
      },
    );
    return () => controller.abort();
  }, [q, country, kind, sector, language, attempt]);

  const cursor = state.nextCursor;
  const loadMore = useCallback(() => {
    const controller = controllerRef.current;
    if (!controller || !cursor) return;
    dispatch({ type: 'more-started' });
    findOrganizations({ q, country, kind, sector, language }, cursor, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) dispatch({ type: 'more-loaded', page });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          dispatch({ type: 'more-failed', failure: toFailure(error) });
      },
    );
  }, [q, country, kind, sector, language, cursor]);

  return { state, loadMore, retry };
}
