import { sql } from 'kysely';
import { authorize } from '../access.ts';
import type { Context } from '../context.ts';
import { jobSchema } from './schema.ts';
import { jobStates, type QueueSummaryList } from './schemas.ts';

/** Each queue's jobs by state (network admins); pg-boss's own internal queues left out. */
export async function summarizeQueues(ctx: Context): Promise<QueueSummaryList> {
  authorize(ctx.actor, { anyOf: [], write: false });
  const { rows } = await sql<{ name: string; state: string | null; size: number }>`
    select q.name, j.state::text as state, count(j.id)::int as size
    from ${sql.table(`${jobSchema}.queue`)} q
    left join ${sql.table(`${jobSchema}.job`)} j on j.name = q.name
    where q.name not like '\\_\\_pgboss%'
    group by q.name, j.state
    order by q.name`.execute(ctx.db);
  const byName = new Map<string, Record<(typeof jobStates)[number], number>>();
  for (const row of rows) {
    const counts =
      byName.get(row.name) ??
      (Object.fromEntries(jobStates.map((state) => [state, 0])) as Record<
        (typeof jobStates)[number],
        number
      >);
    byName.set(row.name, counts);
    if (row.state && (jobStates as readonly string[]).includes(row.state)) {
      counts[row.state as (typeof jobStates)[number]] = row.size;
    }
  }
  return { items: [...byName].map(([name, counts]) => ({ name, counts })) };
}
