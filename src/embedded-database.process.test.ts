// The embedded PostgreSQL as an operator meets it through `intercoop serve`: many clients at
// once, a crash of the Node process, a stuck request at shutdown, folders it cannot use.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  leftoverDatabase,
  run,
  type Started,
  signInOverHttp,
  startServe,
  trackedDataFolders,
} from '../test/processes.ts';

const { freshDataDir, servers } = trackedDataFolders();

type Json = Record<string, unknown>;

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: Json }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Json };
}

async function idOf(server: Started, name: string): Promise<string> {
  const { body } = await json(
    `${server.url}/api/network/organizations?q=${encodeURIComponent(name)}&limit=10`,
  );
  const found = (body.items as { id: string; name: string }[]).find((item) => item.name === name);
  if (!found) throw new Error(`no organization named ${name}`);
  return found.id;
}

async function startWithAdmin(dataDir: string, env: Record<string, string> = {}) {
  const server = await startServe({ INTERCOOP_DATA_DIR: dataDir, ...env });
  servers.push(server);
  if (!server.admin) throw new Error('no admin printed');
  const headers = await signInOverHttp(server.url, server.admin.email, server.admin.password);
  return { server, headers };
}

async function createOrganization(server: Started, headers: Record<string, string>, name: string) {
  const response = await fetch(`${server.url}/api/network/organizations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name, kind: 'cooperative', country: 'ES', sector: 'industry-services' }),
  });
  if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string; version: number }).id;
}

describe('the embedded database under load', () => {
  it('serves 32 clients mixing reads, writes and transactions: no error, every read as when alone, every acknowledged write kept', async () => {
    const dataDir = freshDataDir();
    const { server, headers } = await startWithAdmin(dataDir);
    const sewa = await idOf(server, "Gujarat State Women's SEWA Co-operative Federation Ltd");
    const mondragon = await idOf(server, 'Mondragon Corporation');
    const clients = 32;
    const own: string[] = [];
    for (let client = 0; client < clients; client++) {
      own.push(await createOrganization(server, headers, `Load Client ${client} Cooperative`));
    }
    // The reads, each made alone first, with no writes running. Writes below change only the
    // clients' own organizations and offers, which none of these reads shows.
    const reads = [
      '/api/network/statistics',
      `/api/network/chain?from=${sewa}&to=${mondragon}`,
      `/api/network/organizations/${mondragon}/tree`,
      `/api/network/organizations/${sewa}/neighbours?depth=2`,
      '/api/network/organizations?q=Mondragon',
      `/api/network/organizations/${sewa}`,
    ];
    const alone = new Map<string, string>();
    for (const read of reads) {
      const response = await fetch(`${server.url}${read}`);
      expect(response.status, read).toBe(200);
      alone.set(read, await response.text());
    }

    const failures: string[] = [];
    const acknowledged: { organization: string; description: string }[] = [];
    const offers: string[] = [];
    const rounds = 8;
    await Promise.all(
      own.map(async (organization, client) => {
        for (let round = 0; round < rounds; round++) {
          for (const read of reads) {
            const response = await fetch(`${server.url}${read}`);
            const text = await response.text();
            if (response.status !== 200) failures.push(`${read}: ${response.status} ${text}`);
            else if (text !== alone.get(read)) failures.push(`${read}: a different answer`);
          }
          // A transaction with a version check: read the organization, then change it.
          const current = await json(`${server.url}/api/network/organizations/${organization}`);
          const description = `Client ${client}, round ${round}`;
          const changed = await fetch(`${server.url}/api/network/organizations/${organization}`, {
            method: 'PATCH',
            headers,
            body: JSON.stringify({
              version: current.body.version,
              descriptions: { en: description },
            }),
          });
          if (changed.status === 200) acknowledged.push({ organization, description });
          else failures.push(`PATCH: ${changed.status} ${await changed.text()}`);
          const offered = await fetch(`${server.url}/api/network/intents`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              organizationId: organization,
              direction: 'offer',
              title: `Spare lathe ${client}-${round}`,
              sector: 'industry-services',
              kind: 'product',
            }),
          });
          if (offered.status === 201) offers.push(((await offered.json()) as { id: string }).id);
          else failures.push(`POST intent: ${offered.status} ${await offered.text()}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(acknowledged).toHaveLength(clients * rounds);

    // Every acknowledged write is there: each organization's last description, every offer.
    for (const [client, organization] of own.entries()) {
      const { body } = await json(`${server.url}/api/network/organizations/${organization}`);
      expect((body.descriptions as Record<string, string>).en).toBe(
        `Client ${client}, round ${rounds - 1}`,
      );
    }
    for (const offer of offers) {
      expect((await fetch(`${server.url}/api/network/intents/${offer}`)).status).toBe(200);
    }
    expect(offers).toHaveLength(clients * rounds);
    // The registry's own checks pass, run beside the server on its database.
    const checked = run(['check'], { INTERCOOP_DATA_DIR: dataDir });
    expect(await checked.exited, checked.output()).toBe(0);
    expect(checked.output()).not.toMatch(/FAIL/);
  });

  it('loses nothing acknowledged when the Node process is killed during writes; a plain restart stops the database it left running', async () => {
    const dataDir = freshDataDir();
    const { server, headers } = await startWithAdmin(dataDir);
    const acknowledged: string[] = [];
    const refused: string[] = [];
    let killed = false;
    const writers = Array.from({ length: 8 }, async (_, writer) => {
      for (let count = 0; !killed; count++) {
        const name = `Crash Writer ${writer} Item ${count} Cooperative`;
        try {
          await createOrganization(server, headers, name);
          acknowledged.push(name);
        } catch (error) {
          if (!killed) refused.push(`${name}: ${(error as Error).message}`);
          return;
        }
      }
    });
    while (acknowledged.length < 60 && refused.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(refused).toEqual([]);
    killed = true;
    await server.kill();
    await Promise.all(writers);
    // The embedded PostgreSQL outlives its parent, as after any crash of Node.
    const orphan = leftoverDatabase(dataDir);
    expect(orphan).toBeDefined();

    const again = await startServe({ INTERCOOP_DATA_DIR: dataDir });
    servers.push(again);
    expect(again.output()).toMatch(/was still running .* stopping it first/);
    expect(leftoverDatabase(dataDir)).not.toBe(orphan);
    for (const name of acknowledged) {
      const { body } = await json(
        `${again.url}/api/network/organizations?q=${encodeURIComponent(name)}&limit=5`,
      );
      const names = (body.items as { name: string }[]).map((item) => item.name);
      expect(names, name).toContain(name);
    }
    expect(await again.stop()).toBe(0);
    expect(leftoverDatabase(dataDir)).toBeUndefined();
  });
});

