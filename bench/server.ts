// The process under load: the real application, a second copy of it with the registry cache off
// (what a search or a chain costs when nothing is kept), and beside them on the same database
// pool the reference (a bare Fastify route reading one row by id). Adds a synthetic network the way
// `intercoop generate` does, then prints one JSON line with both addresses and samples of ids,
// connected pairs and search terms for the load driver.
import Fastify from 'fastify';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { platformServices, stopServices, systemContext } from '../src/main.ts';
import { loadGeneratedNetwork } from '../src/modules/network/index.ts';
import { authenticate, moduleRoutes, sessionCookie } from '../src/modules.ts';
import { openDatabase } from '../src/platform/db.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { migrate } from '../src/platform/migrate.ts';

function fail(message: string): never {
  throw new Error(message);
}

const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const organizations = Number(process.env.BENCH_ORGANIZATIONS ?? 100_000);

const database = databaseUrl
  ? await openDatabase({ kind: 'server', url: databaseUrl })
  : await openDatabase({
      kind: 'embedded',
      dataDir: process.env.BENCH_DATA_DIR ?? fail('BENCH_DATA_DIR is not set'),
    });
await migrate(database.pool);
const config = loadConfig({ LOG_LEVEL: 'warn' });
const log = pino({ level: 'warn' });
const services = platformServices(config, database, log, 'http://127.0.0.1');
const started = performance.now();
const added = await loadGeneratedNetwork(
  systemContext(config, database, log, services, 'http://127.0.0.1'),
  organizations,
);
const seedSeconds = Math.round((performance.now() - started) / 100) / 10;
await database.pool.query('vacuum analyze');

const sample = async (sql: string) =>
  (await database.pool.query<{ id: string }>(sql)).rows.map((row) => row.id);
const ids = await sample('select id from network_organization order by random() limit 2000');
// Candidate pairs: two independent random draws of members, zipped; the driver keeps those with a
// chain of ties between them.
const fromSide = await sample(
  'select member_id as id from network_affiliation order by random() limit 600',
);
const toSide = await sample(
  'select member_id as id from network_affiliation order by random() limit 600',
);
const pairs = fromSide.map((from, index) => ({ from, to: toSide[index] as string }));
const names = await sample(
  'select name as id from network_organization order by random() limit 400',
);
const terms = names.map((name) => name.split(' ').slice(0, 2).join(' '));

const serve = async (appConfig: typeof config) => {
  const served = await buildApp({
    db: database.db,
    config: appConfig,
    jobs: services.jobs,
    outbox: services.outbox,
    publicUrl: () => 'http://127.0.0.1',
    authenticate,
    sessionCookie,
    logger: log,
    modules: moduleRoutes,
    isReady: () => true,
  });
  await served.listen({ port: 0, host: '127.0.0.1' });
  return served;
};
const app = await serve(config);
const uncached = await serve(loadConfig({ LOG_LEVEL: 'warn', REGISTRY_CACHE: 'off' }));

const reference = Fastify();
reference.get<{ Params: { id: string } }>('/reference/:id', async (request) => {
  const result = await database.pool.query(
    'select id, name, kind, country, sector from network_organization where id = $1',
    [request.params.id],
  );
  return result.rows[0];
});
await reference.listen({ port: 0, host: '127.0.0.1' });

const port = (server: typeof app.server) => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};
const ties = Number(added.affiliations) + Number(added.partnerships);
process.stdout.write(
  `${JSON.stringify({
    app: `http://127.0.0.1:${port(app.server)}`,
    uncached: `http://127.0.0.1:${port(uncached.server)}`,
    reference: `http://127.0.0.1:${port(reference.server)}`,
    ids,
    pairs,
    terms,
    countries: ['IN', 'ES', 'KE', 'BR', 'PH', 'GB', 'FR', 'US', 'GH', 'JP', 'BF', 'LR'],
    organizations: added.organizations,
    ties,
    seedSeconds,
    mode: database.mode,
    serverVersion: (await database.pool.query<{ server_version: string }>('show server_version'))
      .rows[0]?.server_version,
  })}\n`,
);

const stop = async () => {
  await app.close();
  await uncached.close();
  await reference.close();
  await stopServices(services);
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
