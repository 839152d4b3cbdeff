// The job queue across transactions and processes: a job sent in a transaction exists only if it
// commits; a worker killed with a job in hand leaves it to be run again; a worker stopped with
// SIGTERM finishes its job, or gives it back; two processes on one database run a schedule once
// per slot.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fixtureQueue,
  fixtureSchedule,
  fixtureTables,
  fixtureTimings,
  type WorkerMode,
} from '../../../test/job-fixtures.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/test-database.ts';
import { loadConfig } from '../../config.ts';
import { systemContext } from '../../main.ts';
import { createOutbox } from '../outbox/index.ts';
import { createJobs, type JobRunner } from './index.ts';

const root = path.resolve(import.meta.dirname, '../../..');
let database: TestDatabase;
let sender: JobRunner;
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  await database.pool.query(fixtureTables);
  // A process that only sends: it creates the queues, and runs nothing.
  sender = createJobs({
    pool: database.pool,
    log: pino({ level: 'silent' }),
    queues: [fixtureQueue('finish')],
    schedules: [fixtureSchedule],
    timings: fixtureTimings,
  });
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const services = { jobs: sender, outbox: createOutbox(sender, config.outbox) };
  await sender.start({
    work: false,
    context: () => systemContext(config, database, pino(), services, 'http://test'),
  });
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
});

afterAll(async () => {
  await sender?.stop();
  await database?.close();
});

async function startWorker(mode: WorkerMode) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/job-worker.ts', database.url as string, mode],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await until(async () => output.includes('working') || child.exitCode !== null, 30_000);
  if (!output.includes('working')) throw new Error(`the worker did not start:\n${output}`);
  return { child, exited, output: () => output };
}

async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function runsOf(jobId: string): Promise<number[]> {
  const { rows } = await database.pool.query<{ pid: number }>(
    'select pid from test_job_run where job_id = $1 order by at',
    [jobId],
  );
  return rows.map((row) => row.pid);
}

async function jobState(jobId: string): Promise<{ state: string; retry_count: number }> {
  const { rows } = await database.pool.query<{ state: string; retry_count: number }>(
    'select state, retry_count from pgboss.job where id = $1',
    [jobId],
  );
  if (!rows[0]) throw new Error(`no job ${jobId}`);
  return rows[0];
}

async function send(): Promise<string> {
  const id = await sender.send(database.db, 'test.work', { label: 'fixture' });
  if (!id) throw new Error('no job id');
  return id;
}

describe('jobs sent in a transaction', () => {
  it('do not exist when the transaction rolls back, and do once it commits', async () => {
    const before = await database.pool.query(
      "select count(*)::int as n from pgboss.job where name = 'test.work'",
    );
    let sentInRollback: string | null = null;
    await expect(
      database.db.transaction().execute(async (trx) => {
        sentInRollback = await sender.send(trx, 'test.work', { label: 'rolled back' });
        // Visible inside the transaction...
        const inside = await sql<{
          n: number;
        }>`select count(*)::int as n from pgboss.job where id = ${sentInRollback}`.execute(trx);
        expect(inside.rows[0]?.n).toBe(1);
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect(sentInRollback).not.toBeNull();
    // ...and gone with it.
    const gone = await database.pool.query(
      'select count(*)::int as n from pgboss.job where id = $1',
      [sentInRollback],
    );
    expect(gone.rows[0].n).toBe(0);
    const after = await database.pool.query(
      "select count(*)::int as n from pgboss.job where name = 'test.work'",
    );
    expect(after.rows[0].n).toBe(before.rows[0].n);

    const committed = await database.db
      .transaction()
      .execute((trx) => sender.send(trx, 'test.work', { label: 'committed' }));
    expect((await jobState(committed as string)).state).toBe('created');
  });

  it('refuse a queue that does not exist rather than drop the job', async () => {
    await expect(sender.send(database.db, 'test.nowhere', {})).rejects.toThrow(
      /no job queue named test\.nowhere/,
    );
  });
});

describe('a worker process', () => {
  it('killed with a job in hand: the job runs again in another process', async () => {
    const jobId = await send();
    const doomed = await startWorker('hang');
    await until(async () => (await runsOf(jobId)).length === 1);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const rescuer = await startWorker('finish');
    // Past its 2 s limit, maintenance fails the job; its retry runs in the other process.
    await until(async () => (await jobState(jobId)).state === 'completed', 30_000);
    const runs = await runsOf(jobId);
    expect(runs).toEqual([doomed.child.pid, rescuer.child.pid]);
    expect((await jobState(jobId)).retry_count).toBe(1);
  });

  it('stopped with SIGTERM: the job in hand finishes, and the process exits 0', async () => {
    const worker = await startWorker('slow');
    const jobId = await send();
    await until(async () => (await runsOf(jobId)).length === 1);
    worker.child.kill('SIGTERM');
    expect(await worker.exited, worker.output()).toBe(0);
    expect((await jobState(jobId)).state).toBe('completed');
  });

  it('stopped with SIGTERM while a job hangs: it goes back to the queue, and the process exits 0', async () => {
    const worker = await startWorker('hang');
    const jobId = await send();
    await until(async () => (await runsOf(jobId)).length === 1);
    worker.child.kill('SIGTERM');
    expect(await worker.exited, worker.output()).toBe(0);
    expect(await jobState(jobId)).toMatchObject({ state: 'retry', retry_count: 0 });
    // Given back, it is run again by the next worker.
    await startWorker('finish');
    await until(async () => (await jobState(jobId)).state === 'completed', 30_000);
  });
});

describe('a schedule', () => {
  it('runs once per slot with two processes on one database', async () => {
    const first = await startWorker('schedule');
    const second = await startWorker('schedule');
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    first.child.kill('SIGTERM');
    second.child.kill('SIGTERM');
    expect(await first.exited, first.output()).toBe(0);
    expect(await second.exited, second.output()).toBe(0);
    const { rows } = await database.pool.query<{ slot: Date; runs: number }>(
      'select slot, count(*)::int as runs from test_schedule_run group by slot order by slot',
    );
    expect(
      rows.every((row) => row.runs === 1),
      JSON.stringify(rows),
    ).toBe(true);
    // Every second while both ran has its slot: none missed, none twice.
    const slots = rows.map((row) => row.slot.getTime());
    const whileBoth = slots.filter((slot) => slot >= since.getTime() + 1000);
    expect(whileBoth.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < slots.length; index++) {
      expect((slots[index] as number) - (slots[index - 1] as number)).toBe(1000);
    }
  });
});
