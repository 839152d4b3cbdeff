// Statements marked to be prepared are prepared once on each connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { preparedStatement } from './db.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase({ migrated: false });
});
afterAll(async () => {
  await database?.close();
});

describe('prepared statements', () => {
  it('prepares a marked statement on the connection that runs it, and only marked ones', async () => {
    const text = preparedStatement('probe_sum', 'select $1::int + 1 as sum');
    const client = await database.pool.connect();
    try {
      for (const value of [1, 2, 3]) {
        expect((await client.query(text, [value])).rows).toEqual([{ sum: value + 1 }]);
      }
      await client.query('select $1::int + 2 as sum', [1]);
      const prepared = await client.query('select name from pg_prepared_statements');
      expect(prepared.rows).toEqual([{ name: 'probe_sum' }]);
    } finally {
      client.release();
    }
  });

  it('refuses one name for two statements', () => {
    expect(() => preparedStatement('probe_sum', 'select 2')).toThrow(/probe_sum/);
  });
});
