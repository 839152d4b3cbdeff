// PostgreSQL only: two server processes on one database, each with its own registry cache, and
// writes racing reads. The registry's version, read on every request, keeps them both right.
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/test-api.ts';
import { loadConfig } from '../../config.ts';
import { authenticate, moduleRoutes, sessionCookie } from '../../modules.ts';
import { type Database, openDatabase } from '../../platform/db.ts';
import { buildApp } from '../../platform/http/app.ts';
import { rebuildTieGraph } from './graph/graph-memory.ts';

let api: TestApi;
let second: { app: FastifyInstance; database: Database };

beforeAll(async () => {
  api = await startTestApi();
  // A second application on its own pool: as a second server process would be.
  const database = await openDatabase({ kind: 'server', url: api.database.url as string });
  const log = pino({ level: 'silent' });
  const app = await buildApp({
    db: database.db,
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    jobs: api.services.jobs,
    outbox: api.services.outbox,
    publicUrl: () => 'http://second.intercoop.test',
    authenticate,
    sessionCookie,
    logger: log,
    modules: moduleRoutes,
    isReady: () => true,
  });
  await app.ready();
  second = { app, database };
});

afterAll(async () => {
  await second?.app.close();
  await second?.database.close();
  await api?.close();
});

const names = async (app: FastifyInstance, q: string) =>
  (
    await app.inject({
      method: 'GET',
      url: `/api/network/organizations?q=${encodeURIComponent(q)}`,
    })
  )
    .json()
    .items.map((item: { name: string }) => item.name);

describe('two server processes on one database', () => {
  it('see each other’s writes in the next search', async () => {
    const id = await api.createOrganization({ name: 'Osprey Salt Cooperative' });
    expect(await names(api.app, 'Osprey Salt')).toEqual(['Osprey Salt Cooperative']);
    expect(await names(second.app, 'Osprey Salt')).toEqual(['Osprey Salt Cooperative']);
    const renamed = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/organizations/${id}`,
      payload: { version: 1, name: 'Osprey Salt Union' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await names(second.app, 'Osprey Salt')).toEqual(['Osprey Salt Union']);
    expect(await names(api.app, 'Osprey Salt')).toEqual(['Osprey Salt Union']);
  });

  it('see each other’s ties in the next chain', async () => {
    const a = await api.createOrganization({ name: 'Tern One' });
    const b = await api.createOrganization({ name: 'Tern Two' });
    await rebuildTieGraph(api.database.db);
    await rebuildTieGraph(second.database.db);
    const ask = (app: FastifyInstance) =>
      app.inject({ method: 'GET', url: `/api/network/chain?from=${a}&to=${b}` });
    expect((await ask(second.app)).statusCode).toBe(404);
    const tie = await api.admin.request({
      method: 'POST',
      url: '/api/network/partnerships',
      payload: { fromId: a, toId: b, kind: 'supply' },
    });
    expect(tie.statusCode, tie.body).toBe(201);
    expect((await ask(second.app)).json().length).toBe(1);
  });
});

describe('writes racing searches', () => {
  it('leave no kept page behind the database', async () => {
    const stem = `Plover ${Date.now()}`;
    const writes = Array.from({ length: 12 }, (_, index) =>
      api.createOrganization({ name: `${stem} Cooperative ${index}` }),
    );
    const reads = Array.from({ length: 40 }, (_, index) =>
      names(index % 2 === 0 ? api.app : second.app, stem),
    );
    await Promise.all([...writes, ...reads]);
    // Every process now gives what the database holds: all twelve.
    const uncached = await api.database.pool.query<{ count: string }>(
      'select count(*) from network_organization where name like $1',
      [`${stem}%`],
    );
    expect(Number(uncached.rows[0]?.count)).toBe(12);
    expect(await names(api.app, stem)).toHaveLength(12);
    expect(await names(second.app, stem)).toHaveLength(12);
  });

  it('of ties written at once by many clerks, none is lost to a lock on the version', async () => {
    const hub = await api.createOrganization({ name: 'Busy Federation' });
    const members = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        api.createOrganization({ name: `Busy Member ${index}` }),
      ),
    );
    const responses = await Promise.all(
      members.map((memberId) =>
        api.admin.request({
          method: 'POST',
          url: '/api/network/affiliations',
          payload: { memberId, parentId: hub, kind: 'member-of' },
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(members.map(() => 201));
    const neighbours = await second.app.inject({
      method: 'GET',
      url: `/api/network/organizations/${hub}/neighbours`,
    });
    expect(neighbours.json().nodes).toHaveLength(8);
  });
});
