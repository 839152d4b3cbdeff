// Pure zod: a list's `limit` and `cursor` as its query takes them (paging.ts pages the rows).
import { z } from 'zod';

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
