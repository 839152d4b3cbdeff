// One attempt at delivering one message: the job of the outbox's queue. Idempotent: a message
// that is delivered, failed, not yet due or in another worker's hands is left alone, so any
// number of jobs for one message make one attempt at a time.
import { sql } from 'kysely';
import { z } from 'zod';
import { type Context, inTransaction } from '../context.ts';
import type { Mailer } from '../mail.ts';
import { type SmsAccepted, type SmsTransport, UndeliverableError } from '../sms.ts';
import { deliveryQueueName } from './outbox.ts';
import { outboxTable } from './queries.ts';
import { attemptTimeLimitSeconds, type OutboxSettings, retryDelaySeconds } from './settings.ts';

const DeliveryJob = z.object({ messageId: z.uuid() });

/** The provider's words for a failure, kept short; never the message's text. */
function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 2000);
}

/** What delivers each kind of message: the mailer, and the SMS transport a module plugs in. */
export type OutboxTransports = { mailer: Mailer; sms: SmsTransport | undefined };

export async function deliverMessage(
  ctx: Context,
  transports: OutboxTransports,
  settings: OutboxSettings,
  data: unknown,
): Promise<void> {
  const { messageId } = DeliveryJob.parse(data);
  const table = outboxTable(ctx.db);
  // Claiming moves the next attempt past the attempt's time limit: a second job finds it not
  // due, and if this process dies the message is due again once that time has passed.
  const claimed = await table
    .updateTable('platform_outbox_message')
    .set({
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${attemptTimeLimitSeconds})`,
    })
    .where('id', '=', messageId)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .returning([
      'kind',
      'recipient',
      'subject',
      'body',
      'attempts',
      sql<boolean>`coalesce(secret_expires_at <= now(), false)`.as('expired'),
    ])
    .executeTakeFirst();
  if (!claimed) return;
  if (claimed.expired || claimed.body === null) {
    await expireSecrets(ctx);
    return;
  }
  let accepted: SmsAccepted | undefined;
  try {
    if (claimed.kind === 'sms') {
      // No module plugged an SMS transport in: the message waits, failing, for one that does.
      if (!transports.sms) throw new Error('no SMS transport: this instance sends no SMS');
      accepted = await transports.sms.send(ctx, {
        to: claimed.recipient,
        text: claimed.body,
        template: claimed.subject,
        messageId,
      });
    } else {
      await transports.mailer.send({
        to: claimed.recipient,
        subject: claimed.subject,
        text: claimed.body,
        messageId,
      });
    }
  } catch (error) {
    const attempt = claimed.attempts + 1;
    const reason = describeFailure(error);
    const delay = retryDelaySeconds(attempt, settings);
    // A refusal that no retry can change ends the message's chances now.
    const final = error instanceof UndeliverableError;
    const after = await inTransaction(ctx, async (tx) => {
      const row = await outboxTable(tx.db)
        .updateTable('platform_outbox_message')
        .set({
          attempts: attempt,
          last_error: reason,
          status: sql`case when ${final} or give_up_at <= now() then 'failed' else 'pending' end`,
          failed_at: sql`case when ${final} or give_up_at <= now() then now() end`,
          next_attempt_at: sql<Date>`now() + make_interval(secs => ${delay})`,
        })
        .where('id', '=', messageId)
        .returning(['status', 'next_attempt_at'])
        .executeTakeFirstOrThrow();
      if (row.status === 'pending') {
        await tx.jobs.send(
          tx.db,
          deliveryQueueName,
          { messageId },
          { startAfter: row.next_attempt_at },
        );
      }
      return row.status;
    });
    ctx.log.warn(
      { message: messageId, attempt, error: reason },
      after === 'failed'
        ? final
          ? 'message refused for good: marked failed'
          : 'message not delivered, and its time is up: marked failed'
        : `message not delivered: trying again in ${delay} s`,
    );
    return;
  }
  await table
    .updateTable('platform_outbox_message')
    .set({
      status: 'delivered',
      delivered_at: sql<Date>`now()`,
      failed_at: null,
      attempts: claimed.attempts + 1,
      last_error: null,
      body: sql`case when carries_secret then null else body end`,
      ...(accepted && transports.sms
        ? {
            provider: transports.sms.provider,
            provider_message_id: accepted.providerMessageId,
            delivery_state: accepted.state,
          }
        : {}),
    })
    .where('id', '=', messageId)
    .execute();
}

/**
 * Erases the text of every message whose secret has expired; one still pending is failed, as the
 * link it carries no longer works.
 */
export async function expireSecrets(ctx: Context): Promise<number> {
  const erased = await outboxTable(ctx.db)
    .updateTable('platform_outbox_message')
    .set({
      body: null,
      last_error: sql`case when status = 'pending' then concat_ws(': ', 'its link expired before it could be delivered', last_error) else last_error end`,
      failed_at: sql`case when status = 'pending' then now() else failed_at end`,
      status: sql`case when status = 'pending' then 'failed' else status end`,
    })
    .where('carries_secret', '=', true)
    .where('body', 'is not', null)
    .where('secret_expires_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(erased.numUpdatedRows);
}
