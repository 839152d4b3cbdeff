// The platform's table of idempotency keys: the first answer to each write sent with a key.
import type { Db } from '../db.ts';

type IdempotencyKeyTable = {
  principal: string;
  method: string;
  route: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_headers: Record<string, string>;
  response_body: string;
  created_at: Date;
  expires_at: Date;
};

const keys = (db: Db) => db.withTables<{ platform_idempotency_key: IdempotencyKeyTable }>();

export type KeyScope = { principal: string; method: string; route: string; key: string };

export type StoredAnswer = {
  requestHash: string;
  status: number;
  headers: Record<string, string>;
  body: string;
};

export async function selectStoredAnswer(
  db: Db,
  scope: KeyScope,
  now: Date,
): Promise<StoredAnswer | undefined> {
  const row = await keys(db)
    .selectFrom('platform_idempotency_key')
    .select(['request_hash', 'response_status', 'response_headers', 'response_body'])
    .where('principal', '=', scope.principal)
    .where('method', '=', scope.method)
    .where('route', '=', scope.route)
    .where('key', '=', scope.key)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row
    ? {
        requestHash: row.request_hash,
        status: row.response_status,
        headers: row.response_headers,
        body: row.response_body,
      }
    : undefined;
}

/** Stores the answer; a key whose earlier answer has expired is used again. */
export async function storeAnswer(
  db: Db,
  scope: KeyScope,
  answer: StoredAnswer,
  now: Date,
  keepForMs: number,
): Promise<void> {
  const row = {
    principal: scope.principal,
    method: scope.method,
    route: scope.route,
    key: scope.key,
    request_hash: answer.requestHash,
    response_status: answer.status,
    response_headers: answer.headers,
    response_body: answer.body,
    created_at: now,
    expires_at: new Date(now.getTime() + keepForMs),
  };
  await keys(db)
    .insertInto('platform_idempotency_key')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['principal', 'method', 'route', 'key']).doUpdateSet(row),
    )
    .execute();
}

/** Removes the answers kept past their time; returns how many. */
export async function deleteExpiredAnswers(db: Db, now: Date): Promise<number> {
  const result = await keys(db)
    .deleteFrom('platform_idempotency_key')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
