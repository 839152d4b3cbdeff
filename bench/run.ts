// `npm run bench`: load on the registry's hot paths, next to a reference measured in the same
// run, on the embedded database and (with BENCH_DATABASE_URL or TEST_DATABASE_URL) on PostgreSQL.
// Prints the figures and writes them to docs/benchmarks.md. Benchmarks are not tests: nothing
// here asserts; the goals are written beside the figures.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connectionsList = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
const organizations = Number(process.env.BENCH_ORGANIZATIONS ?? 100_000);
// `BENCH_SCENARIOS=search,chain`: only the scenarios whose names contain one of these words (and
// the reference), printed but not written to docs/benchmarks.md, which keeps whole runs only.
const only = (process.env.BENCH_SCENARIOS ?? '')
  .split(',')
  .map((word) => word.trim())
  .filter(Boolean);

type Started = {
  app: string;
  /** The same application with the registry cache off. */
  uncached: string;
  reference: string;
  ids: string[];
  pairs: Array<{ from: string; to: string }>;
  terms: string[];
  countries: string[];
  organizations: number;
  ties: number;
  seedSeconds: number;
  serverVersion: string;
};
type Row = {
  database: string;
  scenario: string;
  connections: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  ratio: string;
};

async function startTarget(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], {
    env: { ...process.env, BENCH_ORGANIZATIONS: String(organizations), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = await new Promise<Started>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      // Only whole lines: the line is long and arrives in several chunks.
      const line = buffer
        .split('\n')
        .slice(0, -1)
        .find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Started);
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    started,
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)] as T;

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round((sorted[index] as number) * 10) / 10;
}

async function load(url: string, connections: number, nextPath: () => string) {
  // Every response's time, for exact percentiles (autocannon's summary has no p95).
  const times: number[] = [];
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, path: nextPath() }) }],
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, responseTime: number) => {
        times.push(responseTime);
      });
    },
  });
  times.sort((a, b) => a - b);
  return {
    rps: Math.round(result.requests.average),
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    errors: result.errors + result.non2xx,
  };
}

/** Keeps the pairs that have a chain of ties between them, as the query mix says. */
async function connectedPairs(base: string, pairs: Started['pairs']) {
  const connected: Started['pairs'] = [];
  for (const pair of pairs) {
    const response = await fetch(`${base}/api/network/chain?from=${pair.from}&to=${pair.to}`);
    if (response.status === 200) connected.push(pair);
    if (connected.length >= 200) break;
  }
  return connected;
}

async function measure(
  kind: string,
  env: Record<string, string>,
): Promise<{ rows: Row[]; started: Started }> {
  const target = await startTarget(env);
  const { started } = target;
  const database = `${kind} (PostgreSQL ${started.serverVersion.split(' ')[0]})`;
  process.stdout.write(
    `\n${database}: ${started.organizations} organizations and ${started.ties} ties added in ${started.seedSeconds} s\n`,
  );
  const pairs = await connectedPairs(started.app, started.pairs);
  process.stdout.write(`${pairs.length} connected pairs for the chain scenario\n`);
  const searchPath = () =>
    `/api/network/organizations?q=${encodeURIComponent(pick(started.terms))}${Math.random() < 0.5 ? `&country=${pick(started.countries)}` : ''}`;
  const chainPath = () => {
    const pair = pick(pairs);
    return `/api/network/chain?from=${pair.from}&to=${pair.to}`;
  };
  const scenarios: Array<{ name: string; base: string; path: () => string }> = [
    {
      name: 'reference: bare Fastify, one row by id',
      base: started.reference,
      path: () => `/reference/${pick(started.ids)}`,
    },
    {
      name: 'profile fetch (organization by id)',
      base: started.app,
      path: () => `/api/network/organizations/${pick(started.ids)}`,
    },
    {
      name: 'search (half with a country filter)',
      base: started.app,
      path: searchPath,
    },
    {
      name: 'search, uncached',
      base: started.uncached,
      path: searchPath,
    },
    {
      name: 'neighbours to depth 2',
      base: started.app,
      path: () => `/api/network/organizations/${pick(started.ids)}/neighbours?depth=2`,
    },
    {
      name: 'shortest chain',
      base: started.app,
      path: chainPath,
    },
    {
      name: 'shortest chain, uncached',
      base: started.uncached,
      path: chainPath,
    },
  ];
  const rows: Row[] = [];
  try {
    for (const connections of connectionsList) {
      let referenceRps = 0;
      for (const scenario of scenarios) {
        if (scenario.name.startsWith('shortest chain') && pairs.length === 0) continue;
        const chosen =
          only.length === 0 ||
          scenario.name.startsWith('reference') ||
          only.some((word) => scenario.name.includes(word));
        if (!chosen) continue;
        const figures = await load(scenario.base, connections, scenario.path);
        if (scenario.name.startsWith('reference')) referenceRps = figures.rps;
        const ratio = referenceRps ? `${Math.round((figures.rps / referenceRps) * 100)}%` : '';
        const row = { database, scenario: scenario.name, connections, ...figures, ratio };
        rows.push(row);
        process.stdout.write(`${JSON.stringify(row)}\n`);
      }
    }
  } finally {
    await target.stop();
  }
  return { rows, started };
}

