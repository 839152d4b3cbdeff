import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type Problem, problemOf } from '../api/problem.ts';
import { nextCursorOf, type Page } from './query-client.ts';

export type PagedState<Item> = {
  status: 'loading' | 'ready' | 'error';
  items: Item[];
  nextCursor: string | null;
  /** The server's problem, or null when it did not answer. */
  failure: { problem: Problem | null } | null;
  isLoadingMore: boolean;
  moreFailed: boolean;
};

/**
 * A paged list of the API (`{items, nextCursor}`) in the loading layer: the first page for the
 * filters, then the next ones on demand with the server's cursor. Other filters are another
 * query, whose requests carry their own signal: a late answer never shows under new filters.
 * `key` names the list in the cache (invalidate it after a write that changes the list).
 */
export function usePagedList<Filters extends Record<string, string>, Item>(
  key: readonly unknown[],
  filters: Filters,
  fetchPage: (filters: Filters, cursor: string | null, signal: AbortSignal) => Promise<Page<Item>>,
) {
  const query = useInfiniteQuery({
    queryKey: [...key, filters],
    queryFn: ({ pageParam, signal }) => fetchPage(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: nextCursorOf,
  });
  const pages = query.data?.pages ?? [];
  const firstFailed = query.isError && !query.isFetchNextPageError;
  const state: PagedState<Item> = {
    status: firstFailed ? 'error' : query.data ? 'ready' : 'loading',
    items: firstFailed ? [] : pages.flatMap((page) => page.items),
    nextCursor: firstFailed ? null : (pages.at(-1)?.nextCursor ?? null),
    failure: firstFailed ? { problem: problemOf(query.error) } : null,
    isLoadingMore: query.isFetchingNextPage,
    moreFailed: query.isFetchNextPageError,
  };
  const { fetchNextPage, hasNextPage, refetch } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage]);
  const retry = useCallback(() => void refetch(), [refetch]);
  return { state, loadMore, retry };
}
