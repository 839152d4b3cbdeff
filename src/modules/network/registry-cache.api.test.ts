// The registry cache: search pages and the graph of ties kept in memory are used only while the
// registry's version is the one they were read at, so a write shows in the very next answer.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/test-api.ts';
import { graphAnswers, rebuildTieGraph } from './graph/graph-memory.ts';
import { readRegistryVersion } from './registry-version.ts';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
}, 60_000);

afterAll(async () => {
  await api?.close();
});

async function search(q: string) {
  const response = await api.app.inject({
    method: 'GET',
    url: `/api/network/organizations?q=${encodeURIComponent(q)}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: Array<{ id: string; name: string }>; total: number };
}

async function chain(from: string, to: string) {
  const response = await api.app.inject({
    method: 'GET',
    url: `/api/network/chain?from=${from}&to=${to}`,
  });
  return { status: response.statusCode, body: response.json() };
}

async function affiliate(memberId: string, parentId: string) {
  const response = await api.admin.request({
    method: 'POST',
    url: '/api/network/affiliations',
    payload: { memberId, parentId, kind: 'member-of' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('the registry version', () => {
  it('moves with every change to organizations and ties, and with no read', async () => {
    const before = BigInt(await readRegistryVersion(api.database.db));
    await search('anything');
    expect(BigInt(await readRegistryVersion(api.database.db))).toBe(before);
    const id = await api.createOrganization({ name: 'Versioned Weavers' });
    const afterCreate = BigInt(await readRegistryVersion(api.database.db));
    expect(afterCreate).toBeGreaterThan(before);
    const other = await api.createOrganization({ name: 'Versioned Spinners' });
    const afterSecond = BigInt(await readRegistryVersion(api.database.db));
    await affiliate(id, other);
    expect(BigInt(await readRegistryVersion(api.database.db))).toBeGreaterThan(afterSecond);
  });
});

describe('search pages kept in memory', () => {
  it('are given again while nothing changes, and never after a change', async () => {
    const id = await api.createOrganization({ name: 'Kestrel Looms Cooperative' });
    expect((await search('Kestrel Looms')).items.map((item) => item.name)).toEqual([
      'Kestrel Looms Cooperative',
    ]);
    // A change made past the triggers (as a restore with triggers disabled would) does not move
    // the version: the kept page is still given, which shows that it is kept.
    await api.database.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update network_organization set name = 'Kestrel Looms Collective' where id = ${id}`.execute(
        trx,
      );
    });
    expect((await search('Kestrel Looms')).items[0]?.name).toBe('Kestrel Looms Cooperative');
    // Any change through the application moves it: the next search reads the database.
    const renamed = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/organizations/${id}`,
      payload: { version: 1, name: 'Kestrel Looms Union' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await search('Kestrel Looms')).items.map((item) => item.name)).toEqual([
      'Kestrel Looms Union',
    ]);
    const created = await api.createOrganization({ name: 'Kestrel Looms Guild' });
    const after = await search('Kestrel Looms');
    expect(after.total).toBe(2);
    expect(after.items.map((item) => item.id)).toContain(created);
  });

  it('are told apart by every parameter', async () => {
    await api.createOrganization({ name: 'Heron Dairy Kenya', country: 'KE' });
    await api.createOrganization({ name: 'Heron Dairy India', country: 'IN' });
    const get = async (query: string) =>
      (await api.app.inject({ method: 'GET', url: `/api/network/organizations?${query}` })).json();
    const all = await get('q=Heron+Dairy');
    const kenya = await get('q=Heron+Dairy&country=KE');
    const one = await get('q=Heron+Dairy&limit=1');
    const withFacets = await get('q=Heron+Dairy&facets=true');
    expect(all.items).toHaveLength(2);
    expect(kenya.items.map((item: { name: string }) => item.name)).toEqual(['Heron Dairy Kenya']);
    expect(one.items).toHaveLength(1);
    expect(one.nextCursor).not.toBeNull();
    const next = await get(`q=Heron+Dairy&limit=1&cursor=${one.nextCursor}`);
    expect(next.items).toHaveLength(1);
    expect(next.items[0].id).not.toBe(one.items[0].id);
    expect(all.facets).toBeNull();
    expect(withFacets.facets.country).toEqual(
      expect.arrayContaining([
        { value: 'KE', count: 1 },
        { value: 'IN', count: 1 },
      ]),
    );
  });

  it('keep the unfiltered facet counts no longer than the version', async () => {
    const get = async () =>
      (
        await api.app.inject({ method: 'GET', url: '/api/network/organizations?facets=true' })
      ).json() as { total: number; facets: { country: Array<{ value: string; count: number }> } };
    const before = await get();
    await api.createOrganization({ name: 'Facet Counted Cooperative', country: 'BF' });
    const after = await get();
    expect(after.total).toBe(before.total + 1);
    const count = (page: typeof before) =>
      page.facets.country.find((facet) => facet.value === 'BF')?.count ?? 0;
    expect(count(after)).toBe(count(before) + 1);
  });
});

describe('the graph of ties kept in memory', () => {
  it('answers chains and neighbours, and a tie added or ended shows in the next answer', async () => {
    const [a, b, c] = [
      await api.createOrganization({ name: 'Chain Start' }),
      await api.createOrganization({ name: 'Chain Middle' }),
      await api.createOrganization({ name: 'Chain End' }),
    ] as [string, string, string];
    await affiliate(a, b);
    await rebuildTieGraph(api.database.db);
    const before = graphAnswers(api.database.db);
    expect((await chain(a, c)).status).toBe(404);
    expect(graphAnswers(api.database.db).memory).toBe(before.memory + 1);

    const added = await affiliate(c, b);
    const found = await chain(a, c);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.organizations.map((node: { id: string }) => node.id)).toEqual([a, b, c]);

    await rebuildTieGraph(api.database.db);
    const memoryBefore = graphAnswers(api.database.db).memory;
    expect((await chain(a, c)).body.length).toBe(2);
    const neighbours = await api.app.inject({
      method: 'GET',
      url: `/api/network/organizations/${a}/neighbours?depth=2`,
    });
    expect(
      new Set(
        neighbours
          .json()
          .nodes.map((node: { id: string; depth: number }) => `${node.id}:${node.depth}`),
      ),
    ).toEqual(new Set([`${b}:1`, `${c}:2`]));
    expect(graphAnswers(api.database.db).memory).toBe(memoryBefore + 2);

    const ended = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/affiliations/${added.id}`,
      payload: { version: added.version, endedOn: yesterday() },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await chain(a, c)).status).toBe(404);
    const history = await api.app.inject({
      method: 'GET',
      url: `/api/network/chain?from=${a}&to=${c}&includeEnded=true`,
    });
    expect(history.json().length).toBe(2);
  });
});
