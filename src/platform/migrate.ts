// Forward-only SQL migrations from one folder, each applied in its own transaction and
// recorded with a checksum, so an edited migration is noticed instead of silently skipped.
// Then the job queue's schema (pg-boss's, versioned by pg-boss itself).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { installJobSchema } from './jobs/schema.ts';

export const migrationsFolder = fileURLToPath(new URL('../../migrations/', import.meta.url));

const namePattern = /^\d{4}_[a-z0-9]+_[a-z0-9_]+\.sql$/;
// Any number that is ours alone: serialises migrations when several servers start at once.
const advisoryLockKey = 7_240_551;

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(folder = migrationsFolder): Migration[] {
  const names = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  return names.map((name) => {
    if (!namePattern.test(name)) {
      throw new Error(
        `Migration file ${name} must be named NNNN_<module>_<what>.sql in lower case.`,
      );
    }
    const sql = fs.readFileSync(path.join(folder, name), 'utf8');
    return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

export type MigrationResult = { applied: string[]; alreadyApplied: number };

// The advisory lock serialises servers (and commands) starting at once on one database.
export async function migrate(
  pool: pg.Pool,
  migrations = readMigrations(),
): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    // A migration may build an index on a large table: no statement limit here.
    await client.query('set statement_timeout = 0');
    await client.query('select pg_advisory_lock($1)', [advisoryLockKey]);
    await client.query(`create table if not exists schema_migration (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      'select name, checksum from schema_migration',
    );
    const done = new Map(rows.map((row) => [row.name, row.checksum]));
    const byName = new Map(migrations.map((migration) => [migration.name, migration]));
    for (const [name, checksum] of done) {
      const migration = byName.get(name);
      if (!migration) {
        throw new Error(
          `The database has migration ${name}, which this version of Intercoop does not know. ` +
            'It was made by a newer version: run that version, or restore a backup.',
        );
      }
      if (migration.checksum !== checksum) {
        throw new Error(
          `Migration ${name} changed after it was applied. Migrations are never edited once ` +
            'released: restore the file and add a new migration instead.',
        );
      }
    }
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      try {
        await client.query('begin');
        // Without parameters, pg uses the simple protocol, which accepts several statements.
        await client.query(migration.sql);
        await client.query('insert into schema_migration (name, checksum) values ($1, $2)', [
          migration.name,
          migration.checksum,
        ]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(
          `Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`,
        );
      }
      applied.push(migration.name);
    }
    // The job queue's own schema, under the same lock (see jobs/schema.ts).
    await installJobSchema(client);
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('select pg_advisory_unlock($1)', [advisoryLockKey]).catch(() => {});
    client.release();
  }
}