describe('stopping', () => {
  it('cuts off a request that never ends once SHUTDOWN_TIMEOUT_SECONDS have passed, and stops cleanly', async () => {
    const dataDir = freshDataDir();
    const { server, headers } = await startWithAdmin(dataDir, { SHUTDOWN_TIMEOUT_SECONDS: '1' });
    const { hostname, port } = new URL(server.url);
    const cutOff = new Promise<string>((resolve) => {
      const request = http.request({
        hostname,
        port,
        path: '/api/network/organizations',
        method: 'POST',
        headers: { ...headers, 'content-length': 5000 },
      });
      request.on('error', (error) => resolve(error.message));
      request.on('response', (response) => resolve(`answered ${response.statusCode}`));
      request.write('{"name":'); // and never the rest
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await server.stop()).toBe(0);
    expect(await cutOff).toMatch(/socket hang up|ECONNRESET/);
    expect(server.output()).toMatch(/requests still running after 1 s: closing their connections/);
    expect(leftoverDatabase(dataDir)).toBeUndefined();
  });
});

describe('folders the embedded database cannot use', () => {
  it('refuses a data folder written by the earlier embedded database (PGlite), saying what to do', async () => {
    const dataDir = freshDataDir();
    fs.mkdirSync(path.join(dataDir, 'pglite'));
    fs.writeFileSync(path.join(dataDir, 'pglite', 'PG_VERSION'), '17\n');
    const refused = run(['serve'], { INTERCOOP_DATA_DIR: dataDir, PORT: '0' });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/written by an earlier version of Intercoop/);
    expect(refused.output()).toMatch(/intercoop export --format json/);
    expect(refused.output()).not.toMatch(/\n\s+at /); // no stack
    expect(fs.existsSync(path.join(dataDir, 'postgres'))).toBe(false);
  });

  it.runIf(process.getuid?.() === 0)(
    'as root, names the folder the postgres user cannot pass and how to fix it',
    async () => {
      const parent = freshDataDir();
      fs.chmodSync(parent, 0o700);
      const dataDir = path.join(parent, 'data');
      const refused = run(['serve'], { INTERCOOP_DATA_DIR: dataDir, PORT: '0' });
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toContain(`the folder ${parent} is mode 0700`);
      expect(refused.output()).toContain(`chmod o+x ${parent}`);
      expect(refused.output()).not.toMatch(/\n\s+at /);
    },
  );
});

describe('first start after commands', () => {
  it('prints the new admin’s password on the first start even when the demo was loaded before, and loads no second demo', async () => {
    const dataDir = freshDataDir();
    const migrated = run(['migrate'], { INTERCOOP_DATA_DIR: dataDir });
    expect(await migrated.exited, migrated.output()).toBe(0);
    const loaded = run(['demo', 'load'], { INTERCOOP_DATA_DIR: dataDir });
    expect(await loaded.exited, loaded.output()).toBe(0);
    const { server } = await startWithAdmin(dataDir);
    expect(server.output()).not.toMatch(/Demo account:/);
    const { body } = await json(
      `${server.url}/api/network/organizations?q=Mondragon%20Corporation`,
    );
    expect(
      (body.items as { name: string }[]).filter((item) => item.name === 'Mondragon Corporation'),
    ).toHaveLength(1);
  });

  it('create-admin with a wrong email says so in one sentence', async () => {
    const refused = run(['create-admin', '--email', 'notanemail'], {
      INTERCOOP_DATA_DIR: freshDataDir(),
    });
    expect(await refused.exited).toBe(1);
    expect(refused.output().trim()).toBe(
      '"notanemail" is not an email address: give one such as admin@federation.example.',
    );
  });
});
