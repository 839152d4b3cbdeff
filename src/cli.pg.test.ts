// PostgreSQL only: several servers on one database, as a federation running more than one
// app server would. The embedded database allows one process by design (see cli.process.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, signInOverHttp, startServe } from '../test/processes.ts';
import { createServerDatabase } from '../test/test-database.ts';

let database: { url: string; drop(): Promise<void> };
const servers: Started[] = [];
beforeAll(async () => {
  database = await createServerDatabase();
});
afterAll(async () => {
  for (const server of servers) {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
  }
  await database?.drop();
});

describe('intercoop serve on PostgreSQL', () => {
  it('starts two servers on one empty database at once: migrations run once, both serve the same data', async () => {
    const [first, second] = await Promise.all([
      startServe({ DATABASE_URL: database.url }),
      startServe({ DATABASE_URL: database.url }),
    ]);
    servers.push(first, second);
    expect(first.output()).toContain('(PostgreSQL)');

    // Exactly one of the two made the first network admin.
    const admins = [first.admin, second.admin].filter((admin) => admin !== undefined);
    expect(admins).toHaveLength(1);
    const admin = admins[0] as { email: string; password: string };
    const created = await fetch(`${first.url}/api/network/organizations`, {
      method: 'POST',
      headers: await signInOverHttp(second.url, admin.email, admin.password),
      body: JSON.stringify({
        name: 'Mondragon Assembly',
        kind: 'cooperative',
        country: 'ES',
        sector: 'industry-services',
      }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const read = await fetch(`${second.url}/api/network/organizations/${id}`);
    expect((await read.json()).name).toBe('Mondragon Assembly');

    first.child.kill('SIGTERM');
    second.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);
    expect(`${first.output()}${second.output()}`).not.toMatch(/failed|error/i);
  });
});
