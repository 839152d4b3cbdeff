// The idempotency keys' schedule: every hour, the answers kept past their 24 hours are deleted
// (a key sent again after that is a new request). Idempotent, so a slot run twice does no harm;
// the index on expires_at keeps the delete to the rows it removes.
import type { Context } from '../context.ts';
import type { JobSchedule } from '../jobs/index.ts';
import { deleteExpiredAnswers } from './idempotency-queries.ts';

export const answerSweepScheduleName = 'platform.idempotency.sweep';

export async function sweepExpiredAnswers(ctx: Context): Promise<number> {
  const deleted = await deleteExpiredAnswers(ctx.db, ctx.now());
  if (deleted > 0) ctx.log.info({ deleted }, 'expired idempotency answers deleted');
  return deleted;
}

export const idempotencySchedules: JobSchedule[] = [
  {
    name: answerSweepScheduleName,
    // At 17 minutes past each hour: away from the top of the hour, when other work gathers.
    cron: '17 * * * *',
    handle: async (ctx) => {
      await sweepExpiredAnswers(ctx);
    },
    timeLimitSeconds: 120,
  },
];
