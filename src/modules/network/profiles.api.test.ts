// The profiles the network publishes for others: Murmurations (validated against the unmodified
// schema files in test/fixtures/murmurations) and schema.org JSON-LD (checked against the context
// shipped in the repository and served by the app).
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicUrl, startTestApi, type TestApi } from '../../../test/test-api.ts';
import { loadConfig } from '../../config.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { systemContext } from '../../main.ts';

let api: TestApi;
let validateProfile: ValidateFunction;

const fixtures = new URL('../../../test/fixtures/murmurations/', import.meta.url);
const readJson = (url: URL) => JSON.parse(readFileSync(url, 'utf8'));
const organizationUrlPattern = /^http:\/\/intercoop\.test\/organizations\/[0-9a-f-]{36}$/;

function murmurationsValidator(): ValidateFunction {
  // The schema says draft-07 and carries a `metadata` keyword ajv does not know; the field files
  // are registered under the ids their `$ref`s resolve to. The files themselves stay as published.
  const ajv = new Ajv({ validateSchema: false, strict: false, allErrors: true });
  const fieldsFolder = new URL('fields/', fixtures);
  for (const file of readdirSync(fieldsFolder)) {
    ajv.addSchema(
      readJson(new URL(file, fieldsFolder)),
      `https://test-library.murmurations.network/v2/fields/${file}`,
    );
  }
  return ajv.compile(readJson(new URL('schemas/organizations_schema-v1.0.0.json', fixtures)));
}

let ids: Record<
  'federation' | 'group' | 'coop' | 'division' | 'partner' | 'former' | 'apex',
  string
>;

async function tie(
  path: '/api/network/affiliations' | '/api/network/partnerships',
  payload: Record<string, unknown>,
) {
  const response = await api.admin.request({ method: 'POST', url: path, payload });
  expect(response.statusCode, response.body).toBe(201);
}

const get = (url: string, accept?: string) =>
  api.app.inject({ method: 'GET', url, headers: accept ? { accept } : {} });

beforeAll(async () => {
  api = await startTestApi();
  validateProfile = murmurationsValidator();
  // The demo network too: every one of its profiles must validate.
  const config = loadConfig({ PUBLIC_URL: publicUrl, LOG_LEVEL: 'silent' });
  const log = pino({ level: 'silent' });
  await loadDemo(systemContext(config, api.database, log, api.services, publicUrl));
  ids = {
    federation: await api.createOrganization({
      name: 'Gujarat State Women’s Cooperative Federation',
      shortName: 'GSWCF',
      otherNames: [{ text: 'ગુજરાત રાજ્ય મહિલા સહકારી સંઘ', script: 'Gujarati', language: 'gu' }],
      kind: 'federation',
      sector: 'other',
      country: 'IN',
      region: 'Gujarat',
      locality: 'Ahmedabad',
      coordinates: { lat: 23.0225, lon: 72.5714 },
      foundingYear: 1992,
      website: 'https://federation.example',
      description: 'A federation of women’s cooperatives.',
      contacts: { email: 'info@federation.example', phone: '+919876543210' },
      languages: ['gu', 'hi'],
      employees: 40,
    }),
    apex: await api.createOrganization({ name: 'National Apex Federation', kind: 'federation' }),
    group: await api.createOrganization({ name: 'Holding Group', kind: 'group', country: 'ES' }),
    coop: await api.createOrganization({ name: 'Dairy Cooperative', sector: 'agriculture' }),
    division: await api.createOrganization({ name: 'Training Division', kind: 'division' }),
    partner: await api.createOrganization({
      name: 'Solidarity Fund',
      kind: 'ngo',
      sector: 'finance',
    }),
    former: await api.createOrganization({ name: 'Former Member' }),
  };
  await tie('/api/network/affiliations', {
    memberId: ids.federation,
    parentId: ids.apex,
    kind: 'member-of',
  });
  await tie('/api/network/affiliations', {
    memberId: ids.federation,
    parentId: ids.group,
    kind: 'subsidiary-of',
  });
  await tie('/api/network/affiliations', {
    memberId: ids.coop,
    parentId: ids.federation,
    kind: 'member-of',
    startedOn: '2001-04-01',
  });
  await tie('/api/network/affiliations', {
    memberId: ids.division,
    parentId: ids.federation,
    kind: 'division-of',
  });
  // History, not profile: an ended tie is not published.
  await tie('/api/network/affiliations', {
    memberId: ids.former,
    parentId: ids.federation,
    kind: 'member-of',
    startedOn: '2001-01-01',
    endedOn: '2010-12-31',
  });
  await tie('/api/network/partnerships', {
    fromId: ids.partner,
    toId: ids.federation,
    kind: 'funding',
  });
});
afterAll(async () => {
  await api?.close();
});

const organizationUrl = (id: string) => `${publicUrl}/organizations/${id}`;

