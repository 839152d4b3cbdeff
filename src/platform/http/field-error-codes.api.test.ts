// Field errors carry a code and params beside the English detail, so that a client can word them
// in its reader's language; here, representative refusals of the input's shape and of the domain.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/test-api.ts';
import { fieldErrorCodes } from '../field-errors.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const valid = { name: 'Codes Cooperative', kind: 'cooperative', country: 'IN', sector: 'housing' };

async function errorsOf(payload: unknown, url = '/api/network/organizations', method = 'POST') {
  const response = await api.admin.request({
    method: method as 'POST',
    url,
    payload: payload as object,
  });
  return { status: response.statusCode, body: response.json() };
}

describe('codes for the shape of the input', () => {
  it.each([
    ['a missing name', { ...valid, name: undefined }, '/name', 'required', undefined],
    ['an empty name', { ...valid, name: '  ' }, '/name', 'too-short', { minimum: 1 }],
    ['a name too long', { ...valid, name: 'x'.repeat(201) }, '/name', 'too-long', { maximum: 200 }],
    [
      'a number for a name',
      { ...valid, name: 12 },
      '/name',
      'invalid-type',
      { expected: 'string' },
    ],
    [
      'a year as text',
      { ...valid, foundingYear: 'old' },
      '/foundingYear',
      'invalid-type',
      { expected: 'number' },
    ],
    [
      'a year too early',
      { ...valid, foundingYear: 1700 },
      '/foundingYear',
      'too-small',
      { minimum: 1800, inclusive: true },
    ],
    [
      'too many languages',
      { ...valid, languages: Array.from({ length: 21 }, (_, index) => `a${index}`.slice(0, 2)) },
      '/languages',
      'too-many',
      { maximum: 20 },
    ],
    [
      'an email that is not one',
      { ...valid, contacts: { email: 'nobody' } },
      '/contacts/email',
      'invalid-format',
      { format: 'email' },
    ],
    [
      'a website that is not one',
      { ...valid, website: 'coop' },
      '/website',
      'invalid-format',
      { format: 'url' },
    ],
    [
      'a phone number',
      { ...valid, contacts: { phone: '98765' } },
      '/contacts/phone',
      'invalid-format',
      { format: 'phone' },
    ],
    [
      'a country in lower case',
      { ...valid, country: 'in' },
      '/country',
      'invalid-format',
      { format: 'country-code' },
    ],
    [
      'a country that does not exist',
      { ...valid, country: 'XX' },
      '/country',
      'unknown-code',
      { kind: 'country' },
    ],
    [
      'a kind not offered',
      { ...valid, kind: 'club' },
      '/kind',
      'invalid-option',
      { options: 'cooperative, federation, group, division, company, ngo, public-body, other' },
    ],
    [
      'an unknown field',
      { ...valid, colour: 'red' },
      '/colour',
      'unknown-field',
      { field: 'colour' },
    ],
    ['markup in a name', { ...valid, name: 'Coop <b>bold</b>' }, '/name', 'markup', undefined],
    [
      'a control character',
      { ...valid, name: 'Coop\u0007' },
      '/name',
      'control-characters',
      undefined,
    ],
    [
      'repeated languages',
      { ...valid, languages: ['hi', 'hi'] },
      '/languages',
      'duplicate',
      undefined,
    ],
    [
      'members not adding up',
      { ...valid, members: { total: 10, women: 8, men: 5 } },
      '/members/total',
      'members-exceed-total',
      undefined,
    ],
  ])('%s', async (_name, payload, pointer, code, params) => {
    const { status, body } = await errorsOf(payload);
    expect(status).toBe(400);
    const error = body.errors.find((entry: { pointer: string }) => entry.pointer === pointer);
    expect(error, JSON.stringify(body.errors)).toMatchObject({ pointer, code });
    expect(error.detail.length).toBeGreaterThan(5);
    if (params) expect(error.params).toEqual(params);
    else expect(error.params).toBeUndefined();
  });

  it('codes the query string too: a limit out of range, a cursor not given by the server', async () => {
    const limit = await api.app.inject({
      method: 'GET',
      url: '/api/network/organizations?limit=0',
    });
    expect(limit.json().errors).toEqual([
      expect.objectContaining({
        pointer: '/limit',
        code: 'too-small',
        params: { minimum: 1, inclusive: true },
      }),
    ]);
    const cursor = await api.app.inject({
      method: 'GET',
      url: '/api/network/organizations?cursor=forged',
    });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().errors).toEqual([
      expect.objectContaining({ pointer: '/cursor', code: 'invalid-cursor' }),
    ]);
  });
});

