// The durable job queue: pg-boss, in our own database (schema `pgboss`, installed by migrate()).
// A job is sent in the caller's transaction, through that transaction's connection, so a change
// that rolls back leaves no job; a NOTIFY in the same transaction wakes the workers of every
// process once it commits (polling remains the fallback). A job whose process dies is failed by
// pg-boss's maintenance once its time limit has passed, and run again while it has retries: so
// every handler must be idempotent, keyed by what its data names.
import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { Context, Logger } from '../context.ts';
import type { Db } from '../db.ts';
import { checkCron, slotJobId, slotsBetween } from './schedule-slots.ts';
import { jobSchema } from './schema.ts';

export type JobQueue = {
  /** Lower case words and dots, such as `platform.outbox.deliver`. */
  name: string;
  /** Runs one job. Its data comes as sent (JSON), so the handler parses it. */
  handle(ctx: Context, data: unknown, job: { id: string }): Promise<void>;
  /** A job running longer is taken as lost (its process killed, or stuck) and run again. */
  timeLimitSeconds: number;
  /** How often a failed job is run again, after `retryDelaySeconds`. */
  retries: number;
  retryDelaySeconds: number;
  /** How many of its jobs one process runs at once (1 unless said): each is a worker of its own. */
  concurrency?: number;
};

export type JobSchedule = {
  name: string;
  /** Five fields (minute first), or six with seconds first; in UTC. */
  cron: string;
  /** Runs once per slot, whatever the number of processes; idempotent for its slot. */
  handle(ctx: Context, slot: Date): Promise<void>;
  timeLimitSeconds: number;
};

export type SendOptions = {
  /** Not before this instant. */
  startAfter?: Date;
  /** A job with this id already in the queue makes the send do nothing (and return null). */
  id?: string;
};

/** What a use case may do with jobs: send one, on `db`, normally its transaction. */
export type Jobs = {
  send(db: Db, queue: string, data: object, options?: SendOptions): Promise<string | null>;
};

export type JobTimings = {
  /** How often an idle worker looks for jobs when no notice wakes it (at least 0.5). */
  pollingSeconds: number;
  /** How often pg-boss's maintenance runs: it finds the jobs past their time limit. */
  maintenanceSeconds: number;
  /** How often each process looks for schedule slots that have come. */
  scheduleTickSeconds: number;
  /** A slot that came while no process ran is still run if it is at most this old. */
  scheduleCatchUpSeconds: number;
  /** On stop, jobs in hand have this long to finish before they go back to the queue. */
  stopTimeoutSeconds: number;
};

export const defaultJobTimings: JobTimings = {
  pollingSeconds: 2,
  maintenanceSeconds: 30,
  scheduleTickSeconds: 5,
  scheduleCatchUpSeconds: 60,
  stopTimeoutSeconds: 10,
};

export type JobRunner = Jobs & {
  /**
   * Creates or updates the queues; with `work`, also runs their workers, the schedules and the
   * maintenance in this process. `context` makes the context a job runs in.
   */
  start(options: { work: boolean; context: () => Context }): Promise<void>;
  /** Stops taking jobs; jobs in hand finish, or go back to the queue after the stop timeout. */
  stop(): Promise<void>;
};

/** The channel on which a committed send wakes the workers of its queue. */
const wakeChannel = 'intercoop_jobs';

