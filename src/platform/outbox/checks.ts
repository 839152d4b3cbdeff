// The outbox's invariants for `intercoop check`. Both fail when no worker delivers mail: the
// sweep erases expired secrets every minute and prompts overdue messages, so anything older
// than a few minutes means the jobs are not running.
import { sql } from 'kysely';
import type { Db } from '../db.ts';

export async function checkOutboxDelivering(db: Db): Promise<string[]> {
  const { rows } = await sql<{ expired: number; overdue: number }>`
    select
      count(*) filter (where carries_secret and body is not null
        and secret_expires_at < now() - interval '5 minutes')::int as expired,
      count(*) filter (where status = 'pending'
        and next_attempt_at < now() - interval '10 minutes')::int as overdue
    from platform_outbox_message`.execute(db);
  const { expired = 0, overdue = 0 } = rows[0] ?? {};
  const problems: string[] = [];
  if (expired > 0) {
    problems.push(
      `${expired} outgoing message(s) still keep the text of a link that expired: the jobs are not running (start \`intercoop worker\`, or the server with WORKERS=on).`,
    );
  }
  if (overdue > 0) {
    problems.push(
      `${overdue} outgoing message(s) are more than 10 minutes overdue: the jobs are not running (start \`intercoop worker\`, or the server with WORKERS=on).`,
    );
  }
  return problems;
}
