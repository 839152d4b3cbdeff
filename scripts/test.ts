// `npm test`: every check, in order, with one summary at the end.
// typecheck -> Biome -> module boundaries -> unit and process tests -> API tests on the embedded
// database -> the same API tests on PostgreSQL (TEST_DATABASE_URL) -> races and crashes (on
// PostgreSQL when set, else embedded) ->
// web build -> browser flows in Chromium. A tier that cannot run is reported loudly as skipped;
// with CI set, a skip is a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ci = Boolean(process.env.CI);
const databaseUrl = process.env.TEST_DATABASE_URL || undefined;
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-test-'));

type Counts = { passed: number; failed: number; skipped: number };
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];
const skips: string[] = [];
const failedTests: string[] = [];

/** The first lines of a failure's message, without colour codes. */
function firstLines(message: string, count = 8): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's colour codes
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split('\n').slice(0, count).join('\n    ');
}

function banner(text: string) {
  process.stdout.write(`\n=== ${text} ===\n`);
}

function step(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  banner(name);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const ok = result.status === 0;
  if (ok) total.passed++;
  else {
    total.failed++;
    failures.push(name);
  }
  return ok;
}

function vitest(name: string, projects: string[], env: NodeJS.ProcessEnv): Counts | undefined {
  banner(name);
  const report = path.join(reports, `${name.replace(/\W+/g, '-')}.json`);
  const result = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      ...projects.flatMap((project) => ['--project', project]),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    { stdio: 'inherit', env },
  );
  if (!fs.existsSync(report)) {
    total.failed++;
    failures.push(`${name} (the test runner did not finish)`);
    return undefined;
  }
  const json = JSON.parse(fs.readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numTotalTests: number;
    testResults?: {
      name: string;
      message?: string;
      assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
    }[];
  };
  const counts = {
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
  };
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  if (result.status !== 0 || counts.failed > 0) failures.push(name);
  // The failed tests again, each with the start of its message, so the end of the log says
  // which test failed and why without scrolling back through the tier's output.
  for (const file of json.testResults ?? []) {
    const where = path.relative(process.cwd(), file.name);
    const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    if (failed.length === 0 && file.message)
      failedTests.push(`${where}: ${firstLines(file.message)}`);
    for (const test of failed) {
      failedTests.push(
        `${where} > ${test.fullName}: ${firstLines(test.failureMessages?.[0] ?? '')}`,
      );
    }
  }
  if (json.numTotalTests === 0) failures.push(`${name} ran no test`);
  return counts;
}

function skip(what: string, how: string) {
  skips.push(what);
  const line = '!'.repeat(78);
  process.stdout.write(`\n${line}\n!! SKIPPED: ${what}\n!! To run it: ${how}\n${line}\n`);
}

const withoutDatabase = { ...process.env, TEST_DATABASE_URL: '' };

step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('lint and format (Biome)', 'npx', [
  'biome',
  'ci',
  '--error-on-warnings',
  ...(ci ? ['--colors=off'] : []),
  '.',
]);
step('module boundaries', process.execPath, ['--import', 'tsx', 'scripts/check-boundaries.ts']);
vitest('unit and process tests', ['unit', 'process'], withoutDatabase);
const embedded = vitest('API tests on the embedded database', ['api'], withoutDatabase);

if (databaseUrl) {
  const server = vitest('API tests on PostgreSQL', ['api'], process.env);
  if (embedded && server) {
    const ranEmbedded = embedded.passed + embedded.failed;
    const ranServer = server.passed + server.failed;
    banner('the same API tests on both databases');
    if (ranEmbedded !== ranServer) {
      failures.push(
        `API test counts differ: ${ranEmbedded} on embedded, ${ranServer} on PostgreSQL`,
      );
      process.stdout.write(
        `Counts differ: ${ranEmbedded} on embedded, ${ranServer} on PostgreSQL.\n`,
      );
    } else {
      process.stdout.write(`${ranServer} API tests ran on both databases.\n`);
    }
  }
  vitest('races and crashes on PostgreSQL', ['pg'], process.env);
} else {
  vitest('races and crashes on the embedded database', ['pg'], withoutDatabase);
  skip(
    'the API tests on PostgreSQL 15 (the oldest server Intercoop supports)',
    'start a server (scripts/postgres.sh start /tmp/pg 54329) and set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres',
  );
}

if (fs.existsSync(chromium)) {
  if (
    step('web build', 'npx', [
      'vite',
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ])
  ) {
    vitest('browser flows in Chromium', ['e2e'], { ...withoutDatabase, CHROMIUM_PATH: chromium });
  }
} else {
  skip('the browser flows', `apt-get install -y chromium fonts-noto-core (or set CHROMIUM_PATH)`);
}

fs.rmSync(reports, { recursive: true, force: true });

banner('summary');
if (skips.length > 0 && ci) failures.push(`skipped under CI: ${skips.join('; ')}`);
for (const test of failedTests) process.stdout.write(`FAILED TEST: ${test}\n`);
for (const failure of failures) process.stdout.write(`FAILED: ${failure}\n`);
for (const skipped of skips) process.stdout.write(`SKIPPED: ${skipped}\n`);
process.stdout.write(
  `${total.passed} passed, ${total.failed} failed, ${total.skipped + skips.length} skipped\n`,
);
process.exit(failures.length > 0 ? 1 : 0);
