// A fresh, migrated database for one test file, dropped again at the end: on the embedded
// PostgreSQL the test run started (embedded-cluster.setup.ts), or on the PostgreSQL server named
// by TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';

export const databaseKind = process.env.TEST_DATABASE_URL ? 'postgresql' : 'embedded';
const testDatabaseUrl = process.env.TEST_DATABASE_URL || inject('embeddedDatabaseUrl');

export type TestDatabase = Database & { url: string | undefined };

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the test server and returns its URL (PostgreSQL only). */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!testDatabaseUrl) throw new Error('no test database: set TEST_DATABASE_URL');
  const name = `intercoop_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => {},
      ),
  };
}

export async function openTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const server = await createServerDatabase();
  const database = await openDatabase({ kind: 'server', url: server.url });
  if (migrated) await migrate(database.pool);
  return {
    ...database,
    url: server.url,
    close: async () => {
      await database.close();
      await server.drop();
    },
  };
}
