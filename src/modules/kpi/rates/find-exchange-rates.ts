import { z } from 'zod';
import { requireSignedIn } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { decodeCursor, keysetPage } from '../../../platform/paging.ts';
import { selectRates } from '../queries.ts';
import type { ExchangeRate, FindExchangeRatesQuery } from '../schemas.ts';
import { rateView } from './rate-view.ts';

const Position = z.object({ period: z.string(), currency: z.string(), base: z.string() });

/** The rates kept, newest period first, for anyone signed in (they are no secret, nor public data). */
export async function findExchangeRates(
  ctx: Context,
  query: FindExchangeRatesQuery,
): Promise<{ items: ExchangeRate[]; nextCursor: string | null }> {
  requireSignedIn(ctx.actor);
  const after = query.cursor ? decodeCursor(query.cursor, Position) : undefined;
  const rows = await selectRates(
    ctx.db,
    {
      ...(query.period !== undefined ? { period: query.period } : {}),
      ...(query.base !== undefined ? { base: query.base } : {}),
    },
    after,
    query.limit + 1,
  );
  const { page, nextCursor } = keysetPage(rows, query.limit, (last) => ({
    period: last.period,
    currency: last.currency,
    base: last.base,
  }));
  return { items: page.map(rateView), nextCursor };
}
