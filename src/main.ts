// Boot: config -> database -> HTTP -> migrations -> jobs -> first-start work -> ready. Also the
// clean stop on SIGTERM/SIGINT, in order: stop listening, finish the requests in flight (cut off
// after SHUTDOWN_TIMEOUT_SECONDS), stop the job workers (a job in hand finishes, or goes back to
// the queue), close the pool, stop the embedded database, release the folder. And the worker
// (`intercoop worker`): the jobs alone, stopped the same way.
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { type Config, publicUrlFor } from './config.ts';
import {
  type DemoAccountCredentials,
  type DemoPhoneCredentials,
  loadDemo,
} from './demo/load-demo.ts';
import { ensureNetworkAdmin, type NewAdmin } from './modules/accounts/index.ts';
import { registryHasOrganizations } from './modules/network/index.ts';
import { authenticate, moduleRoutes, modules, sessionCookie } from './modules.ts';
import { system } from './platform/access.ts';
import type { Context, Logger } from './platform/context.ts';
import { type Database, openDatabase } from './platform/db.ts';
import { buildApp } from './platform/http/app.ts';
import { createJobs, type JobRunner, type JobTimings } from './platform/jobs/index.ts';
import { createMailer, type Mailer } from './platform/mail.ts';
import { migrate } from './platform/migrate.ts';
import { createOutbox, type Outbox, outboxJobs } from './platform/outbox/index.ts';

export function createLogger(config: Config) {
  // JSON lines for log collectors; readable lines for a person at a terminal.
  const transport = process.stdout.isTTY
    ? {
        target: 'pino-pretty',
        options: {
          translateTime: 'SYS:HH:MM:ss',
          // The message says it all: one short line each (a request's says method, path, status).
          ignore: 'pid,hostname,reqId,method,url,status,ms',
          singleLine: true,
        },
      }
    : undefined;
  return pino({ level: config.logLevel, transport });
}

/**
 * The database the settings name. The server (`forServer`) owns an embedded data folder and
 * limits its statements' time; a command joins the server running in the folder, if any.
 */
export async function openConfiguredDatabase(
  config: Config,
  log: Logger,
  {
    forServer = false,
    statementTimeouts = forServer,
  }: { forServer?: boolean; statementTimeouts?: boolean } = {},
): Promise<Database> {
  const statementTimeoutSeconds = statementTimeouts ? config.statementTimeoutSeconds : 0;
  return config.databaseUrl
    ? openDatabase({ kind: 'server', url: config.databaseUrl, statementTimeoutSeconds })
    : openDatabase({
        kind: 'embedded',
        dataDir: config.dataDir,
        share: !forServer,
        statementTimeoutSeconds,
        log: (message, level = 'info') => log[level](`embedded database: ${message}`),
      });
}

export function mailerFor(config: Config, log: Logger, publicUrl: string): Mailer {
  return createMailer(config.smtpUrl, log, `Intercoop <no-reply@${new URL(publicUrl).hostname}>`);
}

export type PlatformServices = { jobs: JobRunner; outbox: Outbox; mailer: Mailer };

/**
 * The job queue with every queue and schedule of this instance, the outbox that writes to it,
 * and the mailer the outbox delivers with. Nothing runs until `jobs.start`.
 */
export function platformServices(
  config: Config,
  database: Database,
  log: Logger,
  publicUrl: string,
  timings: Partial<JobTimings> = { stopTimeoutSeconds: config.shutdownTimeoutSeconds },
): PlatformServices {
  const mailer = mailerFor(config, log, publicUrl);
  const outbox = outboxJobs({ mailer, sms: modules.smsTransport?.(config, log) }, config.outbox);
  const jobs = createJobs({
    pool: database.pool,
    log,
    queues: [...outbox.queues, ...modules.queues],
    schedules: [...outbox.schedules, ...modules.schedules],
    timings,
  });
  return { jobs, outbox: createOutbox(jobs, config.outbox), mailer };
}

/** Stops the workers, then closes the mailer they deliver with. */
export async function stopServices(services: PlatformServices): Promise<void> {
  try {
    await services.jobs.stop();
  } finally {
    services.mailer.close();
  }
}

/** A context for work the operator starts (first start, CLI commands, jobs): the system acts. */
export function systemContext(
  config: Config,
  database: Database,
  log: Logger,
  services: Pick<PlatformServices, 'jobs' | 'outbox'>,
  publicUrl: string,
): Context {
  return {
    db: database.db,
    actor: system,
    now: () => new Date(),
    log,
    config,
    jobs: services.jobs,
    outbox: services.outbox,
    publicUrl,
    language: config.defaultLanguage,
  };
}

export type RunningServer = {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** Set on the first start of an empty database: to be shown once, never logged. */
  newAdmin: NewAdmin | undefined;
  /** Set when the first start of an empty embedded database loaded the demo: shown once too. */
  demoAccounts: DemoAccountCredentials[] | undefined;
  /** The demo members' phones and PINs loaded with it: shown once, after the accounts. */
  demoPhones: DemoPhoneCredentials[] | undefined;
  stop(): Promise<void>;
};

