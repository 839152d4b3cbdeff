// The KPI catalogue through the HTTP API: only network admins add and change indicators; formulas
// are checked against the whole catalogue (unknown codes, cycles, anything but arithmetic); a
// stale edit gets 409 with the current copy; bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, countRows, startTestApi, type TestApi } from '../../../test/test-api.ts';
import type { Indicator } from './schemas.ts';

let api: TestApi;
let organizationAdmin: Agent;
let member: Agent;

const revenue = {
  code: 'revenue',
  names: { en: 'Revenue', fr: 'Chiffre d’affaires', es: 'Ingresos', hi: 'राजस्व' },
  unit: 'currency',
  direction: 'higher-is-better',
  periodicity: 'month',
  aggregation: 'sum',
  minValue: 0,
};
const surplus = { ...revenue, code: 'surplus', names: { en: 'Surplus' }, minValue: null };
const members = {
  ...revenue,
  code: 'members',
  names: { en: 'Members' },
  unit: 'people',
  aggregation: 'latest-sum',
};

async function create(body: Record<string, unknown>, agent: Agent = api.admin, status = 201) {
  const response = await agent.request({
    method: 'POST',
    url: '/api/kpi/indicators',
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

async function read(code: string): Promise<Indicator> {
  const response = await api.app.inject({ method: 'GET', url: `/api/kpi/indicators/${code}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  api = await startTestApi();
  const organization = await api.createOrganization({ name: 'Catalogue Test Cooperative' });
  organizationAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: organization },
  ]);
  member = await api.createAccount([
    { role: 'organization-member', scopeType: 'organization', scopeId: organization },
  ]);
  await create(revenue);
  await create(surplus);
  await create(members);
});

afterAll(async () => {
  await api.close();
});

describe('the KPI catalogue', () => {
  it('takes an indicator from a network admin, with its names, and shows it to anyone', async () => {
    const created = await read('revenue');
    expect(created).toMatchObject({
      code: 'revenue',
      names: revenue.names,
      unit: 'currency',
      aggregation: 'sum',
      formula: null,
      inputs: [],
      archived: false,
      version: 1,
    });
    const list = await api.app.inject({ method: 'GET', url: '/api/kpi/indicators' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: Indicator) => item.code)).toEqual(
      expect.arrayContaining(['members', 'revenue', 'surplus']),
    );
  });

  it('refuses the catalogue to everyone but network admins, and changes nothing', async () => {
    const before = await countRows(api.database, 'kpi_indicator');
    const body = { ...revenue, code: 'equity' };
    expect(
      (
        await organizationAdmin.request({
          method: 'POST',
          url: '/api/kpi/indicators',
          payload: body,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await member.request({ method: 'POST', url: '/api/kpi/indicators', payload: body }))
        .statusCode,
    ).toBe(403);
    const anonymous = await api.app.inject({
      method: 'POST',
      url: '/api/kpi/indicators',
      payload: body,
    });
    expect([401, 403]).toContain(anonymous.statusCode);
    const current = await read('revenue');
    const change = await organizationAdmin.request({
      method: 'PUT',
      url: '/api/kpi/indicators/revenue',
      payload: { ...revenue, code: undefined, names: { en: 'Takings' }, version: current.version },
    });
    expect(change.statusCode).toBe(403);
    expect(await countRows(api.database, 'kpi_indicator')).toBe(before);
    expect((await read('revenue')).names.en).toBe('Revenue');
  });

  it('computes a formula from other indicators, written back in one spelling', async () => {
    const margin = await create({
      code: 'surplus_margin',
      names: { en: 'Surplus margin' },
      unit: 'percent',
      direction: 'higher-is-better',
      periodicity: 'month',
      formula: '(surplus)/revenue*100',
    });
    expect(margin).toMatchObject({
      formula: 'surplus / revenue * 100',
      inputs: ['surplus', 'revenue'],
      aggregation: null,
    });
  });

  it('refuses formulas that name unknown indicators, come back to themselves or hold code', async () => {
    const before = await countRows(api.database, 'kpi_indicator');
    const base = {
      names: { en: 'Broken' },
      unit: 'ratio',
      direction: 'higher-is-better',
      periodicity: 'month',
    };
    const unknown = await create(
      { ...base, code: 'broken_a', formula: 'surplus / equity' },
      api.admin,
      400,
    );
    expect(unknown.errors).toEqual([
      expect.objectContaining({
        pointer: '/formula',
        code: 'indicator-unknown',
        params: { codes: 'equity' },
      }),
    ]);
    const itself = await create(
      { ...base, code: 'broken_b', formula: 'broken_b + 1' },
      api.admin,
      400,
    );
    expect(itself.errors[0]).toMatchObject({
      code: 'formula-cycle',
      params: { path: 'broken_b → broken_b' },
    });
    for (const [formula, what] of [
      ['process.exit()', '()'],
      ['constructor.constructor("x")()', '()'],
      ['surplus > revenue', '>'],
      ['"1"', '"1"'],
    ] as const) {
      const refused = await create({ ...base, code: 'broken_c', formula }, api.admin, 400);
      expect(refused.errors[0], formula).toMatchObject({
        code: 'formula-not-allowed',
        params: { what },
      });
    }
    const syntax = await create(
      { ...base, code: 'broken_d', formula: 'surplus /' },
      api.admin,
      400,
    );
    expect(syntax.errors[0]).toMatchObject({ code: 'formula-syntax', params: { at: 10 } });
    expect(await countRows(api.database, 'kpi_indicator')).toBe(before);
  });

  it('refuses a change that would close a cycle between two formulas', async () => {
    await create({
      code: 'cycle_a',
      names: { en: 'A' },
      unit: 'ratio',
      direction: 'higher-is-better',
      periodicity: 'month',
      formula: 'revenue * 2',
    });
    await create({
      code: 'cycle_b',
      names: { en: 'B' },
      unit: 'ratio',
      direction: 'higher-is-better',
      periodicity: 'month',
      formula: 'cycle_a + 1',
    });
    const current = await read('cycle_a');
    const response = await api.admin.request({
      method: 'PUT',
      url: '/api/kpi/indicators/cycle_a',
      payload: {
        names: { en: 'A' },
        unit: 'ratio',
        direction: 'higher-is-better',
        periodicity: 'month',
        formula: 'cycle_b / 2',
        version: current.version,
      },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors[0]).toMatchObject({
      code: 'formula-cycle',
      params: { path: 'cycle_a → cycle_b → cycle_a' },
    });
    expect((await read('cycle_a')).formula).toBe('revenue * 2');
  });

  it('checks the fields against each other, all errors at once', async () => {
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/kpi/indicators',
      payload: {
        code: 'Bad Code',
        names: { fr: 'Sans anglais' },
        unit: 'bananas',
        direction: 'up',
        periodicity: 'week',
        aggregation: 'weighted-average',
        minValue: 10,
        maxValue: 1,
      },
    });
    expect(response.statusCode).toBe(400);
    const codes = response
      .json()
      .errors.map((error: { pointer: string; code: string }) => `${error.pointer} ${error.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        '/code invalid-format',
        '/names english-required',
        '/unit invalid-option',
        '/direction invalid-option',
        '/periodicity invalid-option',
      ]),
    );
    const shape = await create(
      { ...revenue, code: 'weighted', aggregation: 'weighted-average', minValue: 10, maxValue: 1 },
      api.admin,
      400,
    );
    expect(shape.errors.map((error: { code: string }) => error.code)).toEqual(
      expect.arrayContaining(['weight-mismatch', 'range-inverted']),
    );
    const both = await create({ ...revenue, code: 'both', formula: 'revenue * 2' }, api.admin, 400);
    expect(both.errors[0]).toMatchObject({
      pointer: '/aggregation',
      code: 'aggregation-not-allowed',
    });
    const neither = await create(
      { ...revenue, code: 'neither', aggregation: undefined },
      api.admin,
      400,
    );
    expect(neither.errors[0]).toMatchObject({
      pointer: '/aggregation',
      code: 'aggregation-required',
    });
  });

  it('weighs an average by another indicator that exists, never by itself', async () => {
    const weighted = { ...revenue, unit: 'percent', aggregation: 'weighted-average' };
    const itself = await create(
      { ...weighted, code: 'attendance', weightCode: 'attendance' },
      api.admin,
      400,
    );
    expect(itself.errors[0]).toMatchObject({ pointer: '/weightCode', code: 'weight-itself' });
    const missing = await create(
      { ...weighted, code: 'attendance', weightCode: 'nobody' },
      api.admin,
      400,
    );
    expect(missing.errors[0]).toMatchObject({ pointer: '/weightCode', code: 'indicator-unknown' });
    const good = await create({ ...weighted, code: 'attendance', weightCode: 'members' });
    expect(good.weightCode).toBe('members');
  });

  it('refuses a code already in the catalogue with the indicator that holds it', async () => {
    const before = await countRows(api.database, 'kpi_indicator');
    const taken = await create({ ...revenue, names: { en: 'Another revenue' } }, api.admin, 409);
    expect(taken.current).toMatchObject({ code: 'revenue', names: revenue.names });
    expect(await countRows(api.database, 'kpi_indicator')).toBe(before);
  });

  it('changes an indicator at the version read, and refuses a stale edit with the current copy', async () => {
    const current = await read('surplus');
    const { code: _code, ...fields } = surplus;
    const changed = await api.admin.request({
      method: 'PUT',
      url: '/api/kpi/indicators/surplus',
      payload: {
        ...fields,
        names: { en: 'Net surplus', fr: 'Excédent net' },
        version: current.version,
      },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      names: { en: 'Net surplus' },
      version: current.version + 1,
    });
    const stale = await api.admin.request({
      method: 'PUT',
      url: '/api/kpi/indicators/surplus',
      payload: { ...fields, names: { en: 'Lost edit' }, version: current.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ names: { en: 'Net surplus' } });
    expect((await read('surplus')).names.en).toBe('Net surplus');
  });

  it('archives an indicator only when no formula or weight still reads it', async () => {
    const { code: _code, ...fields } = members;
    const current = await read('members');
    const refused = await api.admin.request({
      method: 'PUT',
      url: '/api/kpi/indicators/members',
      payload: { ...fields, archived: true, version: current.version },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('attendance');
    expect((await read('members')).archived).toBe(false);

    await create({ ...revenue, code: 'old_figure', names: { en: 'Old figure' } });
    const old = await read('old_figure');
    const { code: _old, ...oldFields } = revenue;
    const archived = await api.admin.request({
      method: 'PUT',
      url: '/api/kpi/indicators/old_figure',
      payload: { ...oldFields, names: { en: 'Old figure' }, archived: true, version: old.version },
    });
    expect(archived.statusCode, archived.body).toBe(200);
    const list = await api.app.inject({ method: 'GET', url: '/api/kpi/indicators' });
    expect(list.json().items.map((item: Indicator) => item.code)).not.toContain('old_figure');
    const archivedList = await api.app.inject({
      method: 'GET',
      url: '/api/kpi/indicators?archived=true',
    });
    expect(archivedList.json().items.map((item: Indicator) => item.code)).toEqual(['old_figure']);
  });

  it('answers a missing indicator, a bad code and hostile input with 4xx, never 5xx', async () => {
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/kpi/indicators/nothing_here' })).statusCode,
    ).toBe(404);
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/kpi/indicators/DROP%20TABLE' })).statusCode,
    ).toBe(400);
    const oversized = await api.admin.request({
      method: 'POST',
      url: '/api/kpi/indicators',
      payload: { ...revenue, code: 'big', names: { en: 'x'.repeat(70_000) } },
    });
    expect(oversized.statusCode).toBe(413);
    const markup = await create(
      { ...revenue, code: 'marked', names: { en: '<script>alert(1)</script>' } },
      api.admin,
      400,
    );
    expect(markup.errors[0]).toMatchObject({ pointer: '/names/en', code: 'markup' });
    const unknownField = await create({ ...revenue, code: 'extra', owner: 'me' }, api.admin, 400);
    expect(unknownField.errors[0]).toMatchObject({ code: 'unknown-field' });
    const malformed = await api.admin.request({
      method: 'POST',
      url: '/api/kpi/indicators',
      headers: { 'content-type': 'application/json' },
      payload: '{"code": "half',
    });
    expect(malformed.statusCode).toBe(400);
  });

  it('keeps who changed the catalogue in the audit log', async () => {
    const response = await api.admin.request({
      method: 'GET',
      url: '/api/audit/entries?entityType=indicator',
    });
    expect(response.statusCode, response.body).toBe(200);
    const actions = response.json().items.map((item: { action: string }) => item.action);
    expect(actions).toEqual(expect.arrayContaining(['create-indicator', 'update-indicator']));
  });
});