describe('the Murmurations profile', () => {
  it('validates against organizations_schema-v1.0.0 and says what the registry says', async () => {
    const response = await get(`/api/network/organizations/${ids.federation}/murmurations`);
    expect(response.statusCode, response.body).toBe(200);
    const profile = response.json();
    expect(validateProfile(profile), JSON.stringify(validateProfile.errors)).toBe(true);
    expect(profile).toMatchObject({
      linked_schemas: ['organizations_schema-v1.0.0'],
      name: 'Gujarat State Women’s Cooperative Federation',
      nickname: 'GSWCF',
      primary_url: 'https://federation.example',
      description: 'A federation of women’s cooperatives.',
      country_iso_3166: 'IN',
      geolocation: { lat: 23.0225, lon: 72.5714 },
      tags: ['federation', 'other'],
    });
    expect(profile).not.toHaveProperty('image');
  });

  it('lists affiliations and partnerships in force, as absolute URLs of this instance', async () => {
    const profile = (await get(`/api/network/organizations/${ids.federation}/murmurations`)).json();
    const relationships: Array<{ predicate_url: string; object_url: string }> =
      profile.relationships;
    expect(relationships).toEqual(
      expect.arrayContaining([
        { predicate_url: 'https://schema.org/memberOf', object_url: organizationUrl(ids.apex) },
        {
          predicate_url: 'https://schema.org/parentOrganization',
          object_url: organizationUrl(ids.group),
        },
        { predicate_url: 'https://schema.org/member', object_url: organizationUrl(ids.coop) },
        {
          predicate_url: 'https://schema.org/subOrganization',
          object_url: organizationUrl(ids.division),
        },
        {
          predicate_url: `${publicUrl}/api/network/schema-org-context.jsonld#partnership-funding`,
          object_url: organizationUrl(ids.partner),
        },
      ]),
    );
    expect(relationships).toHaveLength(5);
    expect(relationships.map((entry) => entry.object_url)).not.toContain(
      organizationUrl(ids.former),
    );
    for (const entry of relationships) {
      expect(entry.object_url).toMatch(organizationUrlPattern);
      expect(entry.predicate_url).toMatch(/^https?:\/\//);
    }
    // And from the other end.
    const member = (await get(`/api/network/organizations/${ids.coop}/murmurations`)).json();
    expect(member.relationships).toEqual([
      { predicate_url: 'https://schema.org/memberOf', object_url: organizationUrl(ids.federation) },
    ]);
    const funder = (await get(`/api/network/organizations/${ids.partner}/murmurations`)).json();
    expect(funder.relationships).toEqual([
      {
        predicate_url: `${publicUrl}/api/network/schema-org-context.jsonld#partnership-funding`,
        object_url: organizationUrl(ids.federation),
      },
    ]);
  });

  it('is checked by a validator that does refuse what breaks the schema', () => {
    const valid = { linked_schemas: ['organizations_schema-v1.0.0'], name: 'A', tags: ['x'] };
    expect(validateProfile(valid)).toBe(true);
    for (const broken of [
      { ...valid, tags: [] },
      { ...valid, country_iso_3166: 'XK' },
      { ...valid, primary_url: '/api/network/organizations/1' },
      { ...valid, geolocation: { lat: 91, lon: 0 } },
      { ...valid, relationships: [{ predicate_url: 'memberOf', object_url: 'https://a.example' }] },
      { name: 'No linked schemas' },
    ]) {
      expect(validateProfile(broken), JSON.stringify(broken)).toBe(false);
    }
  });

  it('validates with nothing but the required fields, using this instance as primary URL', async () => {
    const id = await api.createOrganization({ name: 'Bare Cooperative' });
    const profile = (await get(`/api/network/organizations/${id}/murmurations`)).json();
    expect(validateProfile(profile), JSON.stringify(validateProfile.errors)).toBe(true);
    expect(profile.primary_url).toBe(organizationUrl(id));
    expect(profile.relationships).toEqual([]);
    expect(profile).not.toHaveProperty('geolocation');
    expect(profile).not.toHaveProperty('description');
  });

  it('leaves out a country the Murmurations list lacks (Kosovo, XK) rather than fail', async () => {
    const id = await api.createOrganization({ name: 'Prishtina Cooperative', country: 'XK' });
    const profile = (await get(`/api/network/organizations/${id}/murmurations`)).json();
    expect(validateProfile(profile), JSON.stringify(validateProfile.errors)).toBe(true);
    expect(profile).not.toHaveProperty('country_iso_3166');
  });

  it('answers 404 problem+json for an unknown organization and 400 for a malformed id', async () => {
    const missing = await get(
      '/api/network/organizations/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e/murmurations',
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const malformed = await get('/api/network/organizations/not-an-id/murmurations');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('validates for every organization in the database (the demo network included)', async () => {
    const rows = await api.database.pool.query<{ id: string }>(
      'select id from network_organization order by id',
    );
    // The demo's 300-odd organizations and this file's own.
    expect(rows.rows.length).toBeGreaterThan(300);
    for (const { id } of rows.rows) {
      const organization = (await get(`/api/network/organizations/${id}`)).json();
      const response = await get(`/api/network/organizations/${id}/murmurations`);
      expect(response.statusCode, response.body).toBe(200);
      const profile = response.json();
      expect(
        validateProfile(profile),
        `${organization.name}: ${JSON.stringify(validateProfile.errors)}`,
      ).toBe(true);
      expect(profile.name).toBe(organization.name);
      if (organization.country !== 'XK')
        expect(profile.country_iso_3166).toBe(organization.country);
      expect(profile.geolocation ?? null).toEqual(organization.coordinates);
      for (const entry of profile.relationships) {
        expect(entry.object_url).toMatch(organizationUrlPattern);
      }
    }
  });
});

type Json = Record<string, unknown>;

/** Every term a JSON-LD document uses: its non-keyword keys and its @type values. */
function termsOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) termsOf(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '@type' && typeof inner === 'string') into.add(inner);
      else if (!key.startsWith('@')) {
        into.add(key);
        termsOf(inner, into);
      }
    }
  }
  return into;
}

