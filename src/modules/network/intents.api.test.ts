// Offers and needs through the HTTP API: writes with versions and who may make them, the board's
// filters and paging, suggestions ranked as the stated score says on a small crafted network,
// the ValueFlows representation, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  countRows,
  publicUrl,
  startTestApi,
  type TestApi,
} from '../../../test/test-api.ts';
import { suggestionWeights, wordRarity } from './intents/suggestion-score.ts';
import { valueFlowsContext, valueFlowsNamespace } from './intents/valueflows-context.ts';

let api: TestApi;
let askerAdmin: Agent;
let otherAdmin: Agent;
let askerMember: Agent;
const org: Record<string, string> = {};
const names: Record<string, string> = {};
const intent: Record<string, string> = {};

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

type IntentBody = {
  id: string;
  version: number;
  status: string;
  expired: boolean;
  closedAt: string | null;
  title: string;
  organizationId: string;
  direction: string;
};
type SuggestionBody = {
  intent: IntentBody;
  score: number;
  components: { sector: number; place: number; text: number; ties: number };
  reasons: string[];
  reasonCodes: ({ code: string } & Record<string, unknown>)[];
  distanceKm: number | null;
};

async function organization(key: string, fields: Record<string, unknown>) {
  names[key] = `${fields.name}`;
  org[key] = await api.createOrganization(fields);
}

async function post(key: string, payload: Record<string, unknown>, agent: Agent = api.admin) {
  const response = await agent.request({ method: 'POST', url: '/api/network/intents', payload });
  expect(response.statusCode, response.body).toBe(201);
  intent[key] = response.json().id;
  return response.json() as IntentBody;
}

