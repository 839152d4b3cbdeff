import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, fingerprint, startTestApi, type TestApi } from '../../../test/test-api.ts';
import type { Context } from '../context.ts';
import { AppError, appErrorStatus } from '../errors.ts';
import { registerIdempotency } from './idempotency.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

let counter = 0;
function organization(name = `Idempotent Cooperative ${++counter}`) {
  return { name, kind: 'cooperative', country: 'KE', sector: 'agriculture' };
}

async function organizationsNamed(name: string): Promise<number> {
  const { rows } = await api.database.pool.query<{ count: string }>(
    'select count(*) from network_organization where name = $1',
    [name],
  );
  return Number(rows[0]?.count);
}

function post(key: string | undefined, payload: object, url = '/api/network/organizations') {
  return api.admin.request({
    method: 'POST',
    url,
    payload,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  });
}

describe('an Idempotency-Key on a creating write', () => {
  it('answers the same request again with the first answer, marked replayed, and no second effect', async () => {
    const body = organization();
    const first = await post('"create-kiambu-1"', body);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post('"create-kiambu-1"', body);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['content-type']).toMatch(/application\/json/);
    expect(again.json()).toEqual(first.json());
    // Bare, the key is the same key.
    const bare = await post('create-kiambu-1', body);
    expect(bare.headers['idempotent-replayed']).toBe('true');
    expect(await organizationsNamed(body.name)).toBe(1);
  });

  it('refuses the same key with another request (422), changing nothing', async () => {
    const first = await post('key-reused', organization());
    expect(first.statusCode).toBe(201);
    const before = await fingerprint(api.database);
    const other = await post('key-reused', organization());
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(other.json().detail).toMatch(/used for another request/);
    expect(await fingerprint(api.database)).toBe(before);
  });

  it('is kept per account and route: the same key elsewhere is another request', async () => {
    const member = await api.createAccount([
      { role: 'network-staff', scopeType: 'network', scopeId: null },
    ]);
    const mine = organization();
    const theirs = organization();
    expect((await post('shared-key', mine)).statusCode).toBe(201);
    const byOther = await member.request({
      method: 'POST',
      url: '/api/network/organizations',
      payload: theirs,
      headers: { 'idempotency-key': 'shared-key' },
    });
    expect(byOther.statusCode).toBe(201);
    expect(byOther.headers['idempotent-replayed']).toBeUndefined();
    const id = (await post(undefined, organization())).json().id;
    const offer = await post(
      'shared-key',
      {
        organizationId: id,
        direction: 'offer',
        title: 'Maize seed',
        sector: 'agriculture',
        kind: 'product',
      },
      '/api/network/intents',
    );
    expect(offer.statusCode).toBe(201);
    expect(offer.headers['idempotent-replayed']).toBeUndefined();
    expect(await organizationsNamed(mine.name)).toBe(1);
    expect(await organizationsNamed(theirs.name)).toBe(1);
  });

  it('takes the path as part of the request: the same key and body on another project is refused', async () => {
    const partner = (await post(undefined, organization())).json().id;
    const start = async (title: string) => {
      const project = { title, sector: 'agriculture', countries: ['KE'] };
      const started = await post(undefined, project, '/api/projects');
      expect(started.statusCode, started.body).toBe(201);
      return started.json() as { id: string; version: number };
    };
    const first = await start(`Irrigation ${++counter}`);
    const second = await start(`Irrigation ${++counter}`);
    expect(second.version).toBe(first.version);
    const join = { version: first.version, organizationId: partner, role: 'funder' };
    const joined = await post('join-1', join, `/api/projects/${first.id}/participants`);
    expect(joined.statusCode, joined.body).toBe(201);
    const before = await fingerprint(api.database);
    // Replaying the first project's answer here would leave the second without its funder.
    const elsewhere = await post('join-1', join, `/api/projects/${second.id}/participants`);
    expect(elsewhere.statusCode, elsewhere.body).toBe(422);
    expect(await fingerprint(api.database)).toBe(before);
  });

  it('keeps no answer for a refused request: the key can carry the corrected one', async () => {
    const before = await countRows(api.database, 'network_organization');
    const refused = await post('fix-and-retry', { ...organization(), country: 'XX' });
    expect(refused.statusCode).toBe(400);
    expect(await countRows(api.database, 'network_organization')).toBe(before);
    const corrected = await post('fix-and-retry', organization());
    expect(corrected.statusCode).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
  });

  it('rolls back the whole write when a later step of it fails, and keeps no answer', async () => {
    const parent = (await post(undefined, organization())).json().id;
    const child = (await post(undefined, organization())).json().id;
    const tie = { memberId: child, parentId: parent, kind: 'member-of' };
    expect((await post('tie-1', tie, '/api/network/affiliations')).statusCode).toBe(201);
    const before = await fingerprint(api.database);
    // The reverse tie would make a cycle: 409, and nothing of it stays.
    const cycle = await post(
      'tie-2',
      { memberId: parent, parentId: child, kind: 'member-of' },
      '/api/network/affiliations',
    );
    expect(cycle.statusCode).toBe(409);
    expect(await fingerprint(api.database)).toBe(before);
  });

  it('refuses a malformed key with a 400 pointing at the header, changing nothing', async () => {
    const before = await fingerprint(api.database);
    for (const key of ['a key with spaces', '"unterminated', 'x'.repeat(256), '""']) {
      const refused = await post(key, organization());
      expect(refused.statusCode, key).toBe(400);
      expect(refused.json().errors[0].pointer).toBe('/headers/idempotency-key');
      expect(refused.json().errors[0].code).toBe('invalid-format');
    }
    expect(await fingerprint(api.database)).toBe(before);
  });

  it('of ten requests sent at once with one key, makes one organization; the others are told', async () => {
    const body = organization();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('ten-at-once', body)));
    for (const answer of answers) {
      expect([201, 409]).toContain(answer.statusCode);
      if (answer.statusCode === 409) {
        expect(answer.json().detail).toMatch(/still being carried/);
        // Its own type: a client tells "wait for the first answer" from a conflict of data.
        expect(answer.json().type).toBe('urn:intercoop:problem:idempotency-key-in-use');
      }
    }
    const created = answers.filter((answer) => answer.statusCode === 201);
    expect(new Set(created.map((answer) => answer.json().id)).size).toBe(1);
    expect(await organizationsNamed(body.name)).toBe(1);
    // Once the first is done, the same request gets its answer.
    const later = await post('ten-at-once', body);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.json().id).toBe(created[0]?.json().id);
  });

  it('forgets an answer after 24 hours', async () => {
    const body = organization();
    expect((await post('day-old', body)).statusCode).toBe(201);
    api.setNow(new Date(Date.now() + 25 * 60 * 60 * 1000));
    try {
      // The session would have ended too: sign in again at the later time.
      const admin = await api.signIn(api.admin.email, api.admin.password);
      const again = await admin.request({
        method: 'POST',
        url: '/api/network/organizations',
        payload: body,
        headers: { 'idempotency-key': 'day-old' },
      });
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBeUndefined();
    } finally {
      api.setNow(undefined);
    }
    expect(await organizationsNamed(body.name)).toBe(2);
  });
});

