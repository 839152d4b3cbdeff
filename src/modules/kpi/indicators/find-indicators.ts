import type { Context } from '../../../platform/context.ts';
import { indicatorView, selectIndicators } from '../queries.ts';
import type { Indicator } from '../schemas.ts';

/**
 * The catalogue, in code order: public, since what the network measures is no secret (the
 * values are another matter). Archived indicators only when asked for.
 */
export async function findIndicators(
  ctx: Context,
  query: { pack?: string | undefined; archived?: 'true' | 'false' | undefined },
): Promise<{ items: Indicator[]; nextCursor: null }> {
  const rows = await selectIndicators(ctx.db, {
    ...(query.pack !== undefined ? { pack: query.pack } : {}),
    archived: query.archived === 'true',
  });
  // The catalogue is sent whole: it holds at most `catalogueLimit` indicators.
  return { items: rows.map(indicatorView), nextCursor: null };
}
