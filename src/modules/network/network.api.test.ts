import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, startTestApi, type TestApi } from '../../../test/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const path = '/api/network/organizations';

function post(payload: unknown, extra: Record<string, unknown> = {}) {
  return api.admin.request({ method: 'POST', url: path, payload: payload as object, ...extra });
}

const valid = {
  name: 'Self Employed Women’s Association Cooperative Federation',
  shortName: 'SEWA Federation',
  kind: 'federation',
  country: 'IN',
  sector: 'other',
  description: 'A federation of women’s cooperatives in Gujarat.\nFounded by SEWA.',
  website: 'https://www.sewafederation.org',
  foundingYear: 1992,
};

describe('creating and reading organizations', () => {
  it('stores an organization and answers 201 with it, then reads it back', async () => {
    const created = await post(valid);
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ ...valid, version: 1 });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.location).toBe(`${path}/${body.id}`);

    const read = await api.app.inject({ method: 'GET', url: `${path}/${body.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(body);
  });

  it('keeps names in any script exactly, trimmed', async () => {
    const created = await post({
      name: '  श्री महिला सेवा सहकारी बैंक  ',
      kind: 'cooperative',
      country: 'IN',
      sector: 'finance',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().name).toBe('श्री महिला सेवा सहकारी बैंक');
  });

  it('answers 404 problem+json for an unknown id and 400 for a malformed one', async () => {
    const missing = await api.app.inject({
      method: 'GET',
      url: `${path}/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e`,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({ status: 404, type: 'urn:intercoop:problem:not-found' });

    const malformed = await api.app.inject({ method: 'GET', url: `${path}/not-a-uuid` });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toEqual([
      {
        pointer: '/id',
        in: 'path',
        detail: expect.stringContaining('UUID'),
        code: 'invalid-format',
        params: { format: 'uuid' },
      },
    ]);
  });

  it('refuses writes without the right role and stores nothing', async () => {
    const before = await countRows(api.database, 'network_organization');
    const anonymous = await api.app.inject({
      method: 'POST',
      url: path,
      payload: { ...valid, name: 'Anonymous' },
    });
    expect(anonymous.statusCode).toBe(401);
    const organizationId = await api.createOrganization();
    const organizationAdmin = await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
    ]);
    const refused = await organizationAdmin.request({
      method: 'POST',
      url: path,
      payload: { ...valid, name: 'Not theirs' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/network-staff/);
    expect(await countRows(api.database, 'network_organization')).toBe(before + 1);
  });

  it('lets anyone read and list, from any address', async () => {
    const list = await api.app.inject({ method: 'GET', url: path, remoteAddress: '203.0.113.7' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
  });
});

describe('bad input on create is refused with 400 and a pointer, and stores nothing', () => {
  const long = 'x'.repeat(201);
  const cases: Array<{ name: string; payload: unknown; pointers: string[]; contentType?: string }> =
    [
      { name: 'no body', payload: undefined, pointers: [] },
      { name: 'empty object', payload: {}, pointers: ['/name', '/kind', '/country', '/sector'] },
      { name: 'an array', payload: [valid], pointers: ['/'] },
      {
        name: 'wrong types',
        payload: { ...valid, name: 42, foundingYear: '1992' },
        pointers: ['/name', '/foundingYear'],
      },
      { name: 'unknown field', payload: { ...valid, isAdmin: true }, pointers: ['/isAdmin'] },
      { name: 'name over 200 characters', payload: { ...valid, name: long }, pointers: ['/name'] },
      { name: 'blank name', payload: { ...valid, name: '   ' }, pointers: ['/name'] },
      {
        name: 'invalid country code',
        payload: { ...valid, country: 'XX' },
        pointers: ['/country'],
      },
      { name: 'lower-case country', payload: { ...valid, country: 'in' }, pointers: ['/country'] },
      { name: 'unknown kind', payload: { ...valid, kind: 'cartel' }, pointers: ['/kind'] },
      { name: 'unknown sector', payload: { ...valid, sector: 'mining' }, pointers: ['/sector'] },
      {
        name: 'control characters',
        payload: { ...valid, name: 'Coop\u0000erative' },
        pointers: ['/name'],
      },
      {
        name: 'a script URL as website',
        payload: { ...valid, website: 'javascript:alert(1)' },
        pointers: ['/website'],
      },
      {
        name: 'a fractional year',
        payload: { ...valid, foundingYear: 1992.5 },
        pointers: ['/foundingYear'],
      },
      {
        name: 'a year in the future',
        payload: { ...valid, foundingYear: 3000 },
        pointers: ['/foundingYear'],
      },
      { name: 'null for a required field', payload: { ...valid, kind: null }, pointers: ['/kind'] },
    ];

  for (const testCase of cases) {
    it(testCase.name, async () => {
      const before = await countRows(api.database, 'network_organization');
      const response =
        testCase.payload === undefined
          ? await api.admin.request({
              method: 'POST',
              url: path,
              headers: { 'content-type': 'application/json' },
            })
          : await post(testCase.payload);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.json();
      expect(problem).toMatchObject({
        status: 400,
        title: expect.any(String),
        detail: expect.any(String),
      });
      if (testCase.pointers.length > 0) {
        expect(problem.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(
          [...testCase.pointers].sort(),
        );
        for (const error of problem.errors) expect(error.detail.length).toBeGreaterThan(5);
      }
      expect(await countRows(api.database, 'network_organization')).toBe(before);
    });
  }

  it('malformed JSON', async () => {
    const response = await api.admin.request({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Half',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/not valid JSON/);
  });

  it('a body that is not JSON gets 415', async () => {
    const response = await api.admin.request({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'text/plain' },
      payload: 'name=Coop',
    });
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('a body over the size limit gets 413 problem+json', async () => {
    const before = await countRows(api.database, 'network_organization');
    const response = await post({ ...valid, description: 'x'.repeat(70 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 413,
      type: 'urn:intercoop:problem:body-too-large',
    });
    expect(await countRows(api.database, 'network_organization')).toBe(before);
  });

  it('markup is refused: a name is plain text', async () => {
    for (const name of [
      '<script>alert("x")</script>',
      'Coop <img src=x onerror=alert(1)>',
      '<!-- x -->',
    ]) {
      const response = await post({ ...valid, name });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0]).toMatchObject({
        pointer: '/name',
        detail: expect.stringMatching(/markup/),
      });
    }
    // A less-than sign in ordinary text is fine.
    expect((await post({ ...valid, name: 'Coop with < 10 members & more' })).statusCode).toBe(201);
  });

  it('other hostile strings are stored as text, never interpreted', async () => {
    const hostile = [
      `Robert'); drop table network_organization; --`,
      '../../../etc/passwd',
      '%00%2e%2e%2f',
    ];
    for (const name of hostile) {
      const created = await post({ ...valid, name });
      expect(created.statusCode).toBe(201);
      const read = await api.app.inject({ method: 'GET', url: `${path}/${created.json().id}` });
      expect(read.json().name).toBe(name);
    }
    expect(await countRows(api.database, 'network_organization')).toBeGreaterThan(hostile.length);
  });
});

