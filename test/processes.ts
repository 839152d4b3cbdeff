// Runs the real `intercoop` command as a child process, as an operator would.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export type Started = {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
};

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
      if (ready?.status === 200) return { ...started, url };
    }
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  started.child.kill('SIGKILL');
  throw new Error(`intercoop serve did not become ready:\n${started.output()}`);
}
