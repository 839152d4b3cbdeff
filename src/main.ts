// Boot: config -> database -> migrations -> HTTP. Also the clean stop on SIGTERM/SIGINT:
// finish the requests in flight, close the database, release the data folder's lock.
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { type Config, publicUrlFor } from './config.ts';
import { moduleRoutes } from './modules.ts';
import { type Database, openDatabase } from './platform/db.ts';
import { buildApp } from './platform/http/app.ts';
import { migrate } from './platform/migrate.ts';

export function createLogger(config: Config) {
  // JSON lines for log collectors; readable lines for a person at a terminal.
  const transport = process.stdout.isTTY
    ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } }
    : undefined;
  return pino({ level: config.logLevel, transport });
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ kind: 'server', url: config.databaseUrl })
    : openDatabase({ kind: 'embedded', dataDir: config.dataDir });
}

export type RunningServer = {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
};

export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config);
  const database = await openConfiguredDatabase(config);
  let ready = false;
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({
      db: database.db,
      publicUrl: config.publicUrl,
      logger: log,
      modules: moduleRoutes,
      isReady: () => ready,
    });
    // Listen first so /health answers while migrations run; /ready waits for them.
    await app.listen({ port: config.port, host: config.host });
    const result = await migrate(database.pool);
    if (result.applied.length > 0) log.info({ applied: result.applied }, 'migrations applied');
    ready = true;
  } catch (error) {
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = publicUrlFor(config, port);
  const running = app;
  let stopping: Promise<void> | undefined;
  return {
    app: running,
    database,
    url,
    stop() {
      stopping ??= (async () => {
        await running.close();
        await database.close();
      })();
      return stopping;
    },
  };
}

/** Runs the server until SIGTERM or SIGINT, then stops cleanly. */
export async function serve(config: Config): Promise<void> {
  const server = await startServer(config);
  const where =
    server.database.mode === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  process.stdout.write(`Intercoop is running at ${server.url} (${where})\n`);
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      server.app.log.warn(`${signal} again: stopping now without waiting`);
      process.exit(1);
    }
    signalled = true;
    server.app.log.info(`${signal} received: finishing requests in flight, then stopping`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'clean stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
