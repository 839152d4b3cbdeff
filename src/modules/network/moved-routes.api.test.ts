// The paths projects had under /api/network: each answers 308 Permanent Redirect to its new place
// under /api/projects, for every method, with the query string kept and nothing done; the new
// paths answer, and the OpenAPI document lists only them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, startTestApi, type TestApi } from '../../../test/test-api.ts';

let api: TestApi;
let lead: string;
let projectId: string;
const figureId = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';

const project = () => ({
  title: 'Solar mini-grid',
  sector: 'energy-utilities',
  countries: ['LR'],
  participants: [{ organizationId: lead, role: 'lead' }],
});

beforeAll(async () => {
  api = await startTestApi();
  lead = await api.createOrganization({ name: 'Mini-grid Cooperative', country: 'LR' });
  const created = await api.admin.request({
    method: 'POST',
    url: '/api/projects',
    payload: project(),
  });
  expect(created.statusCode, created.body).toBe(201);
  projectId = created.json().id;
});
afterAll(async () => {
  await api?.close();
});

describe('the old paths of projects and impact', () => {
  const moved = () =>
    [
      ['GET', '/api/network/projects?q=solar&limit=5', '/api/projects?q=solar&limit=5'],
      ['POST', '/api/network/projects', '/api/projects'],
      ['GET', `/api/network/projects/${projectId}`, `/api/projects/${projectId}`],
      ['PATCH', `/api/network/projects/${projectId}`, `/api/projects/${projectId}`],
      [
        'POST',
        `/api/network/projects/${projectId}/participants`,
        `/api/projects/${projectId}/participants`,
      ],
      [
        'DELETE',
        `/api/network/projects/${projectId}/participants/${lead}/lead?version=1`,
        `/api/projects/${projectId}/participants/${lead}/lead?version=1`,
      ],
      ['POST', `/api/network/projects/${projectId}/figures`, `/api/projects/${projectId}/figures`],
      [
        'DELETE',
        `/api/network/projects/${projectId}/figures/${figureId}?version=1`,
        `/api/projects/${projectId}/figures/${figureId}?version=1`,
      ],
      [
        'GET',
        '/api/network/impact?by=country&kind=target',
        '/api/projects/impact?by=country&kind=target',
      ],
      ['HEAD', '/api/network/impact', '/api/projects/impact'],
    ] as const;

  it('redirect every method to the new path, query string kept, doing nothing', async () => {
    for (const [method, url, location] of moved()) {
      const response = await api.admin.request({
        method,
        url,
        ...(method === 'POST' || method === 'PATCH' ? { payload: project() } : {}),
      });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(308);
      expect(response.headers.location, `${method} ${url}`).toBe(location);
    }
    // The POST that was redirected created nothing; the project is as it was made.
    expect(await countRows(api.database, 'network_project')).toBe(1);
    const current = await api.app.inject({ method: 'GET', url: `/api/projects/${projectId}` });
    expect(current.json()).toMatchObject({ version: 1, participants: [{ role: 'lead' }] });
  });

  it('redirect whatever the body, before reading it', async () => {
    for (const [contentType, payload] of [
      ['application/json', '{"not json'],
      ['text/plain', 'a project'],
    ] as const) {
      const response = await api.admin.request({
        method: 'POST',
        url: '/api/network/projects',
        headers: { 'content-type': contentType },
        payload,
      });
      expect(response.statusCode, response.body).toBe(308);
      expect(response.headers.location).toBe('/api/projects');
    }
  });

  it('lead to paths that work: the same request sent there succeeds', async () => {
    const redirected = await api.admin.request({
      method: 'POST',
      url: '/api/network/projects',
      payload: project(),
    });
    const created = await api.admin.request({
      method: 'POST',
      url: String(redirected.headers.location),
      payload: project(),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.location).toBe(`/api/projects/${created.json().id}`);
    const impact = await api.app.inject({
      method: 'GET',
      url: String(
        (await api.app.inject({ method: 'GET', url: '/api/network/impact?kind=target' })).headers
          .location,
      ),
    });
    expect(impact.statusCode, impact.body).toBe(200);
    expect(impact.json()).toMatchObject({ by: 'indicator', kind: 'target' });
  });

  it('are not in the OpenAPI document, where the new ones are, tagged projects', async () => {
    const document = (await api.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(document.paths);
    expect(paths.filter((path) => /^\/api\/network\/(projects|impact)/.test(path))).toEqual([]);
    expect(paths.filter((path) => path.startsWith('/api/projects')).sort()).toEqual([
      '/api/projects',
      '/api/projects/impact',
      '/api/projects/{id}',
      '/api/projects/{id}/figures',
      '/api/projects/{id}/figures/{figureId}',
      '/api/projects/{id}/participants',
      '/api/projects/{id}/participants/{organizationId}/{role}',
    ]);
    for (const path of paths.filter((entry) => entry.startsWith('/api/projects')))
      for (const operation of Object.values(document.paths[path]) as { tags: string[] }[])
        expect(operation.tags, path).toEqual(['projects']);
  });
});

describe('the new paths', () => {
  it('keep /api/projects/impact apart from a project id', async () => {
    const impact = await api.app.inject({ method: 'GET', url: '/api/projects/impact' });
    expect(impact.statusCode, impact.body).toBe(200);
    expect(impact.json()).toMatchObject({ by: 'indicator', kind: 'result' });
    const notAnId = await api.app.inject({ method: 'GET', url: '/api/projects/solar' });
    expect(notAnId.statusCode).toBe(400);
    const list = await api.app.inject({ method: 'GET', url: '/api/projects?limit=5' });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(projectId);
  });
});
