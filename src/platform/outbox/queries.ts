// The only file that names the outbox's table.
import type { ColumnType } from 'kysely';
import type { Db } from '../db.ts';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

/** What an SMS's provider says of it once it took it, from its answer and delivery reports. */
export type SmsDeliveryState = 'accepted' | 'sent' | 'delivered' | 'undelivered';

export type OutboxTables = {
  platform_outbox_message: {
    id: string;
    kind: 'mail' | 'sms';
    recipient: string;
    subject: string;
    body: string | null;
    carries_secret: boolean;
    secret_expires_at: Date | null;
    status: Defaulted<OutboxStatus>;
    attempts: Defaulted<number>;
    last_error: Defaulted<string | null>;
    created_at: Defaulted<Date>;
    next_attempt_at: Defaulted<Date>;
    give_up_at: Date;
    delivered_at: Defaulted<Date | null>;
    failed_at: Defaulted<Date | null>;
    provider: Defaulted<string | null>;
    provider_message_id: Defaulted<string | null>;
    delivery_state: Defaulted<SmsDeliveryState | null>;
    delivery_detail: Defaulted<string | null>;
    delivery_reported_at: Defaulted<Date | null>;
  };
};

export function outboxTable(db: Db) {
  return db.withTables<OutboxTables>();
}
