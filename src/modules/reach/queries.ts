// The only file that touches the reach module's tables (reach_*). People, organizations and
// offers are other modules': only their ids are kept here.
import { type ColumnType, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type ReachTables = {
  reach_phone: {
    phone: string;
    language: string | null;
    failed_pins: Defaulted<number>;
    locked_until: Date | null;
    updated_at: Date;
  };
  reach_pin: {
    person_id: string;
    pin_hash: string | null;
    setup_open_until: Date | null;
    set_at: Date | null;
    updated_at: Date;
  };
  reach_ussd_session: {
    id: string;
    phone: string;
    state: ColumnType<unknown, string, string>;
    created_at: Date;
    updated_at: Date;
  };
  reach_phone_hop: { phone: string; window_start: Date; hops: number };
  reach_ussd_event: {
    id: string;
    session_id: string;
    phone: string | null;
    status: string | null;
    payload: ColumnType<unknown, string, string>;
    received_at: Date;
  };
  reach_demo_member: { person_id: string };
  reach_intent_interest: {
    id: string;
    intent_id: string;
    intent_organization_id: string;
    person_id: string;
    organization_id: string;
    created_at: Date;
  };
};

export function reach(db: Db) {
  return db.withTables<ReachTables>();
}

export type PhoneRow = {
  phone: string;
  language: string | null;
  failedPins: number;
  lockedUntil: Date | null;
};

/** The phone's row, made if missing, locked until the transaction ends: one hop at a time. */
export async function lockPhone(db: Db, phone: string, now: Date): Promise<PhoneRow> {
  await reach(db)
    .insertInto('reach_phone')
    .values({ phone, language: null, locked_until: null, updated_at: now })
    .onConflict((conflict) => conflict.column('phone').doNothing())
    .execute();
  const row = await reach(db)
    .selectFrom('reach_phone')
    .select(['phone', 'language', 'failed_pins', 'locked_until'])
    .where('phone', '=', phone)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return {
    phone: row.phone,
    language: row.language,
    failedPins: row.failed_pins,
    lockedUntil: row.locked_until,
  };
}

export async function selectPhoneLanguage(db: Db, phone: string): Promise<string | null> {
  const row = await reach(db)
    .selectFrom('reach_phone')
    .select('language')
    .where('phone', '=', phone)
    .executeTakeFirst();
  return row?.language ?? null;
}

export async function updatePhone(
  db: Db,
  phone: string,
  change: { language?: string; failedPins?: number; lockedUntil?: Date | null },
  now: Date,
): Promise<void> {
  await reach(db)
    .updateTable('reach_phone')
    .set({
      ...(change.language !== undefined ? { language: change.language } : {}),
      ...(change.failedPins !== undefined ? { failed_pins: change.failedPins } : {}),
      ...(change.lockedUntil !== undefined ? { locked_until: change.lockedUntil } : {}),
      updated_at: now,
    })
    .where('phone', '=', phone)
    .execute();
}

export type PinRow = { personId: string; pinHash: string | null; setupOpenUntil: Date | null };

export async function selectPins(db: Db, personIds: readonly string[]): Promise<PinRow[]> {
  if (personIds.length === 0) return [];
  const rows = await reach(db)
    .selectFrom('reach_pin')
    .select(['person_id', 'pin_hash', 'setup_open_until'])
    .where('person_id', 'in', personIds)
    .orderBy('person_id')
    .execute();
  return rows.map((row) => ({
    personId: row.person_id,
    pinHash: row.pin_hash,
    setupOpenUntil: row.setup_open_until,
  }));
}

export async function storePin(db: Db, personId: string, pinHash: string, now: Date) {
  await reach(db)
    .insertInto('reach_pin')
    .values({
      person_id: personId,
      pin_hash: pinHash,
      setup_open_until: null,
      set_at: now,
      updated_at: now,
    })
    .onConflict((conflict) =>
      conflict
        .column('person_id')
        .doUpdateSet({ pin_hash: pinHash, setup_open_until: null, set_at: now, updated_at: now }),
    )
    .execute();
}

/** Clears a PIN and opens its setup until `openUntil`; whether the person had one. */
export async function clearPin(
  db: Db,
  personId: string,
  openUntil: Date,
  now: Date,
): Promise<{ hadPin: boolean }> {
  const before = await reach(db)
    .selectFrom('reach_pin')
    .select('pin_hash')
    .where('person_id', '=', personId)
    .forUpdate()
    .executeTakeFirst();
  await reach(db)
    .insertInto('reach_pin')
    .values({
      person_id: personId,
      pin_hash: null,
      setup_open_until: openUntil,
      set_at: null,
      updated_at: now,
    })
    .onConflict((conflict) =>
      conflict.column('person_id').doUpdateSet({
        pin_hash: null,
        setup_open_until: openUntil,
        set_at: null,
        updated_at: now,
      }),
    )
    .execute();
  return { hadPin: Boolean(before?.pin_hash) };
}

export async function selectSession(db: Db, id: string) {
  const row = await reach(db)
    .selectFrom('reach_ussd_session')
    .select(['phone', 'state', 'updated_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? { phone: row.phone, state: row.state, updatedAt: row.updated_at } : undefined;
}

export async function saveSession(db: Db, id: string, phone: string, state: unknown, now: Date) {
  const text = JSON.stringify(state);
  await reach(db)
    .insertInto('reach_ussd_session')
    .values({ id, phone, state: text, created_at: now, updated_at: now })
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet({ phone, state: text, updated_at: now }),
    )
    .execute();
}

export async function deleteSession(db: Db, id: string) {
  await reach(db).deleteFrom('reach_ussd_session').where('id', '=', id).execute();
}

/** Counts one hop of `phone` in the minute of `now`; the hops of that minute, this one included. */
export async function countHop(db: Db, phone: string, windowStart: Date): Promise<number> {
  const row = await reach(db)
    .insertInto('reach_phone_hop')
    .values({ phone, window_start: windowStart, hops: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['phone', 'window_start'])
        .doUpdateSet({ hops: sql`reach_phone_hop.hops + 1` }),
    )
    .returning('hops')
    .executeTakeFirstOrThrow();
  return row.hops;
}

/** Forgets what no longer matters: hops of past minutes, sessions idle since `before`. */
export async function sweepUssd(db: Db, hopsBefore: Date, sessionsBefore: Date) {
  await reach(db).deleteFrom('reach_phone_hop').where('window_start', '<', hopsBefore).execute();
  await reach(db)
    .deleteFrom('reach_ussd_session')
    .where('updated_at', '<', sessionsBefore)
    .execute();
}

export async function insertUssdEvent(
  db: Db,
  event: {
    id: string;
    sessionId: string;
    phone: string | null;
    status: string | null;
    payload: unknown;
    at: Date;
  },
) {
  await reach(db)
    .insertInto('reach_ussd_event')
    .values({
      id: event.id,
      session_id: event.sessionId,
      phone: event.phone,
      status: event.status,
      payload: JSON.stringify(event.payload),
      received_at: event.at,
    })
    .execute();
}

/** Records an interest once; whether it is new. */
export async function insertInterest(
  db: Db,
  interest: ReachTables['reach_intent_interest'],
): Promise<boolean> {
  const rows = await reach(db)
    .insertInto('reach_intent_interest')
    .values(interest)
    .onConflict((conflict) => conflict.columns(['intent_id', 'person_id']).doNothing())
    .returning('id')
    .execute();
  return rows.length === 1;
}

export async function countInterests(db: Db, intentId: string): Promise<number> {
  const row = await reach(db)
    .selectFrom('reach_intent_interest')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('intent_id', '=', intentId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
