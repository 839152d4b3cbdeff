import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  run,
  type Started,
  signInOverHttp,
  startServe,
  trackedDataFolders,
} from '../test/processes.ts';

const { freshDataDir, servers } = trackedDataFolders();

async function createOrganization(server: Started, name: string) {
  if (!server.admin) throw new Error('no admin printed');
  const headers = await signInOverHttp(server.url, server.admin.email, server.admin.password);
  const response = await fetch(`${server.url}/api/network/organizations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name, kind: 'cooperative', country: 'LR', sector: 'energy-utilities' }),
  });
  expect(response.status).toBe(201);
}

describe('intercoop serve on the embedded database', () => {
  it('holds the data folder: a second server exits non-zero, other commands work beside it; after a clean stop the next start works and keeps the data', async () => {
    const dataDir = freshDataDir();
    const first = await startServe({ INTERCOOP_DATA_DIR: dataDir });
    servers.push(first);
    expect(first.output()).toContain(`(embedded database in ${dataDir})`);
    await createOrganization(first, 'Kpatawee Lock Test Cooperative');

    const second = run(['serve'], { INTERCOOP_DATA_DIR: dataDir, PORT: '0' });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by another Intercoop process \(pid \d+\)/);
    // Commands join the server's embedded database instead of refusing.
    const migrate = run(['migrate'], { INTERCOOP_DATA_DIR: dataDir });
    expect(await migrate.exited, migrate.output()).toBe(0);
    expect(migrate.output()).toMatch(/up to date/);
    const checked = run(['check'], { INTERCOOP_DATA_DIR: dataDir });
    expect(await checked.exited, checked.output()).toBe(0);
    expect(checked.output()).not.toMatch(/FAIL/);
    // The refused server and the commands left the running server's lock and data alone.
    expect(fs.readFileSync(path.join(dataDir, 'intercoop.lock'), 'utf8').trim()).toBe(
      String(first.child.pid),
    );
    expect((await fetch(`${first.url}/ready`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'intercoop.lock'))).toBe(false);

    const again = await startServe({ INTERCOOP_DATA_DIR: dataDir });
    servers.push(again);
    const list = await (await fetch(`${again.url}/api/network/organizations?q=Kpatawee`)).json();
    expect(list.items.map((item: { name: string }) => item.name)).toEqual([
      'Kpatawee Lock Test Cooperative',
    ]);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('finishes a request in flight when told to stop', async () => {
    const dataDir = freshDataDir();
    const server = await startServe({ INTERCOOP_DATA_DIR: dataDir });
    servers.push(server);
    if (!server.admin) throw new Error('no admin printed');
    const headers = await signInOverHttp(server.url, server.admin.email, server.admin.password);
    const body = JSON.stringify({
      name: 'Slow Upload Cooperative',
      kind: 'cooperative',
      country: 'IN',
      sector: 'agriculture',
    });
    const { hostname, port } = new URL(server.url);
    const response = new Promise<{ status: number | undefined; text: string }>(
      (resolve, reject) => {
        const request = http.request(
          {
            hostname,
            port,
            path: '/api/network/organizations',
            method: 'POST',
            headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk) => {
              text += chunk;
            });
            res.on('end', () => resolve({ status: res.statusCode, text }));
          },
        );
        request.on('error', reject);
        // Send half the body, stop the server, then send the rest.
        request.write(body.slice(0, 20));
        setTimeout(() => {
          server.child.kill('SIGTERM');
          setTimeout(() => request.end(body.slice(20)), 500);
        }, 300);
      },
    );
    const answered = await response;
    expect(answered.status).toBe(201);
    expect(JSON.parse(answered.text).name).toBe('Slow Upload Cooperative');
    expect(await server.exited).toBe(0);

    const again = await startServe({ INTERCOOP_DATA_DIR: dataDir });
    servers.push(again);
    const list = await (
      await fetch(`${again.url}/api/network/organizations?q=Slow%20Upload%20Cooperative`)
    ).json();
    expect(list.items).toHaveLength(1);
  });

  it('migrate applies pending migrations once, then reports the database up to date', async () => {
    const dataDir = freshDataDir();
    const first = run(['migrate'], { INTERCOOP_DATA_DIR: dataDir });
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/Applied \d+ migration\(s\): 0001_platform_extensions\.sql/);
    const second = run(['migrate'], { INTERCOOP_DATA_DIR: dataDir });
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/up to date/);
    expect(fs.existsSync(path.join(dataDir, 'intercoop.lock'))).toBe(false);
  });

  it('makes a network admin on the first start, prints its password once, never logs it; a restart prints nothing', async () => {
    const dataDir = freshDataDir();
    const first = await startServe({ INTERCOOP_DATA_DIR: dataDir, LOG_LEVEL: 'debug' });
    servers.push(first);
    expect(first.admin?.email).toBe('admin@intercoop.localhost');
    const password = first.admin?.password ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    await signInOverHttp(first.url, 'admin@intercoop.localhost', password);
    // The first start of an empty embedded database loads the demo network and its accounts.
    const demoAccounts = [...first.output().matchAll(/Demo account: (\S+) password: (\S+)/g)];
    expect(demoAccounts).toHaveLength(3);
    for (const [, email, demoPassword] of demoAccounts) {
      await signInOverHttp(first.url, email as string, demoPassword as string);
    }
    // Then one demo member's phone and PIN, the only PIN ever written out, after the accounts.
    const output = first.output();
    expect(output).toMatch(/Demo member phone: \+91[0-9]{10} PIN: [0-9]{6} /);
    expect(output.indexOf('Demo member phone:')).toBeGreaterThan(
      output.lastIndexOf('Demo account:'),
    );
    const demo = await (
      await fetch(`${first.url}/api/network/organizations?q=Mondragon&limit=1`)
    ).json();
    expect(demo.total).toBeGreaterThan(0);
    await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@intercoop.localhost', password: 'a wrong password' }),
    });
    expect(await first.stop()).toBe(0);
    const lines = first
      .output()
      .split('\n')
      .filter((line) => line.includes(password));
    expect(lines).toEqual([`Network admin: admin@intercoop.localhost password: ${password}`]);

    const again = await startServe({ INTERCOOP_DATA_DIR: dataDir });
    servers.push(again);
    expect(again.admin).toBeUndefined();
    expect(again.output()).not.toContain('Network admin:');
    expect(await again.stop()).toBe(0);

    const created = run(['create-admin', '--email', 'Second.Admin@Coop.Example'], {
      INTERCOOP_DATA_DIR: dataDir,
    });
    expect(await created.exited).toBe(0);
    const printed = /Network admin: (\S+) password: (\S+)/.exec(created.output());
    expect(printed?.[1]).toBe('second.admin@coop.example');
    const duplicate = run(['create-admin', '--email', 'second.admin@coop.example'], {
      INTERCOOP_DATA_DIR: dataDir,
    });
    expect(await duplicate.exited).toBe(1);
    expect(duplicate.output()).toMatch(/exists already/);
  });

  it('generate, check, export and import: a registry moves to another instance unchanged', async () => {
    const from = freshDataDir();
    const to = freshDataDir();
    const generated = run(['generate', '--organizations', '300'], { INTERCOOP_DATA_DIR: from });
    expect(await generated.exited, generated.output()).toBe(0);
    expect(generated.output()).toMatch(
      /Added 300 organizations, \d+ affiliations, \d+ partnerships, 0 logos, \d+ projects/,
    );
    const checked = run(['check'], { INTERCOOP_DATA_DIR: from });
    expect(await checked.exited, checked.output()).toBe(0);
    expect(checked.output()).toMatch(/ok {3}the affiliation tree has no cycle/);
    expect(checked.output()).not.toMatch(/FAIL/);

    const first = path.join(from, 'export.zip');
    const second = path.join(to, 'export.zip');
    expect(
      await run(['export', '--format', 'csv', '--out', first], { INTERCOOP_DATA_DIR: from }).exited,
    ).toBe(0);
    const imported = run(['import', first], { INTERCOOP_DATA_DIR: to });
    expect(await imported.exited, imported.output()).toBe(0);
    expect(imported.output()).toMatch(/Imported 300 organizations/);
    expect(
      await run(['export', '--format', 'csv', '--out', second], { INTERCOOP_DATA_DIR: to }).exited,
    ).toBe(0);
    expect(fs.readFileSync(second).equals(fs.readFileSync(first))).toBe(true);

    const again = run(['import', first], { INTERCOOP_DATA_DIR: to });
    expect(await again.exited).toBe(1);
    expect(again.output()).toMatch(/not empty/);
  });

  it('refuses a bad setting with a message that says what to fix', async () => {
    const refused = run(['serve'], { PORT: 'eighty', INTERCOOP_DATA_DIR: freshDataDir() });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('Intercoop cannot start: fix its settings');
    expect(refused.output()).toContain('PORT="eighty" must be a port number');
  });
});