async function board(query: string) {
  const response = await api.app.inject({ method: 'GET', url: `/api/network/intents?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: IntentBody[]; nextCursor: string | null };
}

/** The text component as the stated rule gives it: the shared words' rarities on the board, full at 3. */
async function statedText(words: string[]): Promise<number> {
  const boardSize = await countRows(api.database, 'network_intent');
  let weight = 0;
  for (const word of words) {
    const using = await countRows(
      api.database,
      `network_intent where search_document @@ '${word}'::tsquery`,
    );
    weight += wordRarity(boardSize, using);
  }
  return Math.round(Math.min(1, weight / 3) * 1000) / 1000;
}

async function suggestionsFor(key: string) {
  const response = await api.app.inject({
    method: 'GET',
    url: `/api/network/intents/${intent[key]}/suggestions`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { for: IntentBody; items: SuggestionBody[] };
}

const offer = (organizationKey: string, fields: Record<string, unknown>) => ({
  organizationId: org[organizationKey],
  direction: 'offer',
  sector: 'agriculture',
  kind: 'training',
  ...fields,
});

beforeAll(async () => {
  api = await startTestApi();
  // Gujarat: the asker in Anand, its federation in Ahmedabad (about 65 km), a sister cooperative
  // of the same federation in Rajkot (about 250 km), an unrelated one in Nadiad (about 20 km);
  // a housing society in Mumbai; a cooperative in the Basque Country.
  await organization('asker', {
    name: 'Anand Women Dairy Cooperative',
    country: 'IN',
    sector: 'agriculture',
    coordinates: { lat: 22.56, lon: 72.95 },
  });
  await organization('federation', {
    name: 'Gujarat Women Farmers Federation',
    kind: 'federation',
    country: 'IN',
    sector: 'agriculture',
    coordinates: { lat: 23.03, lon: 72.58 },
  });
  await organization('sister', {
    name: 'Rajkot Women Growers Cooperative',
    country: 'IN',
    sector: 'agriculture',
    coordinates: { lat: 22.3, lon: 70.8 },
  });
  await organization('near', {
    name: 'Nadiad Tractor Cooperative',
    country: 'IN',
    sector: 'agriculture',
    coordinates: { lat: 22.69, lon: 72.86 },
  });
  await organization('housing', {
    name: 'Mumbai Housing Society',
    country: 'IN',
    sector: 'housing',
    coordinates: { lat: 19.08, lon: 72.88 },
  });
  await organization('basque', {
    name: 'Arrasate Farmers Cooperative',
    country: 'ES',
    sector: 'agriculture',
    coordinates: { lat: 43.06, lon: -2.49 },
  });
  for (const member of ['asker', 'sister']) {
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/network/affiliations',
      payload: { memberId: org[member], parentId: org.federation, kind: 'member-of' },
    });
    expect(response.statusCode, response.body).toBe(201);
  }
  askerAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: org.asker as string },
  ]);
  otherAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: org.housing as string },
  ]);
  askerMember = await api.createAccount([
    { role: 'organization-member', scopeType: 'organization', scopeId: org.asker as string },
  ]);

  await post(
    'need',
    {
      organizationId: org.asker,
      direction: 'need',
      title: 'Training in organic farming for dairy members',
      description: 'Our women members want training in organic fodder and compost.',
      sector: 'agriculture',
      kind: 'training',
      validFrom: day(-10),
      validUntil: day(60),
    },
    askerAdmin,
  );
  await post(
    'federationOffer',
    offer('federation', {
      title: 'Organic farming training',
      description: 'Field schools in organic farming and compost making.',
    }),
  );
  await post('sisterOffer', offer('sister', { title: 'Organic compost supply', kind: 'product' }));
  await post(
    'nearOffer',
    offer('near', {
      title: 'Tractor hire',
      description: 'Tractors for ploughing.',
      kind: 'service',
    }),
  );
  await post('basqueOffer', offer('basque', { title: 'Organic training', kind: 'know-how' }));
  await post(
    'housingOffer',
    offer('housing', { title: 'Compost toilets', sector: 'housing', kind: 'product' }),
  );
  await post(
    'housingUnrelated',
    offer('housing', { title: 'Roof repair', sector: 'housing', kind: 'service' }),
  );
  // Never suggested: expired, not yet valid, closed, the asker's own, and one that applies only
  // in Kenya.
  await post(
    'expired',
    offer('federation', { title: 'Organic farming training 2020', validUntil: day(-1) }),
  );
  await post(
    'future',
    offer('federation', { title: 'Organic farming training next year', validFrom: day(30) }),
  );
  await post('closed', offer('federation', { title: 'Organic farming training, closed' }));
  const closing = await api.admin.request({
    method: 'POST',
    url: `/api/network/intents/${intent.closed}/close`,
    payload: { version: 1 },
  });
  expect(closing.statusCode, closing.body).toBe(200);
  await post('own', offer('asker', { title: 'Organic dairy training' }));
  await post(
    'kenyaOnly',
    offer('basque', { title: 'Organic farming training', countries: ['KE'] }),
  );
  await post(
    'finance',
    offer('basque', { title: 'Loans for equipment', sector: 'finance', kind: 'finance' }),
  );
});

afterAll(async () => {
  await api?.close();
});

describe('writes', () => {
  it('creates, reads, edits with its version, and refuses a stale edit with the current copy', async () => {
    const created = await post(
      'edited',
      {
        organizationId: org.asker,
        direction: 'need',
        title: 'Milk cans',
        description: 'Steel cans,\nforty litres each.',
        sector: 'agriculture',
        kind: 'product',
        countries: ['IN'],
      },
      askerAdmin,
    );
    expect(created).toMatchObject({ version: 1, status: 'open', expired: false, closedAt: null });
    const read = await api.app.inject({ method: 'GET', url: `/api/network/intents/${created.id}` });
    expect(read.json()).toMatchObject({
      title: 'Milk cans',
      description: 'Steel cans,\nforty litres each.',
      countries: ['IN'],
      organizationName: names.asker,
    });
    const edited = await askerAdmin.request({
      method: 'PATCH',
      url: `/api/network/intents/${created.id}`,
      payload: { version: 1, title: 'Milk cans, 40 l', validUntil: day(5) },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      version: 2,
      title: 'Milk cans, 40 l',
      validUntil: day(5),
    });
    const stale = await askerAdmin.request({
      method: 'PATCH',
      url: `/api/network/intents/${created.id}`,
      payload: { version: 1, title: 'Lost update' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ version: 2, title: 'Milk cans, 40 l' });
    // Dates reversed against the stored start are refused, and nothing changes.
    const reversed = await askerAdmin.request({
      method: 'PATCH',
      url: `/api/network/intents/${created.id}`,
      payload: { version: 2, validFrom: day(10) },
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].pointer).toBe('/validFrom');
    const audit = await api.database.pool.query(
      'select action from platform_audit_entry where entity_id = $1 order by at, id',
      [created.id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['create-need', 'update-need']);
  });

  it('closes with its version; a closed one leaves the board, is not edited, and stays readable', async () => {
    const created = await post('toClose', { ...offer('near', { title: 'Seed drill lending' }) });
    const stale = await api.admin.request({
      method: 'POST',
      url: `/api/network/intents/${created.id}/close`,
      payload: { version: 7 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(1);
    const closed = await api.admin.request({
      method: 'POST',
      url: `/api/network/intents/${created.id}/close`,
      payload: { version: 1 },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', version: 2 });
    expect(closed.json().closedAt).toEqual(expect.any(String));
    const again = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/intents/${created.id}`,
      payload: { version: 2, title: 'Reopened?' },
    });
    expect(again.statusCode).toBe(409);
    const open = await board(`organizationId=${org.near}`);
    expect(open.items.map((item) => item.id)).not.toContain(created.id);
    const closedOnes = await board(`organizationId=${org.near}&status=closed`);
    expect(closedOnes.items.map((item) => item.id)).toEqual([created.id]);
  });

  it('lets only the organization’s admins and network staff write', async () => {
    const payload = {
      organizationId: org.asker,
      direction: 'offer',
      title: 'Cheese making know-how',
      sector: 'agriculture',
      kind: 'know-how',
    };
    const count = async () =>
      Number((await api.database.pool.query('select count(*) from network_intent')).rows[0]?.count);
    const before = await count();
    const anonymous = await api.app.inject({
      method: 'POST',
      url: '/api/network/intents',
      payload,
    });
    expect(anonymous.statusCode).toBe(401);
    for (const agent of [otherAdmin, askerMember]) {
      const refused = await agent.request({ method: 'POST', url: '/api/network/intents', payload });
      expect(refused.statusCode).toBe(403);
      const edit = await agent.request({
        method: 'PATCH',
        url: `/api/network/intents/${intent.need}`,
        payload: { version: 1, title: 'Hijacked' },
      });
      expect(edit.statusCode).toBe(403);
      const close = await agent.request({
        method: 'POST',
        url: `/api/network/intents/${intent.need}/close`,
        payload: { version: 1 },
      });
      expect(close.statusCode).toBe(403);
    }
    // Another organization's admin may not post in the asker's name either.
    expect(await count()).toBe(before);
    const read = await api.app.inject({
      method: 'GET',
      url: `/api/network/intents/${intent.need}`,
    });
    expect(read.json()).toMatchObject({ version: 1, status: 'open' });
  });

  it('refuses bad input with a pointer, storing nothing', async () => {
    const base = {
      organizationId: org.asker,
      direction: 'need',
      title: 'Bad',
      sector: 'agriculture',
      kind: 'training',
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, validFrom: '2025-05-01', validUntil: '2025-04-01' }, '/validUntil'],
      [{ ...base, kind: 'barter' }, '/kind'],
      [{ ...base, direction: 'gift' }, '/direction'],
      [{ ...base, countries: ['XX'] }, '/countries/0'],
      [{ ...base, countries: ['in'] }, '/countries/0'],
      [{ ...base, countries: ['IN', 'IN'] }, '/countries'],
      [{ ...base, sector: 'mining' }, '/sector'],
      [{ ...base, validFrom: '2025-02-30' }, '/validFrom'],
      [{ ...base, title: 'x'.repeat(201) }, '/title'],
      [{ ...base, organizationId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e' }, '/organizationId'],
    ];
    for (const [payload, pointer] of cases) {
      const response = await api.admin.request({
        method: 'POST',
        url: '/api/network/intents',
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(
        response.json().errors.map((error: { pointer: string }) => error.pointer),
        JSON.stringify(payload),
      ).toContain(pointer);
    }
    const stored = await api.database.pool.query(
      "select count(*) from network_intent where title = 'Bad'",
    );
    expect(Number(stored.rows[0]?.count)).toBe(0);
  });
});

