// The outbox's schedule: erases expired secrets, and prompts again the messages whose chain of
// jobs broke (a job that ran out of retries, an attempt whose process died): any pending message
// overdue by more than a minute gets a new job. Idempotent, so a slot run twice does no harm.
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import { expireSecrets } from './deliver-message.ts';
import { deliveryQueueName } from './outbox.ts';
import { outboxTable } from './queries.ts';

export async function sweepOutbox(ctx: Context): Promise<void> {
  const erased = await expireSecrets(ctx);
  const overdue = await outboxTable(ctx.db)
    .selectFrom('platform_outbox_message')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<', sql<Date>`now() - interval '1 minute'`)
    .orderBy('next_attempt_at')
    .limit(500)
    .execute();
  for (const { id } of overdue) {
    await ctx.jobs.send(ctx.db, deliveryQueueName, { messageId: id });
  }
  if (erased > 0 || overdue.length > 0) {
    ctx.log.info({ erased, prompted: overdue.length }, 'outbox swept');
  }
}
