// Runs the real `intercoop` command as a child process, as an operator would.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { isRunning } from '../src/platform/data-lock.ts';
import { clusterFolder, readPostmaster } from '../src/platform/embedded-postgres.ts';

const root = path.resolve(import.meta.dirname, '..');

export type Started = {
  child: ChildProcess;
  url: string;
  /** The network admin printed on the first start of an empty database, if this start made one. */
  admin: { email: string; password: string } | undefined;
  output: () => string;
  exited: Promise<number | null>;
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash would, leaving the embedded database running; returns when it is gone. */
  kill(): Promise<void>;
};

/** The embedded PostgreSQL still running in a data folder (after a SIGKILL of Intercoop), if any. */
export function leftoverDatabase(dataDir: string): number | undefined {
  const running = readPostmaster(clusterFolder(dataDir));
  return running && isRunning(running.pid) ? running.pid : undefined;
}

/** Stops an embedded PostgreSQL that a killed test server left running, so nothing leaks. */
export async function stopLeftoverDatabase(dataDir: string | undefined): Promise<void> {
  const pid = dataDir ? leftoverDatabase(dataDir) : undefined;
  if (pid === undefined) return;
  process.kill(pid, 'SIGINT'); // PostgreSQL's fast shutdown
  for (let waited = 0; isRunning(pid) && waited < 20_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Headers that let a script write as a signed-in person: the session cookie and CSRF token. */
export async function signInOverHttp(
  url: string,
  email: string,
  password: string,
): Promise<Record<string, string>> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((entry) => entry.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

export function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Starts `intercoop serve` and waits for its URL and for /ready. */
export async function startServe(
  env: Record<string, string>,
  timeoutMs = 45_000,
): Promise<Started> {
  const started = run(['serve'], { PORT: '0', HOST: '127.0.0.1', ...env });
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (Date.now() < deadline) {
    url ??= /Intercoop is running at (\S+)/.exec(started.output())?.[1];
    if (url) {
      const ready = await fetch(`${url}/ready`).catch(() => undefined);
      if (ready?.status === 200) {
        const printed = /Network admin: (\S+) password: (\S+)/.exec(started.output());
        const admin =
          printed?.[1] && printed[2] ? { email: printed[1], password: printed[2] } : undefined;
        const stop = async () => {
          if (started.child.exitCode === null) started.child.kill('SIGTERM');
          const code = await started.exited;
          await stopLeftoverDatabase(env.INTERCOOP_DATA_DIR);
          return code;
        };
        const kill = async () => {
          if (started.child.exitCode === null) started.child.kill('SIGKILL');
          await started.exited;
        };
        return { ...started, url, admin, stop, kill };
      }
    }
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  started.child.kill('SIGKILL');
  await started.exited;
  await stopLeftoverDatabase(env.INTERCOOP_DATA_DIR);
  throw new Error(`intercoop serve did not become ready:\n${started.output()}`);
}

/**
 * Fresh data folders and the servers started on them, all cleaned after each test: servers
 * killed, any embedded PostgreSQL they left stopped, folders removed.
 */
export function trackedDataFolders() {
  const folders: string[] = [];
  const servers: Started[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.kill();
    for (const folder of folders.splice(0)) {
      await stopLeftoverDatabase(folder);
      fs.chmodSync(folder, 0o755); // a test may have closed it
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
  return {
    freshDataDir(parent = os.tmpdir()) {
      const folder = fs.mkdtempSync(path.join(parent, 'intercoop-data-'));
      folders.push(folder);
      return folder;
    },
    servers,
  };
}
