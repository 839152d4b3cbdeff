import { useCallback, useEffect, useReducer, useRef } from 'react';
import { ApiProblemError, type Problem } from '../../api/problem.ts';

type Page<Item> = { items: Item[]; nextCursor: string | null };

export type PagedState<Item> = {
  status: 'loading' | 'ready' | 'error';
  items: Item[];
  nextCursor: string | null;
  /** The server's problem, or null when it did not answer. */
  failure: { problem: Problem | null } | null;
  isLoadingMore: boolean;
  moreFailed: boolean;
};

type Action<Item> =
  | { type: 'started' }
  | { type: 'loaded'; page: Page<Item> }
  | { type: 'failed'; error: unknown }
  | { type: 'more-started' }
  | { type: 'more-loaded'; page: Page<Item> }
  | { type: 'more-failed' };

function reduce<Item>(state: PagedState<Item>, action: Action<Item>): PagedState<Item> {
  switch (action.type) {
    case 'started':
      return { ...state, status: 'loading', failure: null, moreFailed: false };
    case 'loaded':
      return {
        status: 'ready',
        items: action.page.items,
        nextCursor: action.page.nextCursor,
        failure: null,
        isLoadingMore: false,
        moreFailed: false,
      };
    case 'failed':
      return {
        ...state,
        status: 'error',
        items: [],
        nextCursor: null,
        failure: {
          problem: action.error instanceof ApiProblemError ? action.error.problem : null,
        },
      };
    case 'more-started':
      return { ...state, isLoadingMore: true, moreFailed: false };
    case 'more-loaded':
      return {
        ...state,
        isLoadingMore: false,
        items: [...state.items, ...action.page.items],
        nextCursor: action.page.nextCursor,
      };
    case 'more-failed':
      return { ...state, isLoadingMore: false, moreFailed: true };
  }
}

/**
 * The first page for the filters, then the next ones on demand with the server's cursor. A new
 * set of filters cancels whatever is in flight, so a late answer never shows under new filters.
 */
export function usePagedList<Filters extends Record<string, string>, Item>(
  filters: Filters,
  fetchPage: (filters: Filters, cursor: string | null, signal: AbortSignal) => Promise<Page<Item>>,
) {
  const [state, dispatch] = useReducer(reduce<Item>, {
    status: 'loading',
    items: [],
    nextCursor: null,
    failure: null,
    isLoadingMore: false,
    moreFailed: false,
  });
  const [attempt, retry] = useReducer((count: number) => count + 1, 0);
  const controllerRef = useRef<AbortController | null>(null);
  const key = JSON.stringify(filters);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the filters, `attempt` is how retry re-runs it.
  useEffect(() => {
    const controller = new AbortController();
    controllerRef.current = controller;
    dispatch({ type: 'started' });
    fetchRef.current(filtersRef.current, null, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) dispatch({ type: 'loaded', page });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) dispatch({ type: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const cursor = state.nextCursor;
  const loadMore = useCallback(() => {
    const controller = controllerRef.current;
    if (!controller || !cursor) return;
    dispatch({ type: 'more-started' });
    fetchRef.current(filtersRef.current, cursor, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) dispatch({ type: 'more-loaded', page });
      },
      () => {
        if (!controller.signal.aborted) dispatch({ type: 'more-failed' });
      },
    );
  }, [cursor]);

  return { state, loadMore, retry };
}
