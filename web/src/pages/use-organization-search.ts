import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import {
  type Facets,
  findOrganizations,
  type OrganizationFilters,
  type OrganizationListItem,
  type OrganizationPage,
} from '../api/organizations.ts';
import { ApiProblemError, type Problem } from '../api/problem.ts';
import { nextCursorOf } from '../data/query-client.ts';

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

/**
 * The first page for the filters, then more pages on demand with the server's cursor, in the
 * loading layer: other filters are another query, whose requests carry their own signal, so a
 * late answer never shows under new filters. The counts and facets of the last search stay
 * while the next one loads.
 */
export function useOrganizationSearch(filters: OrganizationFilters) {
  const { q, country, kind, sector, language } = filters;
  const query = useInfiniteQuery({
    queryKey: ['network', 'organizations', 'search', { q, country, kind, sector, language }],
    queryFn: ({ pageParam, signal }) =>
      findOrganizations({ q, country, kind, sector, language }, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: nextCursorOf,
    placeholderData: keepPreviousData,
  });
  const lastFacets = useRef(initialState.facets);
  const pages = query.data?.pages ?? [];
  const first = pages[0];
  if (first && !query.isPlaceholderData) lastFacets.current = pageFields(first).facets;

  let state: SearchState;
  if (query.isError && !query.isFetchNextPageError) {
    state = {
      ...initialState,
      status: 'error',
      failure: toFailure(query.error),
      facets: lastFacets.current,
    };
  } else if (!first || query.isPlaceholderData) {
    state = {
      ...initialState,
      total: first?.total ?? 0,
      totalCapped: first?.totalCapped ?? false,
      facets: first ? pageFields(first).facets : lastFacets.current,
    };
  } else {
    state = {
      ...initialState,
      status: 'ready',
      ...pageFields(first),
      items: pages.flatMap((page) => page.items),
      nextCursor: pages.at(-1)?.nextCursor ?? null,
      isLoadingMore: query.isFetchingNextPage,
      moreFailure: query.isFetchNextPageError ? toFailure(query.error) : null,
    };
  }

  const { fetchNextPage, hasNextPage, refetch } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage]);
  const retry = useCallback(() => void refetch(), [refetch]);
  return { state, loadMore, retry };
}