export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config);
  const database = await openConfiguredDatabase(config, log, { forServer: true });
  let ready = false;
  let url = config.publicUrl ?? publicUrlFor(config, config.port);
  const services = platformServices(config, database, log, url);
  let app: FastifyInstance | undefined;
  let newAdmin: NewAdmin | undefined;
  let demoAccounts: DemoAccountCredentials[] | undefined;
  let demoPhones: DemoPhoneCredentials[] | undefined;
  try {
    app = await buildApp({
      db: database.db,
      config,
      jobs: services.jobs,
      outbox: services.outbox,
      publicUrl: () => url,
      authenticate,
      sessionCookie,
      logger: log,
      modules: moduleRoutes,
      isReady: () => ready,
    });
    // Listen first so /health answers while migrations run; /ready waits for them.
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    url = publicUrlFor(config, typeof address === 'object' && address ? address.port : config.port);
    const result = await migrate(database.pool);
    if (result.applied.length > 0) log.info({ applied: result.applied }, 'migrations applied');
    await services.jobs.start({
      work: config.workers,
      context: () => systemContext(config, database, log, services, url),
    });
    const system = systemContext(config, database, log, services, url);
    newAdmin = await ensureNetworkAdmin(system);
    // An empty embedded database is someone trying Intercoop: give them a network to look at.
    // Never on PostgreSQL, where data is real; there `intercoop demo load` does it on purpose.
    // Nor over a registry filled before the first start (`intercoop demo load`, an import).
    if (newAdmin && database.mode === 'embedded' && !(await registryHasOrganizations(system))) {
      const started = performance.now();
      const demo = await loadDemo(systemContext(config, database, log, services, url));
      demoAccounts = demo.accounts;
      demoPhones = demo.phones;
      log.info(
        { ...demo.counts, ms: Math.round(performance.now() - started) },
        'demo network loaded',
      );
    }
    ready = true;
  } catch (error) {
    await app?.close().catch(() => {});
    await stopServices(services).catch(() => {});
    await database.close().catch(() => {});
    // The admin was made and its password is known only here: say it, or it is lost.
    if (newAdmin) Object.assign(error as object, { newAdmin });
    throw error;
  }
  const running = app;
  let stopping: Promise<void> | undefined;
  return {
    app: running,
    database,
    url,
    newAdmin,
    demoAccounts,
    demoPhones,
    stop() {
      stopping ??= (async () => {
        // Requests still running at the deadline lose their connections: a stuck client or a
        // slow upload must not keep the process (and its database) up for ever.
        const deadline = setTimeout(() => {
          log.warn(
            `requests still running after ${config.shutdownTimeoutSeconds} s: closing their connections`,
          );
          running.server.closeAllConnections();
        }, config.shutdownTimeoutSeconds * 1000);
        try {
          await running.close();
        } finally {
          clearTimeout(deadline);
        }
        await stopServices(services);
        await database.close();
      })();
      return stopping;
    },
  };
}

/** Runs the server until SIGTERM or SIGINT, then stops cleanly. */
function printNewAdmin(admin: NewAdmin) {
  // Printed once, to the terminal only: the log never holds the password.
  process.stdout.write(`Network admin: ${admin.email} password: ${admin.password}\n`);
}

/** On SIGTERM or SIGINT, stops cleanly and exits 0; a second signal exits at once. */
function stopOnSignal(log: Logger, what: string, stop: () => Promise<void>) {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      log.warn(`${signal} again: stopping now without waiting`);
      process.exit(1);
    }
    signalled = true;
    log.info(`${signal} received: ${what}, then stopping`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'clean stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

export async function serve(config: Config): Promise<void> {
  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (error) {
    const made = (error as { newAdmin?: NewAdmin }).newAdmin;
    if (made) printNewAdmin(made);
    throw error;
  }
  if (server.newAdmin) printNewAdmin(server.newAdmin);
  for (const account of server.demoAccounts ?? []) {
    process.stdout.write(
      `Demo account: ${account.email} password: ${account.password} (${account.description})\n`,
    );
  }
  for (const phone of server.demoPhones ?? []) {
    process.stdout.write(
      `Demo member phone: ${phone.phone} PIN: ${phone.pin} (${phone.description})\n`,
    );
  }
  const where =
    server.database.mode === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  process.stdout.write(`Intercoop is running at ${server.url} (${where})\n`);
  stopOnSignal(server.app.log, 'finishing requests in flight', () => server.stop());
}

export type RunningWorker = { database: Database; log: Logger; stop(): Promise<void> };

/** The job workers and schedules alone, beside servers started with WORKERS=off. */
export async function startWorker(config: Config): Promise<RunningWorker> {
  const log = createLogger(config);
  const database = await openConfiguredDatabase(config, log, { statementTimeouts: true });
  const url = config.publicUrl ?? publicUrlFor(config, config.port);
  const services = platformServices(config, database, log, url);
  try {
    await migrate(database.pool);
    await services.jobs.start({
      work: true,
      context: () => systemContext(config, database, log, services, url),
    });
  } catch (error) {
    await stopServices(services).catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    database,
    log,
    stop() {
      stopping ??= (async () => {
        await stopServices(services);
        await database.close();
      })();
      return stopping;
    },
  };
}

export async function work(config: Config): Promise<void> {
  const worker = await startWorker(config);
  const where =
    worker.database.mode === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  process.stdout.write(`Intercoop worker is running (${where})\n`);
  stopOnSignal(worker.log, 'finishing the jobs in hand', () => worker.stop());
}
