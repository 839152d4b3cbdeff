import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/test-api.ts';

let api: TestApi;
const ids: Record<string, string> = {};
// Every name carries this run's tag, so that searches see only this file's organizations.
const tag = `t${Date.now().toString(36)}`;

async function create(key: string, fields: Record<string, unknown>) {
  const response = await api.admin.request({
    method: 'POST',
    url: '/api/network/organizations',
    payload: fields,
  });
  expect(response.statusCode, response.body).toBe(201);
  ids[key] = response.json().id;
  return response.json();
}

async function search(query: string) {
  const response = await api.app.inject({
    method: 'GET',
    url: `/api/network/organizations?${query}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    items: Array<{
      id: string;
      name: string;
      distanceKm?: number;
      matchedName?: { text: string; script?: string; language?: string };
    }>;
    total: number;
    totalCapped: boolean;
    nextCursor: string | null;
    facets: Record<'kind' | 'sector' | 'country', Array<{ value: string; count: number }>> | null;
  };
}

beforeAll(async () => {
  api = await startTestApi();
  await create('fagor', {
    name: `Fagor Electrodomésticos ${tag}`,
    kind: 'cooperative',
    country: 'ES',
    sector: 'industry-services',
    region: 'Basque Country',
    locality: 'Arrasate-Mondragón',
    coordinates: { lat: 43.06, lon: -2.49 },
    languages: ['eu', 'es'],
    description: 'Household appliances; its worker-members were relocated in 2013.',
  });
  await create('sewaBank', {
    name: `Shri Mahila SEWA Sahakari Bank ${tag}`,
    shortName: 'SEWA Bank',
    otherNames: [{ text: `श्री महिला सेवा सहकारी बैंक ${tag}`, script: 'Devanagari', language: 'hi' }],
    kind: 'cooperative',
    country: 'IN',
    sector: 'finance',
    locality: 'Ahmedabad',
    coordinates: { lat: 23.03, lon: 72.58 },
    languages: ['gu', 'hi'],
  });
  await create('iffco', {
    name: `Indian Farmers Fertiliser Cooperative ${tag}`,
    shortName: `IFFCO${tag}`,
    kind: 'cooperative',
    country: 'IN',
    sector: 'agriculture',
    locality: 'New Delhi',
    coordinates: { lat: 28.61, lon: 77.21 },
    foundingYear: 1967,
    languages: ['hi', 'en'],
    description: 'Makes and sells fertiliser through its member cooperatives.',
  });
  await create('mumbai', {
    name: `Mumbai Housing Society ${tag}`,
    kind: 'cooperative',
    country: 'IN',
    sector: 'housing',
    locality: 'Mumbai',
    coordinates: { lat: 19.08, lon: 72.88 },
  });
  await create('gandhinagar', {
    name: `Gandhinagar Dairy Union ${tag}`,
    kind: 'federation',
    country: 'IN',
    sector: 'agriculture',
    coordinates: { lat: 23.22, lon: 72.65 },
  });
});
afterAll(async () => {
  await api?.close();
});

describe('an organization’s full record', () => {
  it('keeps every field as given', async () => {
    const full = {
      name: `Cooperativa Agraria San Isidro ${tag}`,
      shortName: 'CASI',
      otherNames: [{ text: 'San Isidro Nekazal Kooperatiba', language: 'eu' }],
      kind: 'cooperative',
      legalForm: 'Sociedad cooperativa',
      sector: 'agriculture',
      country: 'ES',
      region: 'Navarra',
      locality: 'Tafalla',
      coordinates: { lat: 42.53, lon: -1.67 },
      languages: ['es', 'eu'],
      foundingYear: 1958,
      members: { total: 420, women: 180, men: 240 },
      employees: 35,
      website: 'https://casi.example',
      contacts: { email: 'info@casi.example', phone: '+34948700000' },
      description: 'Grain and olive oil.',
      descriptions: { eu: 'Alea eta oliba olioa.', fr: 'Céréales et huile d’olive.' },
      principles: [
        { principle: 1, score: 4, evidence: 'Open to every farmer of the valley.' },
        { principle: 6, score: 3 },
      ],
    };
    const created = await create('full', full);
    expect(created).toMatchObject({ ...full, logoUrl: null, isDemo: false, version: 1 });
    const read = await api.app.inject({
      method: 'GET',
      url: `/api/network/organizations/${created.id}`,
    });
    expect(read.json()).toEqual(created);
  });

  it('refuses figures that do not add up, languages and principles that do not exist, each with a pointer', async () => {
    const base = {
      name: `Figures ${tag}`,
      kind: 'cooperative',
      country: 'IN',
      sector: 'agriculture',
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ members: { total: 10, women: 8, men: 5 } }, '/members/total'],
      [{ languages: ['xx'] }, '/languages/0'],
      [{ languages: ['hi', 'hi'] }, '/languages'],
      [{ principles: [{ principle: 8, score: 2 }] }, '/principles/0/principle'],
      [{ principles: [{ principle: 2, score: 5 }] }, '/principles/0/score'],
      [
        {
          principles: [
            { principle: 2, score: 1 },
            { principle: 2, score: 3 },
          ],
        },
        '/principles',
      ],
      [{ coordinates: { lat: 95, lon: 10 } }, '/coordinates/lat'],
      [{ members: { total: -1 } }, '/members/total'],
      [{ descriptions: { zz: 'Nothing' } }, '/descriptions/zz'],
    ];
    for (const [extra, pointer] of cases) {
      const response = await api.admin.request({
        method: 'POST',
        url: '/api/network/organizations',
        payload: { ...base, ...extra },
      });
      expect(response.statusCode, JSON.stringify(extra)).toBe(400);
      expect(
        response.json().errors.map((error: { pointer: string }) => error.pointer),
        JSON.stringify(extra),
      ).toContain(pointer);
    }
  });

  it('changes only the fields sent; null clears; a change that breaks the figures is refused with 400', async () => {
    const id = ids.full as string;
    const current = (
      await api.app.inject({ method: 'GET', url: `/api/network/organizations/${id}` })
    ).json();
    const changed = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/organizations/${id}`,
      payload: { version: current.version, shortName: null, employees: 40, coordinates: null },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      shortName: null,
      employees: 40,
      coordinates: null,
      name: current.name,
      members: current.members,
    });
    const broken = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/organizations/${id}`,
      payload: { version: changed.json().version, members: { women: 400 } },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toMatch(/problem\+json/);
    expect(
      (await api.app.inject({ method: 'GET', url: `/api/network/organizations/${id}` })).json()
        .members.women,
    ).toBe(180);
  });
});

describe('search', () => {
  it('ignores accents and case', async () => {
    const found = await search(`q=electrodomesticos ${tag}`);
    expect(found.items.map((item) => item.id)).toEqual([ids.fagor]);
    expect((await search(`q=ELECTRODOMÉSTICOS ${tag}`)).items[0]?.id).toBe(ids.fagor);
  });

  it('works in Devanagari, on names in other scripts', async () => {
    const found = await search(`q=${encodeURIComponent(`सहकारी ${tag}`)}`);
    expect(found.items.map((item) => item.id)).toEqual([ids.sewaBank]);
    // The card can show the name that matched beside the romanized one.
    expect(found.items[0]?.matchedName).toEqual({
      text: `श्री महिला सेवा सहकारी बैंक ${tag}`,
      script: 'Devanagari',
      language: 'hi',
    });
    // Part of a word matches too, as it does in the search.
    const typed = await search(`q=${encodeURIComponent('सहका')}`);
    expect(typed.items.find((item) => item.id === ids.sewaBank)?.matchedName?.text).toBe(
      `श्री महिला सेवा सहकारी बैंक ${tag}`,
    );
    // A text the name itself matches needs no other name.
    const byName = await search(`q=${encodeURIComponent(`Sahakari ${tag}`)}`);
    expect(byName.items.map((item) => item.id)).toEqual([ids.sewaBank]);
    expect(byName.items[0]?.matchedName).toBeUndefined();
  });

  it('finds short names and ranks an exact short name first', async () => {
    const found = await search(`q=IFFCO${tag}`);
    expect(found.items[0]?.id).toBe(ids.iffco);
    expect((await search('q=SEWA%20Bank')).items[0]?.id).toBe(ids.sewaBank);
  });

  it('finds words of the description, and parts of names as typed', async () => {
    expect((await search(`q=fertiliser ${tag}`)).items.map((item) => item.id)).toContain(ids.iffco);
    expect((await search('q=electrodom')).items.map((item) => item.id)).toContain(ids.fagor);
  });

  it('filters by distance from a point, nearest first, with the distance', async () => {
    const near = await search('near=23.03,72.58&km=50');
    const mine = near.items.filter((item) => Object.values(ids).includes(item.id));
    expect(mine.map((item) => item.id)).toEqual([ids.sewaBank, ids.gandhinagar]);
    expect(mine[0]?.distanceKm).toBe(0);
    expect(mine[1]?.distanceKm).toBeGreaterThan(15);
    expect(mine[1]?.distanceKm).toBeLessThan(30);
    const wider = await search('near=23.03,72.58&km=500');
    expect(wider.items.map((item) => item.id)).toContain(ids.mumbai);
    expect(wider.items.map((item) => item.id)).not.toContain(ids.iffco);
  });

  it('filters by language and sector', async () => {
    const basque = await search(`language=eu&q=${tag}`);
    expect(basque.items.map((item) => item.id).sort()).toEqual([ids.fagor, ids.full].sort());
    const agriculture = await search(`sector=agriculture&q=${tag}`);
    expect(
      agriculture.items.every((item) => [ids.iffco, ids.gandhinagar, ids.full].includes(item.id)),
    ).toBe(true);
  });

  it('counts facets with the other filters kept, when asked for', async () => {
    const india = await search(`q=${tag}&country=IN&facets=true`);
    expect(india.total).toBe(4);
    expect(india.totalCapped).toBe(false);
    if (!india.facets) throw new Error('facets were asked for');
    // The country facet ignores the country filter, so it still shows Spain.
    expect(india.facets.country).toEqual([
      { value: 'IN', count: 4 },
      { value: 'ES', count: 2 },
    ]);
    expect(india.facets.kind).toEqual([
      { value: 'cooperative', count: 3 },
      { value: 'federation', count: 1 },
    ]);
    const sectors = Object.fromEntries(
      india.facets.sector.map((entry) => [entry.value, entry.count]),
    );
    expect(sectors).toEqual({ agriculture: 2, finance: 1, housing: 1 });
  });

  it('leaves facets out unless asked, and still counts every match', async () => {
    const india = await search(`q=${tag}&country=IN`);
    expect(india.facets).toBeNull();
    expect(india).toMatchObject({ total: 4, totalCapped: false });
    // A ranked search counts matches beyond its page; so does one in name order.
    const all = await search(`q=${tag}&limit=100`);
    expect(await search(`q=${tag}&limit=1`)).toMatchObject({ total: all.items.length });
    const byName = await search('country=IN&limit=1');
    expect(byName.total).toBeGreaterThanOrEqual(4);
    expect(byName.totalCapped).toBe(false);
    expect(byName.facets).toBeNull();
    const refused = await api.app.inject({
      method: 'GET',
      url: '/api/network/organizations?facets=maybe',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].pointer).toBe('/facets');
  });

  it('ranks page after page exactly as scoring every match would', async () => {
    // Names that start with the words searched for, of many lengths, a few of them equal in
    // score, some with the words further in: similarity decides most of the order.
    const prefixProbe = `Rankprobe ${tag}`;
    const named = [
      prefixProbe,
      `${prefixProbe} Coop`,
      `${prefixProbe} Coop`,
      ...Array.from(
        { length: 24 },
        (_, index) => `${prefixProbe} ${'Agricultural '.repeat(index % 5)}Union ${index}`,
      ),
      ...Array.from({ length: 6 }, (_, index) => `Union of ${prefixProbe} ${index}`),
    ];
    // Organizations found by their description only: thirty whose names are about as long as
    // the text but share almost none of it (a high bound on similarity, a low similarity), which
    // fill the candidates of a small page, and five whose names share more of it (a lower bound,
    // a higher similarity), which must still come first.
    const describedProbe = `Crowdprobe ${tag}`;
    const described = [
      ...Array.from({ length: 30 }, (_, index) => `Rulqvex Kyjmowd ${index}`),
      ...Array.from({ length: 5 }, (_, index) => `Crowdprobes Farming Union ${index}`),
    ];
    for (const [index, name] of named.entries()) {
      await create(`named${index}`, {
        name,
        kind: 'cooperative',
        country: 'KE',
        sector: 'agriculture',
      });
    }
    for (const [index, name] of described.entries()) {
      await create(`described${index}`, {
        name,
        description: `Partners of ${describedProbe}.`,
        kind: 'cooperative',
        country: 'KE',
        sector: 'agriculture',
      });
    }
    for (const [probe, count] of [
      [prefixProbe, named.length],
      [describedProbe, described.length],
    ] as const) {
      const expected = await api.database.pool.query<{ id: string }>(
        `select id from network_organization
         where search_document @@ plainto_tsquery('simple', search_fold($1))
            or search_names like '%' || search_fold($1) || '%'
         order by ((case when search_fold(name) = search_fold($1)
                           or search_fold(coalesce(short_name, '')) = search_fold($1) then 4 else 0 end)
                   + (case when search_names like search_fold($1) || '%' then 1 else 0 end)
                   + ts_rank(search_document, plainto_tsquery('simple', search_fold($1)))
                   + similarity(search_names, search_fold($1)))::float8 desc, id`,
        [probe],
      );
      // With one a page, fewer candidates are scored in full than there are matches.
      for (const limit of [1, 4]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await search(
            `q=${encodeURIComponent(probe)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(page.total).toBe(count);
          seen.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen, `${probe}, ${limit} a page`).toEqual(expected.rows.map((row) => row.id));
      }
    }
    expect(ids.named0).toBe(
      (await search(`q=${encodeURIComponent(prefixProbe)}&limit=1`)).items[0]?.id,
    );
    expect(
      (await search(`q=${encodeURIComponent(describedProbe)}&limit=5`)).items.map(
        (item) => item.name,
      ),
    ).toEqual(described.slice(30));
  });

  it('refuses a point without a distance, a distance without a point, and impossible points', async () => {
    for (const [query, pointer] of [
      ['near=23.03,72.58', '/km'],
      ['km=10', '/km'],
      ['near=95,10&km=5', '/near'],
      ['near=Ahmedabad&km=5', '/near'],
      ['km=-3&near=1,1', '/km'],
      ['language=english', '/language'],
      ['sector=mining', '/sector'],
    ] as const) {
      const response = await api.app.inject({
        method: 'GET',
        url: `/api/network/organizations?${query}`,
      });
      expect(response.statusCode, query).toBe(400);
      expect(
        response.json().errors.map((error: { pointer: string }) => error.pointer),
        query,
      ).toContain(pointer);
    }
  });

  it('refuses a cursor from another kind of search', async () => {
    const byName = await search('limit=1');
    const response = await api.app.inject({
      method: 'GET',
      url: `/api/network/organizations?q=${tag}&cursor=${byName.nextCursor}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('/cursor');
  });
});

describe('affiliations and partnerships', () => {
  async function affiliate(
    memberId: string,
    parentId: string,
    extra: Record<string, unknown> = {},
  ) {
    return api.admin.request({
      method: 'POST',
      url: '/api/network/affiliations',
      payload: { memberId, parentId, kind: 'member-of', ...extra },
    });
  }

  it('build a tree several levels deep and refuse a cycle with 409, storing nothing', async () => {
    const group = await create('group', {
      name: `Group ${tag}`,
      kind: 'group',
      country: 'ES',
      sector: 'industry-services',
    });
    const division = await create('division', {
      name: `Division ${tag}`,
      kind: 'division',
      country: 'ES',
      sector: 'industry-services',
    });
    expect((await affiliate(division.id, group.id, { kind: 'division-of' })).statusCode).toBe(201);
    expect(
      (await affiliate(ids.fagor as string, division.id, { startedOn: '1956-01-01' })).statusCode,
    ).toBe(201);
    const cycle = await affiliate(group.id, ids.fagor as string);
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().detail).toMatch(/cycle/);
    const self = await affiliate(group.id, group.id);
    expect(self.statusCode).toBe(400);
    const ties = (
      await api.app.inject({ method: 'GET', url: `/api/network/organizations/${group.id}/ties` })
    ).json();
    expect(ties.parents).toEqual([]);
    expect(ties.members.map((entry: { memberName: string }) => entry.memberName)).toEqual([
      `Division ${tag}`,
    ]);
  });

  it('keep former ties with their end date', async () => {
    const created = await affiliate(ids.gandhinagar as string, ids.iffco as string, {
      startedOn: '1990-04-01',
    });
    const ended = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/affiliations/${created.json().id}`,
      payload: { version: 1, endedOn: '2022-12-31', note: 'Left in December 2022.' },
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({
      startedOn: '1990-04-01',
      endedOn: '2022-12-31',
      version: 2,
    });
    const stale = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/affiliations/${created.json().id}`,
      payload: { version: 1, endedOn: null },
    });
    expect(stale.statusCode).toBe(409);
    const early = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/affiliations/${created.json().id}`,
      payload: { version: 2, endedOn: '1980-01-01' },
    });
    expect(early.statusCode).toBe(400);
  });

  it('list an organization’s partnerships from both sides', async () => {
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/network/partnerships',
      payload: {
        fromId: ids.iffco,
        toId: ids.sewaBank,
        kind: 'funding',
        startedOn: '2020-06-01',
        note: 'A loan fund for women farmers.',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      fromName: `Indian Farmers Fertiliser Cooperative ${tag}`,
      kind: 'funding',
    });
    for (const id of [ids.iffco, ids.sewaBank]) {
      const ties = (
        await api.app.inject({ method: 'GET', url: `/api/network/organizations/${id}/ties` })
      ).json();
      expect(ties.partnerships.map((entry: { id: string }) => entry.id)).toContain(
        created.json().id,
      );
    }
    const unknown = await api.admin.request({
      method: 'POST',
      url: '/api/network/partnerships',
      payload: { fromId: ids.iffco, toId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e', kind: 'supply' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].pointer).toBe('/toId');
  });

  it('let an organization’s admins claim ties of it, to be confirmed, but not tie others', async () => {
    const admin = await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: ids.gandhinagar as string },
    ]);
    const own = await admin.request({
      method: 'POST',
      url: '/api/network/affiliations',
      payload: { memberId: ids.mumbai, parentId: ids.gandhinagar, kind: 'member-of' },
    });
    // A claim about the member, waiting for its admins' word.
    expect(own.statusCode, own.body).toBe(202);
    expect(own.json()).toMatchObject({ state: 'claimed', awaitedFromId: ids.mumbai });
    const ofItself = await admin.request({
      method: 'POST',
      url: '/api/network/affiliations',
      payload: { memberId: ids.gandhinagar, parentId: ids.iffco, kind: 'member-of' },
    });
    expect(ofItself.statusCode, ofItself.body).toBe(202);
    expect(ofItself.json()).toMatchObject({ state: 'claimed', awaitedFromId: ids.iffco });
    const others = await admin.request({
      method: 'POST',
      url: '/api/network/affiliations',
      payload: { memberId: ids.mumbai, parentId: ids.iffco, kind: 'member-of' },
    });
    expect(others.statusCode).toBe(403);
  });
});
