// KPI reports through the HTTP API: an organization saves and submits its period's values, network
// staff validate or return them, a correction after validation is a revision that keeps the old
// values with who, when and why; nobody else reads an organization's figures; bad values store
// nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, countRows, startTestApi, type TestApi } from '../../../test/test-api.ts';
import type { Report } from './schemas.ts';

let api: TestApi;
let cooperative: string;
let other: string;
let admin: Agent;
let memberOfIt: Agent;
let otherAdmin: Agent;
let staff: Agent;

const indicator = (code: string, fields: Record<string, unknown>) => ({
  code,
  names: { en: code },
  direction: 'higher-is-better',
  periodicity: 'month',
  aggregation: 'sum',
  ...fields,
});

const url = (organizationId: string, period: string, step = '') =>
  `/api/kpi/organizations/${organizationId}/reports/${period}${step ? `/${step}` : ''}`;

async function save(agent: Agent, period: string, body: Record<string, unknown>, status: number) {
  const response = await agent.request({
    method: 'PUT',
    url: url(cooperative, period),
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

async function stepOf(
  agent: Agent,
  period: string,
  step: string,
  body: Record<string, unknown>,
  status = 200,
) {
  const response = await agent.request({
    method: 'POST',
    url: url(cooperative, period, step),
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

const march = [
  { indicator: 'members', value: '40' },
  { indicator: 'revenue', amount: '125000.50', currency: 'INR' },
  { indicator: 'uptime', value: '98.5' },
];

beforeAll(async () => {
  api = await startTestApi();
  cooperative = await api.createOrganization({ name: 'Reporting Cooperative' });
  other = await api.createOrganization({ name: 'Neighbouring Cooperative' });
  admin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: cooperative },
  ]);
  memberOfIt = await api.createAccount([
    { role: 'organization-member', scopeType: 'organization', scopeId: cooperative },
  ]);
  otherAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: other },
  ]);
  staff = await api.createAccount([{ role: 'network-staff', scopeType: 'network', scopeId: null }]);
  for (const body of [
    indicator('members', { unit: 'people', aggregation: 'latest-sum', minValue: 0 }),
    indicator('revenue', { unit: 'currency', minValue: 0 }),
    indicator('uptime', { unit: 'percent', aggregation: 'median', minValue: 0, maxValue: 100 }),
    indicator('equity', { unit: 'currency', periodicity: 'year' }),
    {
      ...indicator('per_member', { unit: 'currency', formula: 'revenue / members' }),
      aggregation: undefined,
    },
  ]) {
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/kpi/indicators',
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(201);
  }
});

afterAll(async () => {
  await api.close();
});