describe('schema.org JSON-LD', () => {
  it('answers an organization as JSON-LD when asked for application/ld+json', async () => {
    const response = await get(
      `/api/network/organizations/${ids.federation}`,
      'application/ld+json',
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(response.headers.vary).toMatch(/\baccept\b/i);
    const document = response.json();
    expect(document).toMatchObject({
      '@context': `${publicUrl}/api/network/schema-org-context.jsonld`,
      '@type': 'Organization',
      '@id': organizationUrl(ids.federation),
      name: 'Gujarat State Women’s Cooperative Federation',
      alternateName: ['GSWCF', { '@value': 'ગુજરાત રાજ્ય મહિલા સહકારી સંઘ', '@language': 'gu' }],
      url: 'https://federation.example',
      foundingDate: '1992',
      address: {
        '@type': 'PostalAddress',
        addressCountry: 'IN',
        addressRegion: 'Gujarat',
        addressLocality: 'Ahmedabad',
      },
      geo: { '@type': 'GeoCoordinates', latitude: 23.0225, longitude: 72.5714 },
      email: 'info@federation.example',
      telephone: '+919876543210',
      knowsLanguage: ['gu', 'hi'],
      numberOfEmployees: { '@type': 'QuantitativeValue', value: 40 },
    });
    const reference = (id: string, name: string) => ({
      '@id': organizationUrl(id),
      '@type': 'Organization',
      name,
    });
    expect(document.memberOf).toEqual([reference(ids.apex, 'National Apex Federation')]);
    expect(document.parentOrganization).toEqual([reference(ids.group, 'Holding Group')]);
    expect(document.member).toEqual([reference(ids.coop, 'Dairy Cooperative')]);
    expect(document.subOrganization).toEqual([reference(ids.division, 'Training Division')]);
  });

  it('uses only terms its served context defines, mapped to schema.org', async () => {
    const contextResponse = await get('/api/network/schema-org-context.jsonld');
    expect(contextResponse.statusCode).toBe(200);
    expect(contextResponse.headers['content-type']).toMatch(/^application\/ld\+json/);
    const served = contextResponse.json();
    // The served context is the file shipped in the repository.
    expect(served).toEqual(
      readJson(new URL('profiles/schema-org-context.jsonld', import.meta.url)),
    );
    const context = served['@context'] as Json;
    for (const id of [ids.federation, ids.coop, ids.division]) {
      const document = (
        await get(`/api/network/organizations/${id}`, 'application/ld+json')
      ).json();
      for (const term of termsOf(document)) {
        const definition = context[term];
        expect(definition, `term ${term} is not in the context`).toBeDefined();
        const iri = typeof definition === 'string' ? definition : (definition as Json)['@id'];
        expect(iri).toBe(`schema:${term}`);
      }
    }
    expect(context.schema).toBe('http://schema.org/');
  });

  it('keeps the JSON answer exactly as it was for JSON, wildcard and missing Accept headers', async () => {
    const url = `/api/network/organizations/${ids.federation}`;
    const plain = await get(url);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.headers.vary).toMatch(/\baccept\b/i);
    const body = plain.json();
    expect(body.id).toBe(ids.federation);
    expect(body).not.toHaveProperty('@context');
    for (const accept of [
      'application/json',
      '*/*',
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'application/json, application/ld+json;q=0.5',
    ]) {
      const response = await get(url, accept);
      expect(response.headers['content-type'], accept).toMatch(/^application\/json/);
      expect(response.json(), accept).toEqual(body);
    }
  });

  it('answers an unknown organization with 404 problem+json whatever was asked for', async () => {
    const response = await get(
      '/api/network/organizations/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e',
      'application/ld+json',
    );
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
