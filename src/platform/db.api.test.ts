import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase } from '../../test/test-database.ts';
import { type Database, openDatabase } from './db.ts';

let server: { url: string; drop(): Promise<void> };
let database: Database;
beforeAll(async () => {
  server = await createServerDatabase();
  database = await openDatabase({ kind: 'server', url: server.url, statementTimeoutSeconds: 1 });
});
afterAll(async () => {
  await database?.close();
  await server?.drop();
});

describe('the database pool', () => {
  it('cancels a statement that runs past the statement timeout, and serves the next one', async () => {
    await expect(database.pool.query('select pg_sleep(3)')).rejects.toMatchObject({
      code: '57014', // query_canceled
    });
    const { rows } = await database.pool.query<{ answer: number }>('select 42 as answer');
    expect(rows).toEqual([{ answer: 42 }]);
  });

  it('ends a transaction left idle past the timeout, releasing its locks', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('begin');
      await client.query('select 1');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await expect(client.query('select 1')).rejects.toThrow();
    } finally {
      client.release(true);
    }
  });
});
