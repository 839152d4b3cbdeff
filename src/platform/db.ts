// One database code path: the application always talks to PostgreSQL through `pg` and Kysely.
// Embedded mode runs a PostgreSQL server in the data folder (embedded-postgres.ts), so embedded
// and server mode are the same engine and differ only in where the pool connects.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DataFolderLockedError, type DataLock, lockDataFolder } from './data-lock.ts';
import {
  type EmbeddedCluster,
  type EmbeddedLog,
  joinEmbeddedCluster,
  startEmbeddedCluster,
} from './embedded-postgres.ts';

// Tables shared by every module (migrations bookkeeping). Modules add their own tables
// with `db.withTables<ModuleTables>()` in their queries.ts.
export type PlatformTables = {
  schema_migration: { name: string; checksum: string; applied_at: Date };
  platform_audit_entry: {
    id: string;
    at: Date;
    actor_account_id: string | null;
    actor_label: string;
    action: string;
    entity_type: string;
    entity_id: string;
    organization_id: string | null;
    before: unknown;
    after: unknown;
    request_id: string | null;
  };
};
export type Db = Kysely<PlatformTables>;

export type Database = {
  readonly db: Db;
  readonly pool: pg.Pool;
  readonly mode: 'embedded' | 'server';
  close(): Promise<void>;
};

const poolSize = 10;
const poolEndTimeoutMs = 5000;

export type OpenDatabaseOptions = (
  | { kind: 'server'; url: string }
  /**
   * The PostgreSQL server Intercoop runs in `dataDir`. With `share`, a command may use the server
   * another Intercoop process runs there (`intercoop check` beside `intercoop serve`); without
   * it (the server itself), a folder in use is refused.
   */
  | { kind: 'embedded'; dataDir: string; share?: boolean; log?: EmbeddedLog }
) & {
  /** Cancels any statement that runs longer (seconds; 0 or unset: no limit). */
  statementTimeoutSeconds?: number;
};

function makePool(config: pg.PoolConfig, statementTimeoutSeconds = 0): pg.Pool {
  const pool = new pg.Pool({
    max: poolSize,
    idleTimeoutMillis: 30_000,
    ...(statementTimeoutSeconds > 0
      ? {
          statement_timeout: statementTimeoutSeconds * 1000,
          // A transaction left open by a stuck request must not hold its locks for ever either.
          idle_in_transaction_session_timeout: statementTimeoutSeconds * 1000,
        }
      : {}),
    ...config,
  });
  // A client losing its connection (the server ended it: a timeout, a restart) must not crash
  // the process: idle, the pool drops it; checked out, its query fails and the request with it.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  prepareMarkedStatements(pool);
  return pool;
}

// Statements worth preparing: SQL text → statement name. See `preparedStatement`.
const preparedNames = new Map<string, string>();

/**
 * Marks a statement, by its exact SQL text, to be prepared once on each connection and then only
 * executed: parsing and planning cost more than running the hottest reads (reading an
 * organization by id: 110 µs of server time each, 51 µs prepared, on PostgreSQL 15). For
 * statements whose text is fixed and whose plan does not depend on the values (a row by its
 * key). Returns the text, to run it with.
 */
export function preparedStatement(name: string, text: string): string {
  const known = preparedNames.get(text);
  if (known === undefined) {
    if ([...preparedNames.values()].includes(name)) {
      throw new Error(`two different statements are both prepared as ${name}`);
    }
    preparedNames.set(text, name);
  } else if (known !== name) {
    throw new Error(`the statement prepared as ${known} is prepared again as ${name}`);
  }
  return text;
}

/** Runs the statements marked by `preparedStatement` as named (prepared) statements. */
function prepareMarkedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((text: unknown, values: unknown, ...rest: unknown[]) => {
      const name = typeof text === 'string' ? preparedNames.get(text) : undefined;
      if (name !== undefined && Array.isArray(values) && rest.length === 0) {
        return query({ name, text, values });
      }
      return query(text, values, ...rest);
    }) as typeof client.query;
  });
}

function wrap(pool: pg.Pool, mode: Database['mode'], onClose: () => Promise<void>): Database {
  const db = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  return {
    db,
    pool,
    mode,
    close() {
      closing ??= (async () => {
        try {
          // A client stuck in a statement would hold that up for ever: past a
          // few seconds it is left behind (the embedded server's stop ends its session).
          await Promise.race([
            (async () => {
              await db.destroy(); // ends the pool if Kysely ever used it
              if (!pool.ended) await pool.end();
            })(),
            new Promise((resolve) => setTimeout(resolve, poolEndTimeoutMs).unref()),
          ]);
        } finally {
          await onClose();
        }
      })();
      return closing;
    },
  };
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.kind === 'server') {
    const pool = makePool({ connectionString: options.url }, options.statementTimeoutSeconds);
    return wrap(pool, 'server', async () => {});
  }
  return openEmbedded(options);
}

/** The folder's server: started by this process (which then holds the lock), or joined. */
async function clusterFor(
  options: Extract<OpenDatabaseOptions, { kind: 'embedded' }>,
): Promise<{ cluster: EmbeddedCluster; lock?: DataLock }> {
  let lock: DataLock;
  try {
    lock = lockDataFolder(options.dataDir);
  } catch (error) {
    if (!(error instanceof DataFolderLockedError) || !options.share) throw error;
    return { cluster: await joinEmbeddedCluster(options.dataDir, error.holderPid) };
  }
  try {
    return {
      cluster: await startEmbeddedCluster(options.dataDir, options.log ?? (() => {})),
      lock,
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openEmbedded(
  options: Extract<OpenDatabaseOptions, { kind: 'embedded' }>,
): Promise<Database> {
  const { cluster, lock } = await clusterFor(options);
  const pool = makePool(
    {
      host: cluster.host,
      port: cluster.port,
      user: cluster.user,
      password: cluster.password,
      database: cluster.database,
    },
    options.statementTimeoutSeconds,
  );
  return wrap(pool, 'embedded', async () => {
    try {
      await cluster.stop();
    } finally {
      lock?.release();
    }
  });
}
