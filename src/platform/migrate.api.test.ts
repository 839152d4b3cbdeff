import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { type Migration, migrate, readMigrations } from './migrate.ts';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const tables = async (db: TestDatabase) =>
  (
    await db.pool.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    )
  ).rows.map((row) => row.table_name);

function fake(name: string, sql: string): Migration {
  return { name, sql, checksum: `checksum-of-${sql}` };
}

describe('migrations', () => {
  it('apply once, are recorded, and a second run applies nothing', async () => {
    database = await openTestDatabase({ migrated: false });
    const all = readMigrations();
    const first = await migrate(database.pool);
    expect(first.applied).toEqual(all.map((migration) => migration.name));
    const second = await migrate(database.pool);
    expect(second).toEqual({ applied: [], alreadyApplied: all.length });
    const recorded = await database.pool.query('select name from schema_migration order by name');
    expect(recorded.rows.map((row) => row.name)).toEqual(all.map((migration) => migration.name));
    expect(await tables(database)).toContain('network_organization');
  });

  it('roll back a failing migration entirely and leave earlier ones in place', async () => {
    database = await openTestDatabase({ migrated: false });
    const good = fake('0001_test_good.sql', 'create table test_good (id int);');
    const bad = fake(
      '0002_test_bad.sql',
      'create table test_half (id int);\nselect * from no_such_table;',
    );
    await expect(migrate(database.pool, [good, bad])).rejects.toThrow(
      /0002_test_bad\.sql failed and was rolled back/,
    );
    const names = await tables(database);
    expect(names).toContain('test_good');
    expect(names).not.toContain('test_half');
    const recorded = await database.pool.query('select name from schema_migration');
    expect(recorded.rows.map((row) => row.name)).toEqual(['0001_test_good.sql']);
  });

  it('refuse to run when an applied migration was edited or is unknown', async () => {
    database = await openTestDatabase({ migrated: false });
    const original = fake('0001_test_table.sql', 'create table test_edit (id int);');
    await migrate(database.pool, [original]);
    await expect(
      migrate(database.pool, [{ ...original, checksum: 'something else' }]),
    ).rejects.toThrow(/changed after it was applied/);
    await expect(migrate(database.pool, [])).rejects.toThrow(/does not know/);
  });

  it('serialise concurrent runs so each migration is applied exactly once', async () => {
    database = await openTestDatabase({ migrated: false });
    const results = await Promise.all([migrate(database.pool), migrate(database.pool)]);
    const applied = results.flatMap((result) => result.applied);
    expect(applied.sort()).toEqual(readMigrations().map((migration) => migration.name));
  });
});
