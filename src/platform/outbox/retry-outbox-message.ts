import { sql } from 'kysely';
import { authorize } from '../access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { type Context, inTransaction } from '../context.ts';
import { AppError } from '../errors.ts';
import { platformMessage } from '../messages/platform-messages.ts';
import { deliveryQueueName } from './outbox.ts';
import { outboxMessageView, viewColumns } from './outbox-message-view.ts';
import { outboxTable } from './queries.ts';
import type { OutboxMessageView } from './schemas.ts';

/**
 * Sends a failed message again (network admins): it is pending once more, with its attempts
 * counted afresh and a new day to go out in. Refused for a message that is not failed, and for
 * one whose text was erased (its link expired: send a new invitation or reset instead).
 */
export async function retryOutboxMessage(ctx: Context, id: string): Promise<OutboxMessageView> {
  authorize(ctx.actor, { anyOf: [], write: true });
  return inTransaction(ctx, async (tx) => {
    const table = outboxTable(tx.db);
    const current = await table
      .selectFrom('platform_outbox_message')
      .select([...viewColumns, sql<boolean>`body is not null`.as('has_body')])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('not-found', platformMessage('outbox.not-found'));
    const before = outboxMessageView(current);
    if (current.status !== 'failed') {
      throw new AppError(
        'conflict',
        platformMessage('outbox.not-failed', { status: current.status }),
        { current: before },
      );
    }
    if (!current.has_body) {
      throw new AppError('conflict', platformMessage('outbox.body-erased'), { current: before });
    }
    const row = await table
      .updateTable('platform_outbox_message')
      .set({
        status: 'pending',
        failed_at: null,
        attempts: 0,
        next_attempt_at: sql<Date>`now()`,
        give_up_at: sql<Date>`now() + make_interval(secs => ${ctx.config.outbox.giveUpSeconds})`,
      })
      .where('id', '=', id)
      .returning([...viewColumns, sql<boolean>`body is not null`.as('has_body')])
      .executeTakeFirstOrThrow();
    await tx.jobs.send(tx.db, deliveryQueueName, { messageId: id });
    const after = outboxMessageView(row);
    await recordAudit(tx, {
      action: 'retry-outbox-message',
      entityType: 'outbox-message',
      entityId: id,
      organizationId: null,
      before,
      after,
    });
    return after;
  });
}
