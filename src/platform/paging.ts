// Keyset paging, as every list pages: `limit` and `cursor` in the query, `{items, nextCursor}`
// in the answer. A cursor is the last row's sort key as base64url JSON, opaque to clients; one
// this server did not give is a 400 that points at it.
import { z } from 'zod';
import { encodeCursor } from './cursor.ts';

/** The `limit` of a list's query: 1 to 100. */
export function pageLimit(byDefault: number) {
  return z.coerce
    .number()
    .int('Use a whole number.')
    .min(1, 'Use a limit from 1 to 100.')
    .max(100, 'Use a limit from 1 to 100.')
    .default(byDefault);
}

/** The `cursor` of a list's query: a page's `nextCursor`, unchanged. */
export const PageCursor = z.string().max(200, 'This cursor is not one this server gave.');

// Cursors are written and read back (checked as any input) by cursor.ts.
export { decodeCursor, encodeCursor } from './cursor.ts';

/**
 * The first `limit` rows of the `limit + 1` a query read, and the cursor after them when there
 * are more.
 */
export function keysetPage<Row>(
  rows: Row[],
  limit: number,
  keyOf: (last: Row) => unknown,
): { page: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