describe('a route that requires an Idempotency-Key', () => {
  it('answers 400 without one, and takes one as any other route', async () => {
    const app = Fastify();
    app.decorateRequest('ctx', null as unknown as Context);
    app.addHook('onRequest', async (request) => {
      request.ctx = {
        db: api.database.db,
        actor: {
          type: 'account',
          label: 'tester',
          accountId: '00000000-0000-7000-8000-000000000001',
          personId: '00000000-0000-7000-8000-000000000002',
          email: 'tester@coop.test',
          grants: [],
        },
      } as unknown as Context;
    });
    app.setErrorHandler((error: Error, _request, reply) => {
      reply.code(error instanceof AppError ? appErrorStatus[error.code] : 500).send({
        detail: error.message,
        errors: error instanceof AppError ? error.details?.errors : undefined,
      });
    });
    registerIdempotency(app, { db: api.database.db, now: () => new Date() });
    await api.database.pool.query('create table idempotency_probe (id serial primary key)');
    app.post('/probe', { config: { idempotency: 'required' } }, async (request, reply) => {
      const { rows } = await sql<{ id: number }>`
        insert into idempotency_probe default values returning id
      `.execute(request.ctx.db);
      return reply.code(201).send({ id: rows[0]?.id });
    });
    await app.ready();
    try {
      const missing = await app.inject({ method: 'POST', url: '/probe', payload: {} });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors[0]).toMatchObject({
        pointer: '/headers/idempotency-key',
        code: 'required',
      });
      expect(await countRows(api.database, 'idempotency_probe')).toBe(0);
      const sent = { method: 'POST' as const, url: '/probe', payload: {} };
      const first = await app.inject({ ...sent, headers: { 'idempotency-key': '"p-1"' } });
      const second = await app.inject({ ...sent, headers: { 'idempotency-key': '"p-1"' } });
      expect(first.statusCode).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.json()).toEqual(first.json());
      expect(await countRows(api.database, 'idempotency_probe')).toBe(1);
    } finally {
      await app.close();
    }
  });
});

describe('the API description', () => {
  it('names the Idempotency-Key header on each route that takes it', async () => {
    const document = (await api.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const headerOf = (path: string) =>
      (document.paths[path].post.parameters ?? []).find(
        (parameter: { in: string; name: string }) =>
          parameter.in === 'header' && parameter.name === 'idempotency-key',
      );
    for (const path of [
      '/api/network/organizations',
      '/api/network/affiliations',
      '/api/network/partnerships',
      '/api/projects',
      '/api/network/intents',
      '/api/accounts/invitations',
      '/api/network/registry/import',
    ]) {
      expect(headerOf(path), path).toMatchObject({ required: false });
    }
    expect(headerOf('/api/auth/login')).toBeUndefined();
  });
});
