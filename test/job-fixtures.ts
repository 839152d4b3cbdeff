// A queue and a schedule for testing the job runner across processes (test/fixtures/job-worker.ts
// runs them in a child process): each records what it ran, with the process id, in tables the
// test makes.
import { sql } from 'kysely';
import type { JobQueue, JobSchedule, JobTimings } from '../src/platform/jobs/index.ts';

export type WorkerMode = 'finish' | 'slow' | 'hang' | 'schedule';

export const fixtureTables = `
  create table test_job_run (job_id uuid not null, pid integer not null, at timestamptz not null default clock_timestamp());
  create table test_schedule_run (slot timestamptz not null, pid integer not null);
`;

export const fixtureTimings: Partial<JobTimings> = {
  pollingSeconds: 0.5,
  maintenanceSeconds: 1,
  scheduleTickSeconds: 0.5,
  scheduleCatchUpSeconds: 3,
};

export function fixtureQueue(mode: WorkerMode): JobQueue {
  return {
    name: 'test.work',
    timeLimitSeconds: 2,
    retries: 3,
    retryDelaySeconds: 1,
    async handle(ctx, _data, job) {
      await sql`insert into test_job_run (job_id, pid) values (${job.id}, ${process.pid})`.execute(
        ctx.db,
      );
      if (mode === 'hang') await new Promise(() => {});
      if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 1500));
    },
  };
}

/** Every second, recording each slot it runs. */
export const fixtureSchedule: JobSchedule = {
  name: 'test.every-second',
  cron: '* * * * * *',
  timeLimitSeconds: 5,
  async handle(ctx, slot) {
    await sql`insert into test_schedule_run (slot, pid) values (${slot}, ${process.pid})`.execute(
      ctx.db,
    );
  },
};