describe('language codes that are not even of the right form', () => {
  // ICU throws on such a code; each is a 400 that points at it, for anyone who sends it.
  it('are refused in a search, a new organization and an edit', async () => {
    const search = await api.app.inject({ method: 'GET', url: `${path}?language=e` });
    expect(search.statusCode, search.body).toBe(400);
    expect(search.json().errors).toContainEqual(
      expect.objectContaining({ pointer: '/language', code: 'invalid-format' }),
    );
    const anonymous = await api.app.inject({
      method: 'POST',
      url: path,
      payload: { ...valid, languages: ['ä'] },
    });
    expect(anonymous.statusCode, anonymous.body).toBe(400);
    expect(anonymous.json().errors).toContainEqual(
      expect.objectContaining({ pointer: '/languages/0', code: 'invalid-format' }),
    );
    const id = await api.createOrganization();
    const edits: Array<[Record<string, unknown>, string]> = [
      [{ languages: ['e'] }, '/languages/0'],
      [{ otherNames: [{ text: 'Name', language: 'ü' }] }, '/otherNames/0/language'],
      [{ descriptions: { é: 'Text.' } }, '/descriptions/é'],
    ];
    for (const [change, pointer] of edits) {
      const edited = await api.admin.request({
        method: 'PATCH',
        url: `${path}/${id}`,
        payload: { version: 1, ...change },
      });
      expect(edited.statusCode, edited.body).toBe(400);
      expect(edited.json().errors.map((error: { pointer: string }) => error.pointer)).toContain(
        pointer,
      );
    }
    expect((await api.app.inject({ method: 'GET', url: `${path}/${id}` })).json().version).toBe(1);
  });
});

