import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countRows, startTestApi, type TestApi } from '../../../test/test-api.ts';
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
    expect(response.body).toContain('<title>Intercoop API</title>');
    expect(response.body).not.toContain('favicon-32x32.png');
    // The top bar that carries Swagger's logo (an inline style the CSP refuses) is not shown.
    const initializer = await api.app.inject({
      method: 'GET',
      url: '/api/docs/static/swagger-initializer.js',
    });
    expect(initializer.body).toContain('"layout":"BaseLayout"');
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

  it('sends them on refusals made before routing too: CSRF, an over-long address, a malformed Authorization, a malformed URL', async () => {
    const refusals = [
      await api.app.inject({
        method: 'POST',
        url: '/api/network/organizations',
        headers: { cookie: api.admin.cookie },
        payload: { name: 'Forged', kind: 'cooperative', country: 'IN', sector: 'agriculture' },
      }),
      await api.app.inject({
        method: 'GET',
        url: `/api/network/organizations?q=${'a'.repeat(maxUrlLength)}`,
      }),
      await api.app.inject({
        method: 'GET',
        url: '/api/network/organizations',
        headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      }),
      await api.app.inject({ method: 'GET', url: '/api/network/organizations/%E0%A4%A' }),
    ];
    expect(refusals.map((response) => response.statusCode)).toEqual([403, 414, 401, 400]);
    for (const response of refusals) {
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['x-request-id']).toBeTruthy();
    }
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

describe('text that is not well-formed is refused where it enters, naming where it is', () => {
  // Each once reached the database (a NUL is a 500 there) or was stored as U+FFFD.
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const someId = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';
  it.each([
    ['/api/network/organizations?q=%00', '/q', 'query', 'control-characters'],
    ['/api/projects?q=%00', '/q', 'query', 'control-characters'],
    ['/api/network/intents?q=%00', '/q', 'query', 'control-characters'],
    ['/api/audit/entries?action=%00', '/action', 'query', 'control-characters'],
    ['/api/network/organizations?q=caf%E9', '/q', 'query', 'invalid-encoding'],
    ['/api/network/organizations?q=%ED%A0%80', '/q', 'query', 'invalid-encoding'],
    ['/api/network/organizations/%FF', '/id', 'path', 'invalid-encoding'],
    ['/api/projects/%00', '/id', 'path', 'control-characters'],
    [
      `/api/network/organizations?cursor=${cursorOf(['name', '\u0000', someId])}`,
      '/cursor',
      'query',
      'invalid-cursor',
    ],
    [
      `/api/projects?cursor=${cursorOf(['title', 'a\u0000', someId])}`,
      '/cursor',
      'query',
      'invalid-cursor',
    ],
    [
      `/api/accounts/accounts?cursor=${Buffer.from('a\u0000@coop.test').toString('base64url')}`,
      '/cursor',
      'query',
      'invalid-cursor',
    ],
  ])('GET %s', async (url, pointer, location, code) => {
    const response = await api.admin.request({ method: 'GET', url });
    const body = expectProblem(response, 400);
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer, in: location, code }));
  });

  it('a header', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/network/organizations',
      // Node hands each byte of a header over as a Latin-1 character: here, é as one byte.
      headers: { 'user-agent': 'Navigateur caf\u00e9' },
    });
    const body = expectProblem(response, 400);
    expect(body.errors).toEqual([
      expect.objectContaining({ pointer: '/user-agent', in: 'header', code: 'invalid-encoding' }),
    ]);
  });

  it('a JSON body, with bytes that are not UTF-8 or an escaped NUL or lone surrogate', async () => {
    const before = await countRows(api.database, 'network_organization');
    const organization = '","kind":"cooperative","country":"IN","sector":"agriculture"}';
    const bodies: Array<[Buffer, string, string]> = [
      [
        Buffer.concat([
          Buffer.from('{"name":"Caf'),
          Buffer.from([0xe9]),
          Buffer.from(organization),
        ]),
        '/name',
        'invalid-encoding',
      ],
      [Buffer.from(`{"name":"Caf\\ud800${organization}`), '/name', 'invalid-encoding'],
      [
        Buffer.from(
          '{"name":"Coop","kind":"cooperative","country":"IN","sector":"agriculture","otherNames":[{"text":"a\\u0000b"}]}',
        ),
        '/otherNames/0/text',
        'control-characters',
      ],
    ];
    for (const [payload, pointer, code] of bodies) {
      const response = await api.admin.request({
        method: 'POST',
        url: '/api/network/organizations',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      const body = expectProblem(response, 400);
      expect(body.errors).toEqual([expect.objectContaining({ pointer, code })]);
    }
    expect(await countRows(api.database, 'network_organization')).toBe(before);
  });

  it('text in UTF-8 in any script passes, in the address and in the body', async () => {
    const search = await api.app.inject({
      method: 'GET',
      url: `/api/network/organizations?q=${encodeURIComponent('सहकारी café 🌾')}`,
    });
    expect(search.statusCode, search.body).toBe(200);
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/network/organizations',
      payload: {
        name: 'Coopérative सहकारी 🌾',
        kind: 'cooperative',
        country: 'IN',
        sector: 'housing',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().name).toBe('Coopérative सहकारी 🌾');
  });
});
