// Migration 0013: amounts stored in the minor units Intl gave their currency are rescaled to those
// of ISO 4217, so each stored amount still means what was recorded; and amounts in codes that can
// no longer carry one stop the migration instead of being guessed at.
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../test/test-database.ts';
import { migrate, readMigrations } from '../../platform/migrate.ts';
import { currencyCodes, moneyOf } from '../../platform/money.ts';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const migration = '0013_network_money_minor_units.sql';
const before = readMigrations().filter((entry) => entry.name < migration);

/** The decimals the projects module took for a currency until 0013: Intl's. */
const intlDecimals = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits as number;

/** The minor units of a decimal string as the projects module stored them until 0013. */
function storedByIntl(amount: string, currency: string): bigint {
  const [whole = '', fraction = ''] = amount.split('.');
  return BigInt(whole + fraction.padEnd(intlDecimals(currency), '0'));
}

/** A migrated-up-to-0012 database with one project, and a way to add figures as 0012 stored them. */
async function databaseBefore0013() {
  database = await openTestDatabase({ migrated: false });
  await migrate(database.pool, before);
  const project = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';
  await database.pool.query(
    `insert into network_project (id, title, sector, status, created_at, updated_at)
     values ($1, 'Figures from before', 'agriculture', 'active', now(), now())`,
    [project],
  );
  const pool = database.pool;
  let figures = 0;
  return {
    pool,
    async insert(currency: string, minor: bigint) {
      figures += 1;
      const id = `0190f0c4-8e2a-7c3b-9d1e-${figures.toString().padStart(12, '0')}`;
      await pool.query(
        `insert into network_project_figure
           (id, project_id, kind, indicator, amount_minor, currency, period_year, created_at)
         values ($1, $2, 'result', 'money-mobilised', $3::bigint, $4, 2022, now())`,
        [id, project, minor.toString(), currency],
      );
      return id;
    },
    async minorOf(id: string) {
      const { rows } = await pool.query<{ minor: string }>(
        'select amount_minor::text as minor from network_project_figure where id = $1',
        [id],
      );
      return BigInt(rows[0]?.minor ?? 'NaN');
    },
  };
}

describe('migration 0013', () => {
  it('rescales every currency whose Intl decimals differ from ISO 4217, and no other', async () => {
    const old = await databaseBefore0013();
    // Every code the projects module took (Intl's) that the ISO 4217 table has: an amount with
    // as many decimals as Intl allowed (at most one here), stored as it was.
    const accepted = new Set(Intl.supportedValuesOf('currency'));
    const written = new Map<string, { currency: string; amount: string }>();
    for (const currency of currencyCodes.filter((code) => accepted.has(code))) {
      const amount = intlDecimals(currency) > 0 ? '987654321012.5' : '987654321012';
      written.set(await old.insert(currency, storedByIntl(amount, currency)), { currency, amount });
    }
    expect(written.size).toBeGreaterThan(150);
    const rescaled = ['IQD', 'COP', 'HUF'].map((currency) =>
      [...written].find(([, entry]) => entry.currency === currency),
    );
    expect(await old.minorOf(rescaled[0]?.[0] ?? '')).toBe(987654321012n);

    await migrate(old.pool);

    for (const [id, { currency, amount }] of written)
      expect(await old.minorOf(id), `${amount} ${currency}`).toBe(moneyOf(amount, currency).minor);
    expect(await old.minorOf(rescaled[0]?.[0] ?? '')).toBe(987654321012000n);
    expect(await old.minorOf(rescaled[1]?.[0] ?? '')).toBe(98765432101200n);
    expect(await old.minorOf(rescaled[2]?.[0] ?? '')).toBe(98765432101200n);
  });

  it('stops, changing nothing, on an amount in a code that can no longer carry one', async () => {
    const old = await databaseBefore0013();
    const dinars = await old.insert('IQD', 1250n);
    await old.insert('XDR', 1050n);
    await old.insert('HRK', 99n);
    await expect(migrate(old.pool)).rejects.toThrow(
      /0013_network_money_minor_units\.sql failed and was rolled back: .*\(HRK: 1, XDR: 1\)/,
    );
    expect(await old.minorOf(dinars)).toBe(1250n);
    const applied = await old.pool.query('select 1 from schema_migration where name = $1', [
      migration,
    ]);
    expect(applied.rowCount).toBe(0);
  });
});