describe('a KPI report', () => {
  let report: Report;

  it('is saved as a draft by the organization’s admin, exactly as sent', async () => {
    report = await save(admin, '2026-03', { values: march }, 201);
    expect(report).toMatchObject({
      organizationId: cooperative,
      period: '2026-03',
      periodicity: 'month',
      status: 'draft',
      revision: 0,
    });
    expect(report.values).toEqual([
      { indicator: 'members', value: '40', amount: null, currency: null },
      { indicator: 'revenue', value: null, amount: '125000.50', currency: 'INR' },
      { indicator: 'uptime', value: '98.5', amount: null, currency: null },
    ]);
    const again = await save(admin, '2026-03', { values: march }, 409);
    expect(again.current.version).toBe(report.version);
    report = await save(
      admin,
      '2026-03',
      { values: march.slice(0, 2), version: report.version },
      200,
    );
    expect(report.values.map((value) => value.indicator)).toEqual(['members', 'revenue']);
  });

  it('is read by its own people and network staff only', async () => {
    for (const agent of [admin, memberOfIt, staff]) {
      const response = await agent.request({ method: 'GET', url: url(cooperative, '2026-03') });
      expect(response.statusCode, response.body).toBe(200);
    }
    const refused = await otherAdmin.request({ method: 'GET', url: url(cooperative, '2026-03') });
    expect(refused.statusCode).toBe(403);
    const anonymous = await api.app.inject({ method: 'GET', url: url(cooperative, '2026-03') });
    expect([401, 403]).toContain(anonymous.statusCode);
  });

  it('is saved and submitted only by its organization, never by another or by a member', async () => {
    const before = await countRows(api.database, 'kpi_report');
    for (const agent of [otherAdmin, memberOfIt]) {
      const response = await agent.request({
        method: 'PUT',
        url: url(cooperative, '2026-04'),
        payload: { values: march },
      });
      expect(response.statusCode).toBe(403);
      const submit = await agent.request({
        method: 'POST',
        url: url(cooperative, '2026-03', 'submit'),
        payload: { version: report.version },
      });
      expect(submit.statusCode).toBe(403);
    }
    expect(await countRows(api.database, 'kpi_report')).toBe(before);
  });

  it('goes to staff, who return it with a comment, and back', async () => {
    report = await stepOf(admin, '2026-03', 'submit', { version: report.version });
    expect(report.status).toBe('submitted');
    // Submitted, it waits: no more saving, and its organization cannot validate it.
    const blocked = await save(admin, '2026-03', { values: march, version: report.version }, 409);
    expect(blocked.detail).toContain('submitted');
    await stepOf(admin, '2026-03', 'validate', { version: report.version }, 403);
    report = await stepOf(staff, '2026-03', 'return', {
      version: report.version,
      comment: 'Uptime is missing.',
    });
    expect(report).toMatchObject({ status: 'returned', returnComment: 'Uptime is missing.' });
    report = await save(admin, '2026-03', { values: march, version: report.version }, 200);
    expect(report).toMatchObject({ status: 'draft', returnComment: null });
    report = await stepOf(admin, '2026-03', 'submit', { version: report.version });
    report = await stepOf(staff, '2026-03', 'validate', { version: report.version });
    expect(report.status).toBe('validated');
  });

  it('is corrected after validation by a revision that keeps the old values, who, when and why', async () => {
    const refused = await save(admin, '2026-03', { values: march, version: report.version }, 409);
    expect(refused.detail).toContain('revision');
    const noReason = await stepOf(
      admin,
      '2026-03',
      'revise',
      { version: report.version, values: march },
      400,
    );
    expect(noReason.errors[0].pointer).toBe('/reason');
    const corrected = march.map((value) =>
      value.indicator === 'members' ? { ...value, value: '42' } : value,
    );
    report = await stepOf(admin, '2026-03', 'revise', {
      version: report.version,
      values: corrected,
      reason: 'Two members joined on the last day of March.',
    });
    expect(report).toMatchObject({ status: 'submitted', revision: 1 });
    const revision = report.history.at(-1);
    expect(revision).toMatchObject({
      action: 'revise',
      revision: 1,
      reason: 'Two members joined on the last day of March.',
    });
    expect(revision?.valuesBefore?.find((value) => value.indicator === 'members')?.value).toBe(
      '40',
    );
    expect(revision?.valuesAfter?.find((value) => value.indicator === 'members')?.value).toBe('42');
    expect(report.history.map((event) => event.action)).toEqual([
      'save',
      'save',
      'submit',
      'return',
      'save',
      'submit',
      'validate',
      'revise',
    ]);
  });

  it('refuses a stale step with the current copy, and two steps at once take effect once', async () => {
    const stale = await stepOf(staff, '2026-03', 'validate', { version: report.version - 1 }, 409);
    expect(stale.current.version).toBe(report.version);
    const [first, second] = await Promise.all([
      staff.request({
        method: 'POST',
        url: url(cooperative, '2026-03', 'validate'),
        payload: { version: report.version },
      }),
      staff.request({
        method: 'POST',
        url: url(cooperative, '2026-03', 'validate'),
        payload: { version: report.version },
      }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const events = await api.database.pool.query(
      `select count(*) from kpi_report_event where action = 'validate' and report_id = $1`,
      [report.id],
    );
    expect(Number(events.rows[0].count)).toBe(2);
  });

  it('refuses bad values, says which and why, and stores nothing', async () => {
    const reports = await countRows(api.database, 'kpi_report');
    const values = await countRows(api.database, 'kpi_report_value');
    const bad = await save(
      admin,
      '2026-05',
      {
        values: [
          { indicator: 'members', value: '40.5' },
          { indicator: 'revenue', value: '100' },
          { indicator: 'uptime', value: '101' },
          { indicator: 'equity', amount: '10', currency: 'INR' },
          { indicator: 'per_member', amount: '10', currency: 'INR' },
          { indicator: 'nowhere', value: '1' },
        ],
      },
      400,
    );
    expect(
      bad.errors.map(
        (error: { pointer: string; code: string }) => `${error.pointer} ${error.code}`,
      ),
    ).toEqual([
      '/values/0/value whole-number-required',
      '/values/1/amount currency-required',
      '/values/2/value out-of-range',
      '/values/3/indicator wrong-periodicity',
      '/values/4/indicator indicator-computed',
      '/values/5/indicator indicator-unknown',
    ]);
    const shape = await save(
      admin,
      '2026-05',
      {
        values: [
          { indicator: 'members', value: '1e3' },
          { indicator: 'members', value: '2' },
          { indicator: 'revenue', amount: '1.005', currency: 'INR' },
          { indicator: 'revenue', amount: '1', currency: 'XXX' },
        ],
      },
      400,
    );
    expect(shape.errors.map((error: { code: string }) => error.code)).toEqual(
      expect.arrayContaining(['duplicate']),
    );
    const money = await save(
      admin,
      '2026-06',
      { values: [{ indicator: 'revenue', amount: '1.005', currency: 'INR' }] },
      400,
    );
    expect(money.errors[0]).toMatchObject({
      pointer: '/values/0/amount',
      code: 'too-many-decimals',
    });
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: url(cooperative, '2026-13'),
          payload: { values: [] },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: url(cooperative, '26-03'),
          payload: { values: [] },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: url(cooperative, '2026-07'),
          payload: {
            values: Array.from({ length: 201 }, () => ({ indicator: 'members', value: '1' })),
          },
        })
      ).statusCode,
    ).toBe(400);
    expect(await countRows(api.database, 'kpi_report')).toBe(reports);
    expect(await countRows(api.database, 'kpi_report_value')).toBe(values);
  });

  it('is reported by a write token of its organization, and no other token', async () => {
    const token = async (organizationId: string, agent: Agent, access: 'read' | 'write') => {
      const response = await agent.request({
        method: 'POST',
        url: '/api/accounts/tokens',
        payload: { name: `kpi ${access} ${organizationId.slice(0, 8)}`, organizationId, access },
      });
      expect(response.statusCode, response.body).toBe(201);
      return { authorization: `Bearer ${response.json().token}` };
    };
    const write = await token(cooperative, admin, 'write');
    const read = await token(cooperative, admin, 'read');
    const elsewhere = await token(other, otherAdmin, 'write');
    const body = { values: [{ indicator: 'members', value: '41' }] };
    const put = (headers: Record<string, string>) =>
      api.app.inject({ method: 'PUT', url: url(cooperative, '2026-08'), headers, payload: body });
    expect((await put(read)).statusCode).toBe(403);
    expect((await put(elsewhere)).statusCode).toBe(403);
    expect((await put(write)).statusCode).toBe(201);
    const validate = await api.app.inject({
      method: 'POST',
      url: url(cooperative, '2026-08', 'validate'),
      headers: write,
      payload: { version: 1 },
    });
    expect(validate.statusCode).toBe(403);
  });
});
