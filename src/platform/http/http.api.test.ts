import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApi, type TestApi } from '../../../test/test-api.ts';
import { loadConfig } from '../../config.ts';
import { anonymous } from '../access.ts';
import { buildApp, maxUrlLength, trustedResponse } from './app.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:intercoop:problem:/) });
  expect(String(body.title).length).toBeGreaterThan(3);
  expect(String(body.detail).length).toBeGreaterThan(10);
  return body;
}

describe('errors under /api are problem+json, Fastify’s own included', () => {
  it('404 for an unknown path, signed in or not', async () => {
    expectProblem(await api.app.inject({ method: 'GET', url: '/api/nothing/here' }), 404);
    expectProblem(await api.admin.request({ method: 'GET', url: '/api/nothing/here' }), 404);
    expectProblem(await api.admin.request({ method: 'DELETE', url: '/api/nothing/here' }), 404);
    expectProblem(
      await api.app.inject({ method: 'POST', url: '/api/nothing/here', payload: {} }),
      404,
    );
  });

  it('405 with Allow for a known path and a wrong method', async () => {
    const response = await api.app.inject({ method: 'DELETE', url: '/api/network/organizations' });
    expectProblem(response, 405);
    expect(response.headers.allow).toBe('GET, HEAD, POST');
    const onItem = await api.app.inject({
      method: 'PUT',
      url: '/api/network/organizations/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e',
      payload: {},
    });
    expectProblem(onItem, 405);
    expect(onItem.headers.allow).toBe('GET, HEAD, PATCH');
  });

  it('413 for a body over the global limit', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/nothing',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ blob: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expectProblem(response, 413);
  });

  it(`414 for an address over ${maxUrlLength} characters`, async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: `/api/network/organizations?q=${'a'.repeat(maxUrlLength)}`,
    });
    expectProblem(response, 414);
  });

  it('400 for a malformed URL', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/network/organizations/%E0%A4%A',
    });
    expectProblem(response, 400);
  });

  it('checks a trusted response against its schema only with RESPONSE_CHECKS=all', async () => {
    const Shape = trustedResponse(z.object({ name: z.string() }));
    const answer = async (checks: string) => {
      const app = await buildApp({
        db: api.database.db,
        config: loadConfig({ RESPONSE_CHECKS: checks }),
        jobs: api.services.jobs,
        outbox: api.services.outbox,
        publicUrl: () => 'http://intercoop.test',
        authenticate: async () => ({ actor: anonymous }),
        sessionCookie: 'session',
        logger: pino({ level: 'silent' }),
        isReady: () => true,
        modules: [
          {
            prefix: '/api/shaped',
            plugin: async (shaped) => {
              shaped.get('/', { schema: { response: { 200: Shape } } }, async () => ({
                name: 'Coop',
                extra: true,
              }));
            },
          },
        ],
      });
      const response = await app.inject({ method: 'GET', url: '/api/shaped' });
      await app.close();
      return response.json();
    };
    // Checked, the body is made to fit its schema; trusted, it is sent as built.
    expect(await answer('all')).toEqual({ name: 'Coop' });
    expect(await answer('untrusted')).toEqual({ name: 'Coop', extra: true });
  });

  it('a failure on our side is a 500 that names the request id and leaks nothing', async () => {
    const app = await buildApp({
      db: api.database.db,
      config: loadConfig({}),
      jobs: api.services.jobs,
      outbox: api.services.outbox,
      publicUrl: () => 'http://intercoop.test',
      authenticate: async () => ({ actor: anonymous }),
      sessionCookie: 'session',
      logger: pino({ level: 'silent' }),
      isReady: () => true,
      modules: [
        {
          prefix: '/api/broken',
          plugin: async (broken) => {
            broken.get('/', async () => {
              throw new Error('password=hunter2 at /srv/intercoop/src/secret.ts:12');
            });
          },
        },
      ],
    });
    const response = await app.inject({
      method: 'GET',
      url: '/api/broken',
      headers: { 'x-request-id': 'r-500' },
    });
    const body = expectProblem(response, 500);
    expect(body.detail).toContain('r-500');
    expect(JSON.stringify(body)).not.toMatch(/hunter2|secret\.ts/);
    await app.close();
  });
});

describe('health, readiness and the API description', () => {
  it('/health and /ready answer', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({
      status: 'ok',
    });
    expect((await api.app.inject({ method: 'GET', url: '/ready' })).json()).toEqual({
      status: 'ready',
    });
  });

  it('serves OpenAPI 3.1 that lists the operations with their problem responses', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.license.identifier).toBe('AGPL-3.0-or-later');
    const operations = document.paths['/api/network/organizations'];
    expect(Object.keys(operations).sort()).toEqual(['get', 'post']);
    expect(operations.post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['name', 'kind', 'country', 'sector']),
    );
    expect(operations.post.responses['400']).toBeDefined();
    expect(document.paths['/api/network/organizations/{id}'].get).toBeDefined();
  });

  it('serves the API docs page', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('headers', () => {
  it('sends security headers and a request id, and keeps a sane given one', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-request-id']).toBe('abc-123');
    const hostile = await api.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': '<script>' },
    });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('compresses large responses for clients that accept it', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(response.rawPayload).toString()).openapi).toBe('3.1.0');
  });
});