const rows: Row[] = [];
const sizes: string[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-bench-'));
try {
  // No database URL: the server process runs the embedded PostgreSQL in its own folder.
  const embedded = await measure('embedded', { BENCH_DATA_DIR: dataDir, BENCH_DATABASE_URL: '' });
  rows.push(...embedded.rows);
  sizes.push(
    `embedded: ${embedded.started.organizations} organizations, ${embedded.started.ties} ties (added in ${embedded.started.seedSeconds} s)`,
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
if (postgresUrl) {
  const server = await measure('server', { BENCH_DATABASE_URL: postgresUrl });
  rows.push(...server.rows);
  sizes.push(
    `PostgreSQL: ${server.started.organizations} organizations, ${server.started.ties} ties (added in ${server.started.seedSeconds} s)`,
  );
} else {
  process.stdout.write(
    '\nPostgreSQL skipped: set BENCH_DATABASE_URL (an empty database the benchmark may fill).\n',
  );
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const table = [
  '| Database | Scenario | Connections | req/s | p50 ms | p95 ms | p99 ms | errors | vs reference |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (row) =>
      `| ${row.database} | ${row.scenario} | ${row.connections} | ${row.rps} | ${row.p50} | ${row.p95} | ${row.p99} | ${row.errors} | ${row.ratio} |`,
  ),
].join('\n');
const document = `# Benchmarks

Measured with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, on ${os.cpus().length} × ${cpu},
${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}. Each scenario runs ${duration} s with
autocannon in its own process against the server process, which holds the application, a copy of
it with the registry cache off, and the reference on one database pool. The reference is a bare Fastify route reading one row by id from
the same database, measured in the same run: the ratios say what the application's own layers
(validation, serialisation, headers, access, compression) and its queries cost on top of it. There
is no rate limit on these routes.

Data: a synthetic network made by the same code as \`intercoop generate --organizations N\`
(national federations, sector federations, cooperatives, companies and NGOs with real-looking
names in twelve countries; each a member of its sector federation, two partnerships each on
average, seven in ten at home). ${sizes.join('; ')}.

Query mix: profile fetches and neighbours for ids drawn at random among 2,000 sampled
organizations; search terms are the first two words of 400 sampled names, half of the searches
with a country filter, without facet counts (the directory asks for them on its first page only,
with \`facets=true\`); chain pairs are drawn at random among organizations with a chain of ties
between them (checked once before the run).

Caches: with \`REGISTRY_CACHE=on\` (the default) each server process keeps search pages and the
graph of ties in memory, labelled with the registry's version (moved by triggers on every change to
organizations and ties) and used only while the version is unchanged; each request reads the
version first (one prepared one-row query), so a write shows in the very next answer, from any
process. The benchmark writes nothing while it runs and its search terms repeat (400 sampled names,
half with one of twelve countries), so the "search" and "shortest chain" rows show warm caches; the
"uncached" rows are the same requests to a second copy of the application on the same pool with
\`REGISTRY_CACHE=off\`: what every request costs right after a change. Neighbours walk the kept graph
too, but most of their time is reading the organizations and ties they send, which is not cached.

The embedded database is a PostgreSQL server that Intercoop starts in its data folder; "server"
is the PostgreSQL server named by \`BENCH_DATABASE_URL\` (or \`TEST_DATABASE_URL\`).

Goals on either: search p95 under 50 ms at 10 connections and at least 25% of the reference's
throughput at 50; profile fetch at least 60% of the reference; shortest chain p95 under 100 ms.

${table}
`;
if (only.length > 0) {
  process.stdout.write(
    `\n${table}\n\nPart of the scenarios only: docs/benchmarks.md left as it was.\n`,
  );
} else {
  fs.mkdirSync('docs', { recursive: true });
  fs.writeFileSync('docs/benchmarks.md', document);
  process.stdout.write('\nWritten to docs/benchmarks.md\n');
}
