import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

export type RunningServer = {
  url: string;
  stop(): Promise<void>;
};

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const startTimeoutMilliseconds = 60_000;
const stopTimeoutMilliseconds = 10_000;
const readyMessage = 'Intercoop is running at';

/**
 * Starts the real server (`intercoop serve`) on a free port with an empty data folder of its own,
 * and resolves once it answers /ready. Started as `node --import tsx` so the pid is the server's
 * and SIGTERM reaches it directly.
 */
export async function startServer(): Promise<RunningServer> {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'intercoop-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      INTERCOOP_DATA_DIR: dataDirectory,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The last lines of output, to explain a failed start.
  const recentOutput: string[] = [];
  const remember = (line: string) => {
    recentOutput.push(line);
    if (recentOutput.length > 40) recentOutput.shift();
  };
  if (child.stderr) createInterface({ input: child.stderr }).on('line', remember);

  const stop = async () => {
    await stopProcess(child, exited);
    await rm(dataDirectory, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + startTimeoutMilliseconds;
    const url = await waitForUrl(child, exited, remember, deadline);
    await waitUntilReady(url, exited, deadline);
    return { url, stop };
  } catch (error) {
    await stop();
    const output = recentOutput.join('\n');
    throw new Error(
      `The server did not start: ${String(error)}\n--- its last output ---\n${output}`,
    );
  }
}

function waitForUrl(
  child: ChildProcess,
  exited: Promise<void>,
  remember: (line: string) => void,
  deadline: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error('no stdout'));
    const timer = setTimeout(
      () => reject(new Error(`no "${readyMessage}" line on stdout`)),
      deadline - Date.now(),
    );
    exited.then(() => reject(new Error(`it exited with code ${child.exitCode}`)));
    // Keep reading after the match too: a full pipe would block the server's logging.
    createInterface({ input: child.stdout }).on('line', (line) => {
      remember(line);
      // The line may be plain text or a JSON log record, possibly coloured.
      const plain = stripVTControlCharacters(line);
      if (!plain.includes(readyMessage)) return;
      const match = /https?:\/\/[^\s"'<>]+/.exec(plain.slice(plain.indexOf(readyMessage)));
      if (!match) return;
      clearTimeout(timer);
      resolve(match[0].replace(/[.,;)/]+$/, ''));
    });
  });
}

async function waitUntilReady(url: string, exited: Promise<void>, deadline: number) {
  let hasExited = false;
  exited.then(() => {
    hasExited = true;
  });
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (hasExited) throw new Error('it exited before it was ready');
    try {
      const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `/ready answered ${response.status}`;
    } catch (error) {
      lastProblem = String(error);
    }
    await sleep(200);
  }
  throw new Error(`not ready within ${startTimeoutMilliseconds / 1000} s (${lastProblem})`);
}

async function stopProcess(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const stoppedInTime = await Promise.race([
    exited.then(() => true),
    sleep(stopTimeoutMilliseconds).then(() => false),
  ]);
  // A server that ignores SIGTERM must not outlive the test run.
  if (!stoppedInTime) {
    child.kill('SIGKILL');
    await exited;
  }
}