describe('the board', () => {
  it('filters by direction, kind, sector, country, organization and text', async () => {
    const needs = await board('direction=need');
    expect(needs.items.every((item) => item.direction === 'need')).toBe(true);
    expect(needs.items.map((item) => item.id)).toContain(intent.need);
    const products = await board('kind=product&direction=offer');
    expect(products.items.map((item) => item.id).sort()).toEqual(
      [intent.sisterOffer, intent.housingOffer].sort(),
    );
    const housing = await board('sector=housing');
    expect(housing.items.map((item) => item.id).sort()).toEqual(
      [intent.housingOffer, intent.housingUnrelated].sort(),
    );
    // What applies in Kenya: the Kenya-only offer and those that apply anywhere, not India-only.
    const kenya = (await board('country=KE&limit=100')).items.map((item) => item.id);
    expect(kenya).toContain(intent.kenyaOnly);
    expect(kenya).toContain(intent.federationOffer);
    const india = (await board('country=IN&limit=100')).items.map((item) => item.id);
    expect(india).not.toContain(intent.kenyaOnly);
    const federation = await board(`organizationId=${org.federation}`);
    expect(federation.items.map((item) => item.id)).toEqual([intent.federationOffer]);
    const words = (await board('q=compost')).items.map((item) => item.id);
    expect(words.sort()).toEqual(
      [intent.need, intent.federationOffer, intent.sisterOffer, intent.housingOffer].sort(),
    );
    // Part of a word, accents folded.
    const partial = (await board('q=TRÁCTO')).items.map((item) => item.id);
    expect(partial).toEqual([intent.nearOffer]);
  });

  it('shows open intents within their dates by default; expired ones on request, marked', async () => {
    const current = (await board('limit=100')).items.map((item) => item.id);
    expect(current).not.toContain(intent.expired);
    expect(current).not.toContain(intent.future);
    expect(current).not.toContain(intent.closed);
    const all = (await board('limit=100&includeExpired=true')).items;
    const expired = all.find((item) => item.id === intent.expired);
    expect(expired?.expired).toBe(true);
    expect(all.find((item) => item.id === intent.future)?.expired).toBe(true);
    expect(all.find((item) => item.id === intent.need)?.expired).toBe(false);
    const any = (await board('limit=100&status=any')).items.map((item) => item.id);
    expect(any).toContain(intent.closed);
    expect(any).toContain(intent.expired);
  });

  it('pages newest first without missing or repeating an item', async () => {
    const whole = (await board('limit=100&status=any')).items.map((item) => item.id);
    expect(whole).toEqual([...whole].sort().reverse());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: IntentBody[]; nextCursor: string | null } = await board(
        `limit=3&status=any${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole);
    const bad = await api.app.inject({ method: 'GET', url: '/api/network/intents?cursor=junk' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/cursor');
  });
});

describe('suggestions', () => {
  it('ranks offers for a need by the stated score, with components and reasons', async () => {
    const { items } = await suggestionsFor('need');
    expect(items.map((item) => item.intent.id)).toEqual([
      intent.federationOffer,
      intent.sisterOffer,
      intent.nearOffer,
      intent.basqueOffer,
      intent.housingOffer,
    ]);
    for (const item of items) {
      const { sector, place, text, ties } = item.components;
      const stated =
        suggestionWeights.sector * sector +
        suggestionWeights.place * place +
        suggestionWeights.text * text +
        suggestionWeights.ties * ties;
      expect(item.score).toBeCloseTo(stated, 2);
    }
    const [federation, sister, near, basque, housing] = items as [
      SuggestionBody,
      SuggestionBody,
      SuggestionBody,
      SuggestionBody,
      SuggestionBody,
    ];
    expect(federation.components).toMatchObject({
      sector: 1,
      text: await statedText(['compost', 'farming', 'organic', 'training']),
      ties: 1,
    });
    // Words most of the board uses say less than the rarer 'compost'.
    expect(federation.components.text).toBeLessThan(1);
    expect(federation.distanceKm).toBeGreaterThan(55);
    expect(federation.distanceKm).toBeLessThan(75);
    expect(federation.components.place).toBeCloseTo(
      0.5 + 0.5 * (1 - (federation.distanceKm ?? 0) / 500),
      2,
    );
    expect(federation.reasons).toEqual([
      'Same sector: agriculture.',
      'Both in India.',
      expect.stringMatching(/^About (60|65|70) km apart\.$/),
      "Shares the words 'compost', 'farming', 'organic', 'training'.",
      `${names.asker} is a member of ${names.federation}.`,
    ]);
    // The same reasons as codes with their facts, for a reader in another language.
    expect(federation.reasonCodes).toEqual([
      { code: 'same-sector', sector: 'agriculture' },
      { code: 'same-country', country: 'IN' },
      { code: 'near', km: federation.distanceKm },
      { code: 'shared-words', words: ['compost', 'farming', 'organic', 'training'] },
      {
        code: 'affiliation',
        kind: 'member-of',
        memberName: names.asker,
        parentName: names.federation,
      },
    ]);
    expect(sister.reasonCodes).toContainEqual({
      code: 'shared-parent',
      parentName: names.federation,
    });
    expect(basque.reasonCodes.map((reason) => reason.code)).toEqual([
      'same-sector',
      'shared-words',
    ]);
    for (const item of items) expect(item.reasonCodes).toHaveLength(item.reasons.length);
    expect(sister.components).toMatchObject({
      sector: 1,
      text: await statedText(['compost', 'organic']),
      ties: 0.6,
    });
    expect(sister.reasons).toContain("Shares the words 'compost', 'organic'.");
    expect(sister.reasons).toContain(`Both are members of ${names.federation}.`);
    expect(near.components).toMatchObject({ sector: 1, text: 0, ties: 0 });
    expect(near.components.place).toBeGreaterThan(0.95);
    expect(near.reasons).toEqual([
      'Same sector: agriculture.',
      'Both in India.',
      expect.stringMatching(/^About (15|20) km apart\.$/),
    ]);
    // Far away and in another country: no place score at all.
    expect(basque.components).toMatchObject({
      sector: 1,
      place: 0,
      text: await statedText(['organic', 'training']),
      ties: 0,
    });
    expect(basque.components.text).toBeLessThan(sister.components.text);
    expect(basque.reasons).toEqual([
      'Same sector: agriculture.',
      "Shares the words 'organic', 'training'.",
    ]);
    expect(housing.components).toMatchObject({ sector: 0, text: await statedText(['compost']) });
    expect(housing.reasons).toEqual([
      'Both in India.',
      expect.stringMatching(/^About \d+ km apart\.$/),
      "Shares the word 'compost'.",
    ]);
  });

  it('never suggests expired, future, closed or own offers, nor one that does not apply there', async () => {
    const { items } = await suggestionsFor('need');
    const ids = items.map((item) => item.intent.id);
    for (const key of ['expired', 'future', 'closed', 'own', 'kenyaOnly', 'housingUnrelated']) {
      expect(ids, key).not.toContain(intent[key]);
    }
  });

  it('works the other way: needs an offer could meet', async () => {
    const { items, for: asked } = await suggestionsFor('federationOffer');
    expect(asked.id).toBe(intent.federationOffer);
    expect(items[0]?.intent.id).toBe(intent.need);
    expect(items[0]?.reasons).toContain(`${names.asker} is a member of ${names.federation}.`);
    expect(items.every((item) => item.intent.direction === 'need')).toBe(true);
  });

  it('answers 404 for an unknown intent and 400 for a bad limit', async () => {
    const missing = await api.app.inject({
      method: 'GET',
      url: '/api/network/intents/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e/suggestions',
    });
    expect(missing.statusCode).toBe(404);
    const limit = await api.app.inject({
      method: 'GET',
      url: `/api/network/intents/${intent.need}/suggestions?limit=500`,
    });
    expect(limit.statusCode).toBe(400);
  });
});

describe('ValueFlows', () => {
  async function valueFlows(key: string) {
    const response = await api.app.inject({
      method: 'GET',
      url: `/api/network/intents/${intent[key]}`,
      headers: { accept: 'application/ld+json' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(response.headers.vary).toMatch(/Accept/);
    return response.json() as Record<string, unknown>;
  }

  it('answers an offer or need as a vf:Intent, its terms all in the shipped context', async () => {
    const need = await valueFlows('need');
    expect(need).toMatchObject({
      '@context': `${publicUrl}/api/network/valueflows-context.jsonld`,
      '@id': `${publicUrl}/api/network/intents/${intent.need}`,
      '@type': 'vf:Intent',
      action: 'deliver-service',
      receiver: `${publicUrl}/organizations/${org.asker}`,
      name: 'Training in organic farming for dairy members',
      note: 'Our women members want training in organic fodder and compost.',
      hasBeginning: `${day(-10)}T00:00:00Z`,
      hasEnd: `${day(60)}T23:59:59Z`,
      finished: false,
    });
    expect(need.provider).toBeUndefined();
    expect(need.resourceClassifiedAs).toContain(
      `${publicUrl}/api/network/valueflows-context.jsonld#sector-agriculture`,
    );
    const product = await valueFlows('sisterOffer');
    expect(product).toMatchObject({
      action: 'transfer',
      provider: `${publicUrl}/organizations/${org.sister}`,
    });
    expect(product.receiver).toBeUndefined();
    const finance = await valueFlows('finance');
    expect(finance.action).toBe('transfer');
    expect(finance.resourceClassifiedAs).toContain(
      `${publicUrl}/api/network/valueflows-context.jsonld#money`,
    );
    expect((await valueFlows('closed')).finished).toBe(true);
    expect((await valueFlows('nearOffer')).action).toBe('deliver-service');
    expect((await valueFlows('basqueOffer')).action).toBe('deliver-service');

    // Every term used is defined by the context, in the ValueFlows namespace.
    const context = valueFlowsContext['@context'];
    expect(context.vf).toBe('https://w3id.org/valueflows/ont/vf#');
    expect(valueFlowsNamespace).toBe(context.vf);
    const iriOf = (term: string) => {
      const definition = context[term];
      const id =
        typeof definition === 'string' ? definition : (definition as { '@id': string })['@id'];
      return id.replace(/^vf:/, valueFlowsNamespace);
    };
    for (const document of [need, product, finance]) {
      for (const key of Object.keys(document).filter((name) => !name.startsWith('@'))) {
        expect(iriOf(key), key).toMatch(/^https:\/\/w3id\.org\/valueflows\/ont\/vf#/);
      }
      expect(`${document['@type']}`.replace(/^vf:/, valueFlowsNamespace)).toBe(
        'https://w3id.org/valueflows/ont/vf#Intent',
      );
    }
    expect(context.action).toMatchObject({ '@type': '@vocab' });
    expect(iriOf('transfer')).toBe('https://w3id.org/valueflows/ont/vf#transfer');
    expect(iriOf('deliver-service')).toBe('https://w3id.org/valueflows/ont/vf#deliverService');
    expect(iriOf('provider')).toBe('https://w3id.org/valueflows/ont/vf#provider');
    expect(iriOf('receiver')).toBe('https://w3id.org/valueflows/ont/vf#receiver');
    expect(iriOf('resourceClassifiedAs')).toBe(
      'https://w3id.org/valueflows/ont/vf#resourceClassifiedAs',
    );

    const served = await api.app.inject({
      method: 'GET',
      url: '/api/network/valueflows-context.jsonld',
    });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(served.json()).toEqual(valueFlowsContext);
  });

  it('keeps plain JSON for browsers and clients that do not ask for JSON-LD', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: `/api/network/intents/${intent.need}`,
      headers: { accept: 'text/html,*/*;q=0.8' },
    });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json().id).toBe(intent.need);
  });
});
