// The one data-loading and caching layer of the web app (TanStack Query): what pages read is
// cached by key, a page left cancels its requests (the query's signal goes to the client), a
// request that got no answer is tried again while a refusal or a server's error answer is
// not (the person is shown it at once), and a write invalidates what it changed.
import { QueryClient } from '@tanstack/react-query';
import { ApiProblemError } from '../api/problem.ts';

/** Network errors are worth trying again; an answer from the server, whatever its status, is not. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiProblemError) return false;
  if (error instanceof DOMException && error.name === 'AbortError') return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        // What was read shows at once when a page opens again, and is read again behind it
        // (so a write made elsewhere, by another person or another page, shows on the next
        // visit); not on every return to the tab, which a basic phone's connection would pay.
        staleTime: 0,
        refetchOnWindowFocus: false,
      },
      // A write is sent once: an idempotent resend after a network error is the client's
      // (api/client.ts, with the form's Idempotency-Key), not the cache's.
      mutations: { retry: false },
    },
  });
}

/** The app's cache: one per page load, cleared when the person signs out. */
export const queryClient = createQueryClient();

/** A list page of the API: `{items, nextCursor}`. */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** For paged lists (`useInfiniteQuery`): the next page's cursor, or none after the last. */
export function nextCursorOf<T>(page: Page<T>): string | undefined {
  return page.nextCursor ?? undefined;
}

/**
 * A write, after which what it may have changed is read again where it is shown and fresh when
 * next opened: the keys (prefixes) are invalidated whether it succeeded or was refused (a 409
 * says that someone else changed it meanwhile).
 */
export async function afterWrite<T>(write: Promise<T>, ...keys: (readonly unknown[])[]): Promise<T> {
  try {
    return await write;
  } finally {
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  }
}

/** The pages of a paged list as an infinite query keeps them. */
export type PagedData<T> = { pages: Page<T>[]; pageParams: unknown[] };

/**
 * Changes the items of a paged list in the cache (a row changed or added here, as the server
 * answered), without reading the list again.
 */
export function changeItems<T>(
  client: QueryClient,
  queryKey: readonly unknown[],
  change: (items: T[], pageIndex: number, pageCount: number) => T[],
): void {
  client.setQueryData<PagedData<T>>(queryKey, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page, index) => ({
            ...page,
            items: change(page.items, index, data.pages.length),
          })),
        }
      : data,
  );
}
