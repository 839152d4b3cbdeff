// `node --import tsx bench/ussd.ts`: USSD replies with 200 sessions open at once, at a person's
// pace (each next input 2 s after the answer), each session giving its PIN once and then walking
// the menus (my cooperative, back, offers and needs, one in full, the main menu), beside the
// reference (a bare Fastify route reading one row by id) driven the same way in the same run. On
// the embedded database (BENCH_DATA_DIR) or PostgreSQL (BENCH_DATABASE_URL). Prints the figures;
// asserts nothing. Goal: p99 under 100 ms on PostgreSQL.
import Fastify from 'fastify';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { platformServices, stopServices, systemContext } from '../src/main.ts';
import { addMember } from '../src/modules/accounts/index.ts';
import { createIntent, createOrganization } from '../src/modules/network/index.ts';
import { authenticate, moduleRoutes, sessionCookie } from '../src/modules.ts';
import { openDatabase } from '../src/platform/db.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { migrate } from '../src/platform/migrate.ts';

const sessions = Number(process.env.BENCH_USSD_SESSIONS ?? 200);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const paceMs = Number(process.env.BENCH_USSD_PACE_MS ?? 2000);
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const secret = 'bench-secret-of-the-ussd-provider';

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
const config = loadConfig({ LOG_LEVEL: 'warn', REACH_WEBHOOK_SECRET: secret, WORKERS: 'off' });
const log = pino({ level: 'warn' });
const services = platformServices(config, database, log, 'http://127.0.0.1');
const ctx = systemContext(config, database, log, services, 'http://127.0.0.1');

// One cooperative with its members, each on a phone of their own, and offers of its sector.
const run = Date.now();
const cooperative = await createOrganization(ctx, {
  name: `Bench Dairy Co-operative ${run}`,
  kind: 'cooperative',
  country: 'KE',
  sector: 'agriculture',
});
const offering = await createOrganization(ctx, {
  name: `Bench Seed Co-operative ${run}`,
  kind: 'cooperative',
  country: 'KE',
  sector: 'agriculture',
});
for (let index = 0; index < 5; index++) {
  await createIntent(ctx, {
    organizationId: offering.id,
    direction: 'offer',
    title: `Seeds of drought-tolerant sorghum, lot ${index + 1}`,
    sector: 'agriculture',
    kind: 'product',
  });
}
const members: { phone: string; pin: string }[] = [];
for (let index = 0; index < sessions; index++) {
  const phone = `+2547${String((run + index) % 100_000_000).padStart(8, '0')}`;
  await addMember(ctx, cooperative.id, {
    person: { displayName: `Bench member ${index + 1}`, phone },
    membership: { kind: 'farmer-member', startedOn: '2024-02-01' },
  });
  members.push({ phone, pin: String(300_000 + ((index * 7919) % 600_000)).padStart(6, '0') });
}

const app = await buildApp({
  db: database.db,
  config,
  jobs: services.jobs,
  outbox: services.outbox,
  publicUrl: () => 'http://127.0.0.1',
  authenticate,
  sessionCookie,
  logger: log,
  modules: moduleRoutes,
  isReady: () => true,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const reference = Fastify();
reference.get<{ Params: { id: string } }>('/reference/:id', async (request) => {
  const result = await database.pool.query(
    'select id, name, kind, country, sector from network_organization where id = $1',
    [request.params.id],
  );
  return result.rows[0];
});
await reference.listen({ port: 0, host: '127.0.0.1' });
const address = (server: typeof app.server) => {
  const bound = server.address();
  return `http://127.0.0.1:${typeof bound === 'object' && bound ? bound.port : 0}`;
};
const appUrl = address(app.server);
const referenceUrl = address(reference.server);

async function hop(sessionId: string, phone: string, inputs: string[]): Promise<string> {
  const response = await fetch(`${appUrl}/api/reach/ussd/africastalking?secret=${secret}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      sessionId,
      serviceCode: '*384*123#',
      phoneNumber: phone,
      networkCode: '63902',
      text: inputs.join('*'),
    }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`USSD hop answered ${response.status}: ${text}`);
  return text;
}

// Each member chooses the language and sets the PIN once, before the measured run.
for (const [index, member] of members.entries()) {
  const id = `bench-setup-${run}-${index}`;
  await hop(id, member.phone, []);
  await hop(id, member.phone, ['1']);
  await hop(id, member.phone, ['1', member.pin]);
  await hop(id, member.phone, ['1', member.pin, member.pin]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const walk = ['1', '0', '2', '1', '0', '00', '4', '0', '2', '00'];
const latencies = { menus: [] as number[], pin: [] as number[], reference: [] as number[] };
let errors = 0;
const until = performance.now() + seconds * 1000;

async function member(index: number) {
  const { phone, pin } = members[index] as { phone: string; pin: string };
  // Spread the starts over one pace, as people do not all dial at the same instant.
  await sleep((index / sessions) * paceMs);
  let round = 0;
  while (performance.now() < until) {
    const id = `bench-${run}-${index}-${round++}`;
    const inputs: string[] = [];
    try {
      await hop(id, phone, inputs);
      await sleep(paceMs);
      inputs.push(pin);
      let started = performance.now();
      await hop(id, phone, inputs);
      latencies.pin.push(performance.now() - started);
      for (const input of walk) {
        if (performance.now() >= until) break;
        await sleep(paceMs);
        inputs.push(input);
        started = performance.now();
        await hop(id, phone, inputs);
        latencies.menus.push(performance.now() - started);
      }
    } catch {
      errors += 1;
    }
  }
}

async function referenceCaller(index: number) {
  await sleep((index / sessions) * paceMs);
  while (performance.now() < until) {
    await sleep(paceMs);
    const started = performance.now();
    const response = await fetch(`${referenceUrl}/reference/${cooperative.id}`);
    await response.text();
    if (response.status !== 200) errors += 1;
    latencies.reference.push(performance.now() - started);
  }
}

await Promise.all([
  ...members.map((_, index) => member(index)),
  ...members.map((_, index) => referenceCaller(index)),
]);

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0) * 10) /
    10
  );
};
const row = (name: string, values: number[]) =>
  `| ${name} | ${values.length} | ${percentile(values, 0.5)} | ${percentile(values, 0.95)} | ${percentile(values, 0.99)} |`;
process.stdout.write(
  [
    `USSD with ${sessions} open sessions, a hop every ${paceMs} ms each, ${seconds} s, ${database.mode} database; ${errors} errors`,
    '| Requests | count | p50 ms | p95 ms | p99 ms |',
    '|---|---|---|---|---|',
    row('USSD menu hops', latencies.menus),
    row('USSD PIN hops (argon2id)', latencies.pin),
    row('reference: bare Fastify, one row by id', latencies.reference),
    '',
  ].join('\n'),
);

await app.close();
await reference.close();
await stopServices(services);
await database.close();
