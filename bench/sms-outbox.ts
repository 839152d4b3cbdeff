// The SMS outbox's throughput to the test provider (goal: at least 500 messages a second):
// BENCH_SMS_MESSAGES SMS (10,000 by default) are written to the outbox in transactions of 100, as
// use cases write them, then the clock runs until the workers have delivered every one
// (REACH_SMS_PROVIDER=test records each in reach_sms_test_message). On the embedded database in
// BENCH_DATA_DIR, or on PostgreSQL with BENCH_DATABASE_URL. Run it alone:
// `node --import tsx bench/sms-outbox.ts`. It prints its figures; nothing here asserts.
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { platformServices, stopServices, systemContext } from '../src/main.ts';
import { modules } from '../src/modules.ts';
import { openDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';

const total = Number(process.env.BENCH_SMS_MESSAGES ?? 10_000);
const batch = 100;
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;

function fail(message: string): never {
  throw new Error(message);
}

const database = databaseUrl
  ? await openDatabase({ kind: 'server', url: databaseUrl })
  : await openDatabase({
      kind: 'embedded',
      dataDir: process.env.BENCH_DATA_DIR ?? fail('BENCH_DATA_DIR is not set'),
    });
await migrate(database.pool);
if (!modules.smsTransport) fail('no module gives the SMS transport');
const config = loadConfig({ LOG_LEVEL: 'warn', REACH_SMS_PROVIDER: 'test' });
const log = pino({ level: 'warn' });
const url = 'http://127.0.0.1';
const services = platformServices(config, database, log, url, { pollingSeconds: 0.5 });
const ctx = systemContext(config, database, log, services, url);

const pendingSql =
  "select count(*)::int as count from platform_outbox_message where kind = 'sms' and status = 'pending'";
const before = await database.pool.query<{ count: number }>(pendingSql);
if ((before.rows[0]?.count ?? 0) > 0)
  fail('the outbox has SMS pending already: use an empty database');

// Written with the workers stopped, so that the figure is the delivery alone.
const writeStarted = performance.now();
for (let sent = 0; sent < total; sent += batch) {
  await database.db.transaction().execute(async (trx) => {
    for (let index = sent; index < Math.min(total, sent + batch); index += 1) {
      await ctx.outbox.sms(trx, {
        to: `+2547${String(10_000_000 + index).slice(-8)}`,
        template: 'reach.news.v1',
        text: `Intercoop: there is news for you. See ${url}/n/${index} or ask your cooperative.`,
      });
    }
  });
}
const writeSeconds = (performance.now() - writeStarted) / 1000;

const deliverStarted = performance.now();
await services.jobs.start({ work: true, context: () => ctx });
for (;;) {
  const { rows } = await database.pool.query<{ count: number }>(pendingSql);
  if ((rows[0]?.count ?? 0) === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const deliverSeconds = (performance.now() - deliverStarted) / 1000;
const { rows } = await database.pool.query<{ delivered: number; failed: number }>(
  "select count(*) filter (where status = 'delivered')::int as delivered, count(*) filter (where status = 'failed')::int as failed from platform_outbox_message where kind = 'sms'",
);
await stopServices(services);
await database.close();

const figures = {
  database: databaseUrl ? 'PostgreSQL' : 'embedded',
  messages: total,
  delivered: rows[0]?.delivered ?? 0,
  failed: rows[0]?.failed ?? 0,
  writtenPerSecond: Math.round(total / writeSeconds),
  deliveredPerSecond: Math.round(total / deliverSeconds),
  goalPerSecond: 500,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
