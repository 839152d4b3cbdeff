import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { updateAtVersion } from '../../../platform/versioned-update.ts';
import { networkMessage } from '../messages.ts';
import { selectIntent, updateIntentAtVersion } from './intent-queries.ts';
import { CloseIntentInput, type Intent } from './intent-schemas.ts';
import { intentView, todayOf } from './intent-view.ts';
import { intentConflict, intentToChange, staleIntent } from './update-intent.ts';

/**
 * Takes an offer or need off the board (met, withdrawn): it stays readable as history and is
 * never suggested again. Carries the version read, like an edit.
 */
export async function closeIntent(
  ctx: Context,
  id: string,
  input: CloseIntentInput,
): Promise<Intent> {
  const { version } = CloseIntentInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await intentToChange(tx, id);
    if (before.version !== version) throw staleIntent(version, before);
    if (before.status === 'closed') {
      throw new AppError(
        'conflict',
        networkMessage('intent.closed-already', { direction: before.direction }),
      );
    }
    const now = tx.now();
    await updateAtVersion(tx, {
      update: () =>
        updateIntentAtVersion(tx.db, id, version, { status: 'closed', closed_at: now }, now),
      ...intentConflict(tx, id, version, before),
    });
    const row = await selectIntent(tx.db, id);
    if (!row) throw new Error('intent vanished inside its transaction');
    const after = intentView(row, todayOf(now));
    await recordAudit(tx, {
      action: `close-${after.direction}`,
      entityType: 'intent',
      entityId: id,
      organizationId: after.organizationId,
      before,
      after,
    });
    return after;
  });
}
