// The process under load: the real application and, beside it on the same database pool, the
// reference (a bare Fastify route reading one row by id). Seeds a synthetic registry first and
// prints one JSON line with both addresses and sample ids and search terms for the load driver.
import Fastify from 'fastify';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { authenticate, moduleRoutes, sessionCookie } from '../src/modules.ts';
import { openDatabase } from '../src/platform/db.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { createMailer } from '../src/platform/mail.ts';
import { migrate } from '../src/platform/migrate.ts';

const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const organizations = Number(process.env.BENCH_ORGANIZATIONS ?? 20_000);

const database = databaseUrl
  ? await openDatabase({ kind: 'server', url: databaseUrl })
  : await openDatabase({ kind: 'embedded', dataDir: process.env.BENCH_DATA_DIR });
await migrate(database.pool);

// Real-looking names from parts, so that search terms hit a realistic share of rows.
await database.pool.query(
  `insert into network_organization (id, name, short_name, kind, country, sector)
   select gen_random_uuid(),
          (array['Shri','Mahila','Sewa','Fagor','Eroski','Caja','Totota','Kisan','Anand','Laboral','Ulma','Orona'])[1 + i % 12]
            || ' ' || (array['Sahakari','Cooperative','Cooperativa','Coopérative','Mandali','Union','Federation','Society'])[1 + (i / 12) % 8]
            || ' ' || (array['Electrodomésticos','Dairy','Energy','Weavers','Farmers','Credit','Housing','Solar','Crafts','Seeds'])[1 + (i / 96) % 10]
            || ' ' || i,
          null,
          (array['cooperative','federation','group','division','company','ngo','public-body','other'])[1 + i % 8],
          (array['IN','ES','LR','BF','US','GB','FR','KE','BR','PH'])[1 + i % 10],
          (array['agriculture','consumer-retail','finance','industry-services','insurance','health-social-care','housing','energy-utilities','education','other'])[1 + i % 10]
   from generate_series(1, $1::int) as i`,
  [organizations],
);
await database.pool.query('analyze network_organization');
const { rows } = await database.pool.query<{ id: string }>(
  'select id from network_organization order by random() limit 1000',
);

const config = loadConfig({ LOG_LEVEL: 'warn' });
const log = pino({ level: 'warn' });
const app = await buildApp({
  db: database.db,
  config,
  mailer: createMailer(undefined, log, 'bench@intercoop.localhost'),
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

const port = (server: typeof app.server) => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};
process.stdout.write(
  `${JSON.stringify({
    app: `http://127.0.0.1:${port(app.server)}`,
    reference: `http://127.0.0.1:${port(reference.server)}`,
    ids: rows.map((row) => row.id),
    terms: [
      'sahakari',
      'electrodomesticos',
      'fagor',
      'weavers',
      'solar',
      'mahila sewa',
      'union dairy',
      'kisan',
    ],
    organizations,
    mode: database.mode,
  })}\n`,
);

const stop = async () => {
  await app.close();
  await reference.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
