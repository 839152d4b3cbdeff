// `npm run bench`: load on the hot paths, next to a reference measured in the same run, on the
// embedded database and (with BENCH_DATABASE_URL or TEST_DATABASE_URL) on PostgreSQL. Prints the
// figures and writes them to docs/benchmarks.md. Benchmarks are not tests: nothing here asserts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connectionsList = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;

type Started = {
  app: string;
  reference: string;
  ids: string[];
  terms: string[];
  organizations: number;
  mode: string;
};
type Row = {
  database: string;
  scenario: string;
  connections: number;
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  ratio: string;
};

async function startTarget(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = await new Promise<Started>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n').find((candidate) => candidate.startsWith('{'));
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

async function load(url: string, connections: number, nextPath: () => string) {
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function measure(database: string, env: Record<string, string>): Promise<Row[]> {
  const target = await startTarget(env);
  const { started } = target;
  process.stdout.write(`\n${database}: ${started.organizations} organizations seeded\n`);
  const scenarios: Array<{ name: string; base: string; path: () => string }> = [
    {
      name: 'reference: bare Fastify, one row by id',
      base: started.reference,
      path: () => `/reference/${pick(started.ids)}`,
    },
    {
      name: 'organization by id',
      base: started.app,
      path: () => `/api/network/organizations/${pick(started.ids)}`,
    },
    {
      name: 'directory, first page',
      base: started.app,
      path: () => '/api/network/organizations?limit=20',
    },
    {
      name: 'search (half with a country filter)',
      base: started.app,
      path: () =>
        `/api/network/organizations?q=${encodeURIComponent(pick(started.terms))}${Math.random() < 0.5 ? '&country=IN' : ''}`,
    },
  ];
  const rows: Row[] = [];
  try {
    for (const connections of connectionsList) {
      let referenceRps = 0;
      for (const scenario of scenarios) {
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
  return rows;
}

const rows: Row[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-bench-'));
rows.push(...(await measure('embedded (PGlite)', { BENCH_DATA_DIR: dataDir })));
fs.rmSync(dataDir, { recursive: true, force: true });
if (postgresUrl) rows.push(...(await measure('PostgreSQL', { BENCH_DATABASE_URL: postgresUrl })));
else
  process.stdout.write(
    '\nPostgreSQL skipped: set BENCH_DATABASE_URL (a database the benchmark may fill).\n',
  );

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const table = [
  '| Database | Scenario | Connections | req/s | p50 ms | p97.5 ms | p99 ms | errors | vs reference |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (row) =>
      `| ${row.database} | ${row.scenario} | ${row.connections} | ${row.rps} | ${row.p50} | ${row.p97_5} | ${row.p99} | ${row.errors} | ${row.ratio} |`,
  ),
].join('\n');
const document = `# Benchmarks

Measured with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, on ${os.cpus().length} × ${cpu},
${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}. Each scenario runs ${duration} s
with autocannon in its own process against the server process, which holds the application and the
reference on one database pool. The reference is a bare Fastify route reading one row by id from
the same database, measured in the same run: the ratios say what the application's own layers
(validation, serialisation, headers, logging, compression) cost on top of the database.

Data: a synthetic registry of organizations with names built from parts (Sahakari, Cooperativa,
Electrodomésticos, …). Query mix: ids drawn at random among 1,000 sampled rows; search terms drawn
from the generated names, half of the searches with a country filter.

${table}
`;
fs.mkdirSync('docs', { recursive: true });
fs.writeFileSync('docs/benchmarks.md', document);
process.stdout.write('\nWritten to docs/benchmarks.md\n');