describe('codes for the rules of the domain', () => {
  it('an organization that does not exist, a tie ending before it starts, a cycle', async () => {
    const lower = await api.createOrganization({ name: 'Lower Codes Cooperative' });
    const upper = await api.createOrganization({ name: 'Upper Codes Federation' });
    const nobody = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';

    const missing = await errorsOf(
      { memberId: lower, parentId: nobody, kind: 'member-of' },
      '/api/network/affiliations',
    );
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ pointer: '/parentId', code: 'organization-not-found' }),
    ]);

    const backwards = await errorsOf(
      {
        memberId: lower,
        parentId: upper,
        kind: 'member-of',
        startedOn: '2024-05-01',
        endedOn: '2024-01-01',
      },
      '/api/network/affiliations',
    );
    expect(backwards.body.errors).toEqual([
      expect.objectContaining({ pointer: '/endedOn', code: 'end-before-start' }),
    ]);

    const self = await errorsOf(
      { memberId: lower, parentId: lower, kind: 'member-of' },
      '/api/network/affiliations',
    );
    expect(self.body.errors).toEqual([
      expect.objectContaining({ pointer: '/parentId', code: 'same-organization' }),
    ]);

    const first = await errorsOf(
      { memberId: lower, parentId: upper, kind: 'member-of' },
      '/api/network/affiliations',
    );
    expect(first.status).toBe(201);
    const cycle = await errorsOf(
      { memberId: upper, parentId: lower, kind: 'member-of' },
      '/api/network/affiliations',
    );
    expect(cycle.status).toBe(409);
    expect(cycle.body.errors).toEqual([
      expect.objectContaining({ pointer: '/parentId', code: 'affiliation-cycle' }),
    ]);
  });

  it('a tie ended before it started names the start; a stale version is its own problem type', async () => {
    const member = await api.createOrganization({ name: 'Ending Codes Cooperative' });
    const parent = await api.createOrganization({ name: 'Ending Codes Federation' });
    const created = await errorsOf(
      { memberId: member, parentId: parent, kind: 'member-of', startedOn: '2024-05-01' },
      '/api/network/affiliations',
    );
    const ended = await errorsOf(
      { version: created.body.version, endedOn: '2024-01-01' },
      `/api/network/affiliations/${created.body.id}`,
      'PATCH',
    );
    expect(ended.status).toBe(400);
    expect(ended.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/endedOn',
        code: 'end-before-start',
        params: { start: '2024-05-01' },
      }),
    ]);

    const stale = await errorsOf(
      { version: 99, name: 'Renamed' },
      `/api/network/organizations/${member}`,
      'PATCH',
    );
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('urn:intercoop:problem:stale-version');
    expect(stale.body.current.version).toBe(1);
  });

  it('documents the codes in the OpenAPI problem schema', async () => {
    const document = (await api.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const fieldError = document.components.schemas.FieldError;
    expect(fieldError.required).toEqual(expect.arrayContaining(['pointer', 'detail', 'code']));
    expect(fieldError.properties.code.enum).toEqual(
      expect.arrayContaining([
        'required',
        'too-long',
        'organization-not-found',
        'affiliation-cycle',
      ]),
    );
    expect(fieldError.properties.code.description).toMatch(/too-long \{maximum\}/);
  });
});

it('has words in the web app for every code but the catch-all', async () => {
  const catalogue = JSON.parse(
    await readFile(new URL('../../../web/src/i18n/en.json', import.meta.url), 'utf8'),
  ) as Record<string, string>;
  const missing = fieldErrorCodes().filter(
    (code) => code !== 'invalid' && catalogue[`form.error.${code}`] === undefined,
  );
  expect(missing).toEqual([]);
});
