// The outbox: a message is written in the transaction of the change that causes it, with a job
// that delivers it, so a change that rolls back sends nothing and a committed one is never lost
// to an outage of the mail server. The message's row is the truth about it; jobs only prompt.
import { sql } from 'kysely';
import type { Db } from '../db.ts';
import { newId } from '../ids.ts';
import type { Jobs } from '../jobs/index.ts';
import { outboxTable } from './queries.ts';
import type { OutboxSettings } from './settings.ts';

export const deliveryQueueName = 'platform.outbox.deliver';
export const sweepScheduleName = 'platform.outbox.sweep';

export type OutgoingMessage = {
  to: string;
  subject: string;
  text: string;
  /**
   * For a message that carries a secret (a link that signs someone in or sets a password): when
   * the secret expires. Its text is erased once delivered, or then.
   */
  secretUntil?: Date;
};

export type OutgoingSmsMessage = {
  /** E.164. */
  to: string;
  /** The template's name and version (`reach.help.v1`): what the outbox's list shows. */
  template: string;
  text: string;
  /** For an SMS that carries a secret (a one-time code): when it expires; erased once taken. */
  secretUntil?: Date;
};

/** What a use case may do with the outbox: write a message, on `db`, normally its transaction. */
export type Outbox = {
  mail(db: Db, message: OutgoingMessage): Promise<string>;
  sms(db: Db, message: OutgoingSmsMessage): Promise<string>;
};

export function createOutbox(jobs: Jobs, settings: OutboxSettings): Outbox {
  const write = async (
    db: Db,
    kind: 'mail' | 'sms',
    message: { to: string; subject: string; text: string; secretUntil?: Date },
  ) => {
    const id = newId();
    await outboxTable(db)
      .insertInto('platform_outbox_message')
      .values({
        id,
        kind,
        recipient: message.to,
        subject: message.subject,
        body: message.text,
        carries_secret: message.secretUntil !== undefined,
        secret_expires_at: message.secretUntil ?? null,
        give_up_at: sql<Date>`now() + make_interval(secs => ${settings.giveUpSeconds})`,
      })
      .execute();
    await jobs.send(db, deliveryQueueName, { messageId: id });
    return id;
  };
  return {
    mail: (db, message) => write(db, 'mail', message),
    sms: (db, message) => write(db, 'sms', { ...message, subject: message.template }),
  };
}
