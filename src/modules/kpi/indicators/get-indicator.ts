import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { kpiMessage } from '../messages.ts';
import { indicatorView, selectIndicatorByCode } from '../queries.ts';
import type { Indicator } from '../schemas.ts';

/** One indicator of the catalogue by its code, archived or not (public, as the catalogue is). */
export async function getIndicator(ctx: Context, code: string): Promise<Indicator> {
  const row = await selectIndicatorByCode(ctx.db, code);
  if (!row) throw new AppError('not-found', kpiMessage('indicator.not-found', { code }));
  return indicatorView(row);
}
