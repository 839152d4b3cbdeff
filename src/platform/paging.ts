// Keyset paging, as every list pages: `limit` and `cursor` in the query, `{items, nextCursor}`
// in the answer. A cursor is the last row's sort key as base64url JSON, opaque to clients; one
// this server did not give is a 400 that points at it.
import { encodeCursor } from './cursor.ts';

// Cursors are written and read back (checked as any input) by cursor.ts.
export { decodeCursor, encodeCursor } from './cursor.ts';
// The query's shapes are pure zod, for the web app too.
export { PageCursor, pageLimit } from './paging-schemas.ts';

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
