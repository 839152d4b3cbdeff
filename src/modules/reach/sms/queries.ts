// The only file that names the SMS channel's tables (reach_sms_*).
import { type ColumnType, sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type InboundOutcome = 'opted-out' | 'opted-in' | 'help' | 'unknown' | 'rate-limited';

export type SmsTables = {
  reach_sms_inbound: {
    id: string;
    provider: string;
    provider_message_id: string;
    sender: string;
    keyword: string;
    outcome: InboundOutcome;
    language: string;
    received_at: Defaulted<Date>;
  };
  reach_sms_opt_out: { phone: string; since: Date; keyword: string };
  reach_sms_consent_event: {
    id: string;
    phone: string;
    action: 'opt-out' | 'opt-in';
    keyword: string;
    inbound_id: string;
    at: Defaulted<Date>;
  };
  reach_sms_test_message: {
    id: string;
    outbox_message_id: string;
    recipient: string;
    template: string;
    body: string;
    recorded_at: Defaulted<Date>;
  };
};

export function smsTables(db: Db) {
  return db.withTables<SmsTables>();
}

/**
 * Records an inbound message unless one with the same provider's id came before: its id when new,
 * undefined for a repeat (a provider sending it again after a timeout).
 */
export async function insertInbound(
  db: Db,
  row: Omit<SmsTables['reach_sms_inbound'], 'received_at'> & { received_at: Date },
): Promise<string | undefined> {
  const inserted = await smsTables(db)
    .insertInto('reach_sms_inbound')
    .values(row)
    .onConflict((conflict) => conflict.columns(['provider', 'provider_message_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** How many messages a number sent within the last hour, before `now`. */
export async function countRecentInbound(db: Db, sender: string, now: Date): Promise<number> {
  const row = await smsTables(db)
    .selectFrom('reach_sms_inbound')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('sender', '=', sender)
    .where('received_at', '>', sql<Date>`${now}::timestamptz - interval '1 hour'`)
    .executeTakeFirstOrThrow();
  return row.count;
}

/** Takes a lock on one number for the rest of the transaction: its messages are counted in turn. */
export async function lockNumber(db: Db, phone: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`reach.sms:${phone}`}, 0))`.execute(db);
}

export async function isOptedOut(db: Db, phone: string): Promise<boolean> {
  const row = await smsTables(db)
    .selectFrom('reach_sms_opt_out')
    .select('phone')
    .where('phone', '=', phone)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setOptOut(
  db: Db,
  change: {
    phone: string;
    optedOut: boolean;
    keyword: string;
    inboundId: string;
    at: Date;
    id: string;
  },
): Promise<void> {
  const tables = smsTables(db);
  if (change.optedOut) {
    await tables
      .insertInto('reach_sms_opt_out')
      .values({ phone: change.phone, since: change.at, keyword: change.keyword })
      .onConflict((conflict) => conflict.column('phone').doNothing())
      .execute();
  } else {
    await tables.deleteFrom('reach_sms_opt_out').where('phone', '=', change.phone).execute();
  }
  await tables
    .insertInto('reach_sms_consent_event')
    .values({
      id: change.id,
      phone: change.phone,
      action: change.optedOut ? 'opt-out' : 'opt-in',
      keyword: change.keyword,
      inbound_id: change.inboundId,
      at: change.at,
    })
    .execute();
}

export async function recordTestMessage(
  db: Db,
  row: Omit<SmsTables['reach_sms_test_message'], 'recorded_at'>,
): Promise<string> {
  // A repeated attempt for one outbox message is the same message: it keeps its first id.
  const inserted = await smsTables(db)
    .insertInto('reach_sms_test_message')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('outbox_message_id').doUpdateSet({ body: (eb) => eb.ref('excluded.body') }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}
