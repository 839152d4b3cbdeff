import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import { selectIntent } from './intent-queries.ts';
import type { Intent } from './intent-schemas.ts';
import { intentView, todayOf } from './intent-view.ts';

/** One offer or need; public, like the board. */
export async function getIntent(ctx: Context, id: string): Promise<Intent> {
  const row = await selectIntent(ctx.db, id);
  if (!row) throw new AppError('not-found', networkMessage('intent.not-found', { id }));
  return intentView(row, todayOf(ctx.now()));
}