type Executor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/** pg-boss's statements on a connection of the pool; a failure never leaves it mid-transaction. */
function poolExecutor(pool: pg.Pool): Executor {
  return {
    async executeSql(text, values) {
      const client = await pool.connect();
      try {
        return await client.query(text, values);
      } catch (error) {
        // Maintenance sends `begin; ...; commit;` in one string: a failure inside would leave
        // the connection in an aborted transaction for the next user of the pool.
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** pg-boss's statements on a Kysely handle: inside the caller's transaction when it is one. */
function kyselyExecutor(db: Db): Executor {
  return {
    async executeSql(text, values = []) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as unknown[] };
    },
  };
}

export function createJobs(options: {
  pool: pg.Pool;
  log: Logger;
  queues: JobQueue[];
  schedules: JobSchedule[];
  timings?: Partial<JobTimings>;
}): JobRunner {
  const { pool, log, schedules } = options;
  const timings = { ...defaultJobTimings, ...options.timings };
  for (const schedule of schedules) checkCron(schedule.name, schedule.cron);
  const scheduleQueues: JobQueue[] = schedules.map((schedule) => ({
    name: schedule.name,
    timeLimitSeconds: schedule.timeLimitSeconds,
    retries: 2,
    retryDelaySeconds: 5,
    handle: (ctx, data) => schedule.handle(ctx, new Date(String((data as { slot: string }).slot))),
  }));
  const queues = [...options.queues, ...scheduleQueues];
  const names = new Set<string>();
  for (const queue of queues) {
    if (names.has(queue.name)) throw new Error(`two job queues are named ${queue.name}`);
    names.add(queue.name);
  }

  const boss = new PgBoss({
    db: poolExecutor(pool),
    schema: jobSchema,
    migrate: false,
    // Our own schedules (below) rather than pg-boss's: its cron checks minutes only, and a job
    // it sends does not say which slot it is for.
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: timings.maintenanceSeconds,
  });
  boss.on('error', (error) => log.warn({ err: error }, 'job queue: %s', error.message));

  const workers = new Map<string, string[]>();
  let listener: { close(): Promise<void> } | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let working = false;

  async function sendWith(
    executor: Executor,
    queue: string,
    data: object,
    sendOptions: SendOptions = {},
  ): Promise<string | null> {
    const id = await boss.send(queue, data, {
      db: executor,
      ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
      ...(sendOptions.id ? { id: sendOptions.id } : {}),
    });
    if (id === null && !sendOptions.id) {
      // pg-boss drops a job for a queue it does not have: that would lose work silently.
      throw new Error(`there is no job queue named ${queue}: list it where the jobs are created`);
    }
    if (id !== null && !(sendOptions.startAfter && sendOptions.startAfter.getTime() > Date.now())) {
      await executor.executeSql('select pg_notify($1, $2)', [wakeChannel, queue]);
    }
    return id;
  }

  function wake(queue: string) {
    for (const id of workers.get(queue) ?? []) boss.notifyWorker(id);
  }

  const lastSlot = new Map<string, number>();
  async function tick() {
    const now = Date.now();
    for (const schedule of schedules) {
      const after = Math.max(
        lastSlot.get(schedule.name) ?? 0,
        now - timings.scheduleCatchUpSeconds * 1000,
      );
      for (const slot of slotsBetween(schedule.cron, new Date(after), new Date(now))) {
        try {
          // Not in a transaction: the slot's id keeps one job per slot, whoever sends it.
          await sendWith(
            poolExecutor(pool),
            schedule.name,
            { slot: slot.toISOString() },
            { id: slotJobId(schedule.name, slot) },
          );
          lastSlot.set(schedule.name, slot.getTime());
        } catch (error) {
          log.warn({ err: error, schedule: schedule.name }, 'schedule: could not send its slot');
          break;
        }
      }
    }
  }

  return {
    send: (db, queue, data, sendOptions) => sendWith(kyselyExecutor(db), queue, data, sendOptions),
    async start({ work, context }) {
      await createQueues(pool, queues);
      if (!work) return;
      working = true;
      await boss.start();
      listener = await listenForWakes(pool, log, wake);
      for (const queue of queues.flatMap((queue) =>
        Array.from({ length: queue.concurrency ?? 1 }, () => queue),
      )) {
        const id = await boss.work(
          queue.name,
          { batchSize: 1, pollingIntervalSeconds: timings.pollingSeconds },
          async ([job]) => {
            if (!job) return;
            try {
              await queue.handle(context(), job.data, { id: job.id });
            } catch (error) {
              log.warn(
                { err: error, queue: queue.name, job: job.id },
                'job failed: it runs again while it has retries',
              );
              throw error;
            }
          },
        );
        workers.set(queue.name, [...(workers.get(queue.name) ?? []), id]);
      }
      const runTick = () => {
        ticking ??= tick().finally(() => {
          ticking = undefined;
        });
      };
      runTick();
      ticker = setInterval(runTick, timings.scheduleTickSeconds * 1000);
    },
    stop() {
      stopping ??= (async () => {
        if (!working) return;
        clearInterval(ticker);
        await ticking;
        await listener?.close();
        await boss.stop({
          graceful: true,
          wait: true,
          close: false,
          timeout: timings.stopTimeoutSeconds * 1000,
        });
      })();
      return stopping;
    },
  };
}

// Any number that is ours alone: serialises the creation of queues by processes starting at once.
const queueLockKey = 7_240_552;

/**
 * Creates the queues that do not exist yet and applies the settings of those that do, one
 * process at a time: pg-boss makes a partition of its job table for each queue, and two
 * processes doing so at once deadlock.
 */
async function createQueues(pool: pg.Pool, queues: JobQueue[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [queueLockKey]);
    // A second pg-boss on this one connection, for these statements only: never started.
    const locked = new PgBoss({
      db: { executeSql: (text, values) => client.query(text, values) },
      schema: jobSchema,
      migrate: false,
      schedule: false,
      supervise: false,
    });
    for (const queue of queues) {
      const settings = {
        name: queue.name,
        retryLimit: queue.retries,
        retryDelay: queue.retryDelaySeconds,
        expireInSeconds: queue.timeLimitSeconds,
      };
      await locked.createQueue(queue.name, settings);
      await locked.updateQueue(queue.name, settings);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * One connection of the pool that LISTENs for committed sends and wakes the queue's workers at
 * once. When it is lost, workers still poll, and it reconnects after a few seconds.
 */
async function listenForWakes(
  pool: pg.Pool,
  log: Logger,
  wake: (queue: string) => void,
): Promise<{ close(): Promise<void> }> {
  let client: pg.PoolClient | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    try {
      const connection = await pool.connect();
      connection.on('notification', (message) => {
        if (message.channel === wakeChannel && message.payload) wake(message.payload);
      });
      connection.on('error', () => {
        if (client !== connection) return;
        client = undefined;
        connection.release(true);
        if (!closed) retry = setTimeout(connect, 5000);
      });
      await connection.query(`listen ${wakeChannel}`);
      if (closed) {
        connection.release(true);
        return;
      }
      client = connection;
    } catch (error) {
      log.warn({ err: error }, 'job queue: cannot listen for new jobs; workers poll meanwhile');
      if (!closed) retry = setTimeout(connect, 5000);
    }
  };
  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      const connection = client;
      client = undefined;
      if (connection) connection.release(true);
    },
  };
}
