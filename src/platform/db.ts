// One database code path: the application always talks to PostgreSQL through `pg` and Kysely.
// Embedded mode runs PGlite (PostgreSQL in WASM) in this process and serves it on a private
// Unix socket, so embedded and server mode differ only in where the pool connects.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type DataLock, lockDataFolder } from './data-lock.ts';

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

export type OpenDatabaseOptions =
  | { kind: 'server'; url: string }
  /** `dataDir: undefined` keeps the database in memory (tests). */
  | { kind: 'embedded'; dataDir: string | undefined };

function makePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ max: poolSize, idleTimeoutMillis: 30_000, ...config });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
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
        await db.destroy(); // ends the pool
        await onClose();
      })();
      return closing;
    },
  };
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.kind === 'server') {
    const pool = makePool({ connectionString: options.url });
    return wrap(pool, 'server', async () => {});
  }
  return openEmbedded(options.dataDir);
}

async function openEmbedded(dataDir: string | undefined): Promise<Database> {
  let lock: DataLock | undefined;
  if (dataDir) lock = lockDataFolder(dataDir);
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-db-'));
  let pglite: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    pglite = await PGlite.create({
      dataDir: dataDir ? path.join(dataDir, 'pglite') : 'memory://',
      extensions: { unaccent, pg_trgm },
    });
    // pg connects to a Unix socket at DIR/.s.PGSQL.PORT; the folder is private to this user.
    const port = 5432;
    server = new PGLiteSocketServer({
      db: pglite,
      path: path.join(socketDir, `.s.PGSQL.${port}`),
      maxConnections: poolSize + 2,
    });
    await server.start();
    const pool = makePool({ host: socketDir, port, user: 'postgres', database: 'postgres' });
    const started = { pglite, server };
    return wrap(pool, 'embedded', async () => {
      await started.server.stop();
      await started.pglite.close();
      fs.rmSync(socketDir, { recursive: true, force: true });
      lock?.release();
    });
  } catch (error) {
    await server?.stop().catch(() => {});
    await pglite?.close().catch(() => {});
    fs.rmSync(socketDir, { recursive: true, force: true });
    lock?.release();
    throw error;
  }
}