describe('listing and searching', () => {
  const prefix = `Paging ${Date.now()}`;
  beforeAll(async () => {
    for (let index = 0; index < 25; index++) {
      const response = await post({
        name: `${prefix} Cooperative ${String(index).padStart(2, '0')}`,
        kind: index % 2 === 0 ? 'cooperative' : 'company',
        country: index % 3 === 0 ? 'ES' : 'IN',
        sector: 'agriculture',
      });
      expect(response.statusCode).toBe(201);
    }
  });

  async function list(query: string) {
    const response = await api.app.inject({ method: 'GET', url: `${path}?${query}` });
    expect(response.statusCode).toBe(200);
    return response.json() as {
      items: Array<{ name: string; id: string; kind: string; country: string }>;
      nextCursor: string | null;
    };
  }

  it('lists items with id, name, kind, country and sector', async () => {
    const page = await list(`q=${encodeURIComponent(prefix)}&limit=3`);
    expect(page.items).toHaveLength(3);
    for (const item of page.items) {
      expect(Object.keys(item).sort()).toEqual([
        'coordinates',
        'country',
        'id',
        'kind',
        'locality',
        'name',
        'sector',
        'shortName',
      ]);
    }
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('filters by country and kind', async () => {
    const spain = await list(`q=${encodeURIComponent(prefix)}&country=ES&limit=100`);
    expect(spain.items).toHaveLength(9);
    expect(spain.items.every((item) => item.country === 'ES')).toBe(true);
    const companies = await list(`q=${encodeURIComponent(prefix)}&kind=company&limit=100`);
    expect(companies.items).toHaveLength(12);
    expect(companies.items.every((item) => item.kind === 'company')).toBe(true);
  });

  it('searches ignoring case and accents, and treats % and _ literally', async () => {
    await post({
      name: 'Fagor Electrodomésticos',
      kind: 'cooperative',
      country: 'ES',
      sector: 'industry-services',
    });
    expect((await list('q=ELECTRODOMESTICOS')).items.map((item) => item.name)).toContain(
      'Fagor Electrodomésticos',
    );
    const percent = await list('q=%25');
    expect(percent.items.length).toBeGreaterThan(0);
    expect(percent.items.every((item) => item.name.includes('%'))).toBe(true);
    const underscore = await list('q=_');
    expect(underscore.items.length).toBeGreaterThan(0);
    expect(underscore.items.every((item) => item.name.includes('_'))).toBe(true);
  });

  async function pageThrough(query: string, pageSize: number) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`${query}&limit=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.name));
      cursor = page.nextCursor;
      // Insert rows that sort before, inside and after the current position.
      for (const suffix of ['00a', `${String(pages * 4 + 1).padStart(2, '0')}b`, '99z']) {
        await post({
          name: `${prefix} Cooperative ${suffix}-${query.length}-${pages}`,
          kind: 'other',
          country: 'LR',
          sector: 'energy-utilities',
        });
      }
      pages++;
    } while (cursor && pages < 200);
    return seen;
  }
  const originals = () =>
    Array.from(
      { length: 25 },
      (_, index) => `${prefix} Cooperative ${String(index).padStart(2, '0')}`,
    );

  it('pages through the directory in name order without losing or repeating an item while rows are inserted', async () => {
    const seen = await pageThrough('sector=agriculture', 7);
    expect(
      seen.filter((name) => name.startsWith(prefix) && /Cooperative \d\d$/.test(name)),
    ).toEqual(originals());
    expect(new Set(seen).size).toBe(seen.length);
    const folded = seen.map((name) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
    expect(folded).toEqual([...folded].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('pages through search results by relevance without losing or repeating an item while rows are inserted', async () => {
    const seen = await pageThrough(`q=${encodeURIComponent(prefix)}`, 4);
    expect(seen.filter((name) => /Cooperative \d\d$/.test(name)).sort()).toEqual(originals());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a tampered cursor, a limit out of range and an unknown parameter', async () => {
    for (const [query, pointer] of [
      ['cursor=bm90IGEgY3Vyc29y', '/cursor'],
      ['limit=0', '/limit'],
      ['limit=101', '/limit'],
      ['limit=ten', '/limit'],
      ['country=Spain', '/country'],
      ['sort=name', '/sort'],
    ] as const) {
      const response = await api.app.inject({ method: 'GET', url: `${path}?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().errors.map((error: { pointer: string }) => error.pointer)).toContain(
        pointer,
      );
    }
  });
});
