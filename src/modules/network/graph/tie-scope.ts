import type { Context } from '../../../platform/context.ts';
import type { TieScope } from './graph-queries.ts';

/** Ties in force today (UTC, as the profiles count them), or every tie when history is asked for. */
export function tieScope(ctx: Context, includeEnded: boolean): TieScope {
  return includeEnded ? { everything: true } : { today: ctx.now().toISOString().slice(0, 10) };
}
