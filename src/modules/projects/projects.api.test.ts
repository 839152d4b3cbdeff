// Projects and the network's impact through the HTTP API: who may start and edit a project,
// versions, participants and roles, figures with units and currencies, the impact roll-ups
// (a multi-country project counted once; money never added across currencies), bad input that
// changes nothing, and the check that totals equal the sum of results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, countRows, startTestApi, type TestApi } from '../../../test/test-api.ts';
import { compareImpactTotals } from './check-impact-totals.ts';
import { checkImpactTotals } from './index.ts';
import type { Impact, Project } from './schemas.ts';

let api: TestApi;
let lead: string;
let funder: string;
let outsider: string;
let leadAdmin: Agent;
let outsiderAdmin: Agent;
let member: Agent;
let miniGrid: Project;
let farm: Project;
const tag = `p${Date.now().toString(36)}`;

async function read(id: string): Promise<Project> {
  const response = await api.app.inject({ method: 'GET', url: `/api/projects/${id}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function record(
  agent: Agent,
  id: string,
  figure: Record<string, unknown>,
  status = 201,
): Promise<Project> {
  const current = await read(id);
  const response = await agent.request({
    method: 'POST',
    url: `/api/projects/${id}/figures`,
    payload: { version: current.version, kind: 'result', ...figure },
  });
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

/** Network staff start a project; it comes back as created. */
async function startProject(payload: Record<string, unknown>): Promise<Project> {
  const response = await api.admin.request({
    method: 'POST',
    url: '/api/projects',
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function impact(query: string): Promise<Impact> {
  const response = await api.app.inject({ method: 'GET', url: `/api/projects/impact?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const total = (list: Impact['totals'], indicator: string, currency: string | null = null) =>
  list.find((entry) => entry.indicator === indicator && entry.currency === currency);

beforeAll(async () => {
  api = await startTestApi();
  lead = await api.createOrganization({ name: `Mini-grid Cooperative ${tag}`, country: 'LR' });
  funder = await api.createOrganization({ name: `Development Fund ${tag}`, country: 'US' });
  outsider = await api.createOrganization({ name: `Outsider Cooperative ${tag}`, country: 'KE' });
  leadAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: lead },
  ]);
  outsiderAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: outsider },
  ]);
  member = await api.createAccount([
    { role: 'organization-member', scopeType: 'organization', scopeId: lead },
  ]);
});
afterAll(async () => {
  await api?.close();
});

describe('projects', () => {
  it('network staff start a project with countries and participants in several roles', async () => {
    const audits = await countRows(api.database, 'platform_audit_entry');
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/projects',
      payload: {
        title: `West African mini-grids ${tag}`,
        summary: 'Solar mini-grids run by electric cooperatives.',
        sector: 'energy-utilities',
        status: 'active',
        startedOn: '2019-01-01',
        countries: ['LR', 'SL'],
        sources: ['https://example.org/mini-grids'],
        participants: [
          { organizationId: lead, role: 'lead' },
          { organizationId: lead, role: 'beneficiary' },
          { organizationId: funder, role: 'funder', note: 'Grant.' },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    miniGrid = response.json();
    expect(response.headers.location).toBe(`/api/projects/${miniGrid.id}`);
    expect(miniGrid).toMatchObject({
      status: 'active',
      sector: 'energy-utilities',
      startedOn: '2019-01-01',
      endedOn: null,
      countries: ['LR', 'SL'],
      version: 1,
      isDemo: false,
      targets: [],
      results: [],
    });
    expect(miniGrid.participants.map((entry) => [entry.organizationId, entry.role])).toEqual([
      [lead, 'lead'],
      [funder, 'funder'],
      [lead, 'beneficiary'],
    ]);
    expect(await countRows(api.database, 'platform_audit_entry')).toBe(audits + 1);

    farm = await startProject({
      title: `Kenyan farm training ${tag}`,
      sector: 'agriculture',
      countries: ['KE'],
      participants: [{ organizationId: outsider, role: 'lead' }],
    });
    expect(farm.status).toBe('planned');
  });

  it('refuses to start a project without a lead of the admin’s own, and changes nothing', async () => {
    const before = await countRows(api.database, 'network_project');
    const payload = { title: `Nope ${tag}`, sector: 'other', countries: ['KE'] };
    const anonymous = await api.app.inject({
      method: 'POST',
      url: '/api/projects',
      payload,
    });
    expect(anonymous.statusCode).toBe(401);
    for (const agent of [leadAdmin, member]) {
      const response = await agent.request({
        method: 'POST',
        url: '/api/projects',
        payload,
      });
      expect(response.statusCode).toBe(403);
    }
    expect(await countRows(api.database, 'network_project')).toBe(before);
  });

  it('lists projects by filter, a page at a time', async () => {
    const list = async (query: string) => {
      const response = await api.app.inject({
        method: 'GET',
        url: `/api/projects?${query}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: { id: string }[]; nextCursor: string | null };
    };
    const ids = async (query: string) => (await list(query)).items.map((item) => item.id);
    expect(await ids(`q=${tag}`)).toEqual([farm.id, miniGrid.id]);
    expect(await ids(`q=${tag}&country=SL`)).toEqual([miniGrid.id]);
    expect(await ids(`q=${tag}&sector=agriculture`)).toEqual([farm.id]);
    expect(await ids(`q=${tag}&status=active`)).toEqual([miniGrid.id]);
    expect(await ids(`organizationId=${funder}`)).toEqual([miniGrid.id]);
    expect(await ids(`q=mini-grids%20${tag}`)).toEqual([miniGrid.id]);
    const first = await list(`q=${tag}&limit=1`);
    expect(first.items.map((item) => item.id)).toEqual([farm.id]);
    const next = await list(`q=${tag}&limit=1&cursor=${first.nextCursor}`);
    expect(next.items.map((item) => item.id)).toEqual([miniGrid.id]);
    expect(next.nextCursor).toBeNull();
    const bad = await api.app.inject({ method: 'GET', url: '/api/projects?cursor=abc' });
    expect(bad.statusCode).toBe(400);
  });

  it('lets the lead’s admins edit with the version they read; a stale version gets the current copy', async () => {
    const edited = await leadAdmin.request({
      method: 'PATCH',
      url: `/api/projects/${miniGrid.id}`,
      payload: { version: 1, title: `West African solar mini-grids ${tag}`, endedOn: '2023-12-31' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, endedOn: '2023-12-31' });

    const stale = await api.admin.request({
      method: 'PATCH',
      url: `/api/projects/${miniGrid.id}`,
      payload: { version: 1, status: 'cancelled' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ version: 2, status: 'active' });

    const backwards = await leadAdmin.request({
      method: 'PATCH',
      url: `/api/projects/${miniGrid.id}`,
      payload: { version: 2, startedOn: '2024-06-01' },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].pointer).toBe('/endedOn');

    for (const [agent, status] of [
      [outsiderAdmin, 403],
      [member, 403],
    ] as const) {
      const response = await agent.request({
        method: 'PATCH',
        url: `/api/projects/${miniGrid.id}`,
        payload: { version: 2, status: 'cancelled' },
      });
      expect(response.statusCode).toBe(status);
    }
    const anonymous = await api.app.inject({
      method: 'PATCH',
      url: `/api/projects/${miniGrid.id}`,
      payload: { version: 2, status: 'cancelled' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await read(miniGrid.id)).status).toBe('active');
    // The outsider leads the other project: its admin edits that one.
    const own = await outsiderAdmin.request({
      method: 'PATCH',
      url: `/api/projects/${farm.id}`,
      payload: { version: 1, status: 'active', summary: 'Farmer field schools.' },
    });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('adds participants; an organization may hold several roles, each once', async () => {
    const current = await read(miniGrid.id);
    const added = await leadAdmin.request({
      method: 'POST',
      url: `/api/projects/${miniGrid.id}/participants`,
      payload: { version: current.version, organizationId: outsider, role: 'offtaker' },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().participants).toContainEqual(
      expect.objectContaining({ organizationId: outsider, role: 'offtaker' }),
    );
    const again = await leadAdmin.request({
      method: 'POST',
      url: `/api/projects/${miniGrid.id}/participants`,
      payload: { version: added.json().version, organizationId: outsider, role: 'offtaker' },
    });
    expect(again.statusCode).toBe(409);
    const missing = await leadAdmin.request({
      method: 'POST',
      url: `/api/projects/${miniGrid.id}/participants`,
      payload: {
        version: added.json().version,
        organizationId: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e',
        role: 'funder',
      },
    });
    expect(missing.statusCode).toBe(400);
    // Taking part is not leading: the offtaker's admin still may not edit.
    const offtaker = await outsiderAdmin.request({
      method: 'POST',
      url: `/api/projects/${miniGrid.id}/participants`,
      payload: { version: added.json().version, organizationId: funder, role: 'beneficiary' },
    });
    expect(offtaker.statusCode).toBe(403);
  });

  it('records targets and results with their units, currencies, countries and years', async () => {
    await record(leadAdmin, miniGrid.id, {
      kind: 'target',
      indicator: 'households-connected',
      amount: '1000',
      period: 2023,
    });
    await record(leadAdmin, miniGrid.id, {
      indicator: 'households-connected',
      amount: '100',
      country: 'LR',
      period: 2021,
    });
    await record(leadAdmin, miniGrid.id, {
      indicator: 'households-connected',
      amount: '50',
      unit: 'households',
      country: 'SL',
      period: 2022,
    });
    // Not attributable to one country: shown once under "multi-country".
    await record(leadAdmin, miniGrid.id, {
      indicator: 'households-connected',
      amount: '30',
      country: null,
      period: 2022,
    });
    await record(api.admin, miniGrid.id, {
      indicator: 'money-mobilised',
      amount: '700000.00',
      currency: 'USD',
      period: 2021,
      source: 'https://example.org/grant',
    });
    await record(api.admin, miniGrid.id, {
      indicator: 'money-mobilised',
      amount: '250000000',
      currency: 'XOF',
      unit: 'XOF',
      country: 'LR',
      period: 2022,
    });
    await record(leadAdmin, miniGrid.id, {
      indicator: 'kwh-delivered',
      amount: '1234.5',
      country: 'LR',
      period: 2022,
    });
    // A one-country project: a figure without a country is that country's.
    const farmNow = await record(outsiderAdmin, farm.id, {
      indicator: 'households-connected',
      amount: '20',
      period: 2021,
    });
    expect(farmNow.results[0]).toMatchObject({ country: 'KE', unit: 'households', amount: '20' });
    await record(outsiderAdmin, farm.id, {
      indicator: 'money-mobilised',
      amount: '1500.5',
      currency: 'USD',
      period: 2022,
    });

    const project = await read(miniGrid.id);
    expect(project.targets).toEqual([
      expect.objectContaining({
        indicator: 'households-connected',
        amount: '1000',
        kind: 'target',
      }),
    ]);
    expect(project.results).toHaveLength(6);
    expect(project.results).toContainEqual(
      expect.objectContaining({
        indicator: 'money-mobilised',
        amount: '700000.00',
        currency: 'USD',
        unit: 'USD',
        country: null,
        period: 2021,
        source: 'https://example.org/grant',
      }),
    );
    expect(project.results).toContainEqual(
      expect.objectContaining({ amount: '250000000', currency: 'XOF', country: 'LR' }),
    );
    expect(project.results).toContainEqual(
      expect.objectContaining({ indicator: 'kwh-delivered', amount: '1234.5', unit: 'kWh' }),
    );
    // Each write moved the version on: a doubled submission of the same version is refused.
    const doubled = await leadAdmin.request({
      method: 'POST',
      url: `/api/projects/${miniGrid.id}/figures`,
      payload: {
        version: project.version - 1,
        kind: 'result',
        indicator: 'households-connected',
        amount: '30',
        period: 2022,
      },
    });
    expect(doubled.statusCode).toBe(409);
    expect((await read(miniGrid.id)).results).toHaveLength(6);
  });

  it('refuses figures from those who may not record them', async () => {
    const current = await read(miniGrid.id);
    const payload = {
      version: current.version,
      kind: 'result',
      indicator: 'jobs-created',
      amount: '5',
      period: 2022,
    };
    const url = `/api/projects/${miniGrid.id}/figures`;
    expect((await api.app.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
    expect((await member.request({ method: 'POST', url, payload })).statusCode).toBe(403);
    expect((await outsiderAdmin.request({ method: 'POST', url, payload })).statusCode).toBe(403);
    expect((await read(miniGrid.id)).version).toBe(current.version);
  });

  it('refuses bad figures with a pointer to the field, and stores nothing', async () => {
    const current = await read(miniGrid.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ indicator: 'households-connected', amount: '-5', period: 2022 }, '/amount'],
      [{ indicator: 'households-connected', amount: '2.5', period: 2022 }, '/amount'],
      [{ indicator: 'households-connected', amount: 12, period: 2022 }, '/amount'],
      [{ indicator: 'money-mobilised', amount: '100.00', period: 2022 }, '/currency'],
      [
        { indicator: 'money-mobilised', amount: '100.001', currency: 'USD', period: 2022 },
        '/amount',
      ],
      [{ indicator: 'money-mobilised', amount: '100.5', currency: 'XOF', period: 2022 }, '/amount'],
      [{ indicator: 'money-mobilised', amount: '100', currency: 'ABC', period: 2022 }, '/currency'],
      [
        { indicator: 'households-connected', amount: '5', currency: 'USD', period: 2022 },
        '/currency',
      ],
      [{ indicator: 'households-connected', amount: '5', unit: 'people', period: 2022 }, '/unit'],
      [{ indicator: 'trees-planted', amount: '5', period: 2022 }, '/indicator'],
      [{ indicator: 'jobs-created', amount: '5', country: 'KE', period: 2022 }, '/country'],
      [{ indicator: 'jobs-created', amount: '5', country: 'XX', period: 2022 }, '/country'],
      [{ indicator: 'jobs-created', amount: '5', period: 1800 }, '/period'],
    ];
    for (const [figure, pointer] of cases) {
      const response = await leadAdmin.request({
        method: 'POST',
        url: `/api/projects/${miniGrid.id}/figures`,
        payload: { version: current.version, kind: 'result', ...figure },
      });
      expect(response.statusCode, JSON.stringify(figure)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(
        response.json().errors.map((error: { pointer: string }) => error.pointer),
        JSON.stringify(figure),
      ).toContain(pointer);
    }
    const after = await read(miniGrid.id);
    expect(after.version).toBe(current.version);
    expect(after.results).toHaveLength(current.results.length);
  });

  it('keeps a country while figures are recorded for it', async () => {
    const current = await read(miniGrid.id);
    const response = await leadAdmin.request({
      method: 'PATCH',
      url: `/api/projects/${miniGrid.id}`,
      payload: { version: current.version, countries: ['LR'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('/countries');
    expect((await read(miniGrid.id)).countries).toEqual(['LR', 'SL']);
    const widened = await leadAdmin.request({
      method: 'PATCH',
      url: `/api/projects/${miniGrid.id}`,
      payload: { version: current.version, countries: ['LR', 'SL', 'GN'] },
    });
    expect(widened.statusCode, widened.body).toBe(200);
    expect(widened.json().countries).toEqual(['GN', 'LR', 'SL']);
  });

  it('lists each project with its leads and its results summed per indicator and currency', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: `/api/projects?q=${tag}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as {
      id: string;
      isDemo: boolean;
      leads: { organizationId: string; organizationName: string }[];
      resultTotals: { indicator: string; unit: string; amount: string; currency: string | null }[];
    }[];
    const listed = items.find((item) => item.id === miniGrid.id);
    // Whether it is demonstration data, which the list marks as project pages do.
    expect(listed?.isDemo).toBe(false);
    expect(listed?.leads).toEqual([
      { organizationId: lead, organizationName: `Mini-grid Cooperative ${tag}` },
    ]);
    // The same sums as adding each project's own results, exactly (as scaled integers).
    for (const project of [miniGrid, farm]) {
      const item = items.find((entry) => entry.id === project.id);
      const { results } = await read(project.id);
      expect(results.length).toBeGreaterThan(0);
      const expected = new Map<string, { unit: string; minor: bigint; decimals: number }>();
      for (const result of results) {
        const key = `${result.indicator} ${result.currency}`;
        const [whole, fraction = ''] = result.amount.split('.');
        const entry = expected.get(key) ?? { unit: result.unit, minor: 0n, decimals: 0 };
        const decimals = Math.max(entry.decimals, fraction.length);
        entry.minor =
          entry.minor * 10n ** BigInt(decimals - entry.decimals) +
          BigInt(whole + fraction) * 10n ** BigInt(decimals - fraction.length);
        entry.decimals = decimals;
        expected.set(key, entry);
      }
      expect(item?.resultTotals).toHaveLength(expected.size);
      for (const total of item?.resultTotals ?? []) {
        const entry = expected.get(`${total.indicator} ${total.currency}`);
        expect(entry?.unit).toBe(total.unit);
        const [whole, fraction = ''] = total.amount.split('.');
        const scaled =
          BigInt(whole + fraction) * 10n ** BigInt((entry?.decimals ?? 0) - fraction.length);
        expect(scaled, total.indicator).toBe(entry?.minor);
      }
    }
    expect(listed?.resultTotals.find((total) => total.currency === 'USD')?.amount).toMatch(
      /^\d+\.\d\d$/,
    );
    const farmItem = items.find((item) => item.id === farm.id);
    expect(farmItem?.leads.map((entry) => entry.organizationId)).toEqual([outsider]);
  });
});

describe('impact', () => {
  it('sums results by indicator, money per currency, targets apart', async () => {
    const result = await impact(`by=indicator&organizationId=${lead}`);
    expect(result.rule).toMatch(/multi-country/);
    expect(total(result.totals, 'households-connected')).toMatchObject({
      amount: '180',
      unit: 'households',
      results: 3,
      projects: 1,
    });
    expect(total(result.totals, 'money-mobilised', 'USD')).toMatchObject({
      amount: '700000.00',
      unit: 'USD',
    });
    expect(total(result.totals, 'money-mobilised', 'XOF')).toMatchObject({ amount: '250000000' });
    expect(result.totals.filter((entry) => entry.indicator === 'money-mobilised')).toHaveLength(2);
    expect(result.groups.map((group) => group.key)).toEqual([
      'households-connected',
      'kwh-delivered',
      'money-mobilised',
    ]);
    const targets = await impact(`by=indicator&kind=target&organizationId=${lead}`);
    expect(targets.totals).toEqual([expect.objectContaining({ amount: '1000', results: 1 })]);
  });

  it('shows a multi-country project per country, with unattributed results once under multi-country', async () => {
    const result = await impact('by=country&indicator=households-connected');
    const byKey = Object.fromEntries(
      result.groups.map((group) => [group.key, group.totals[0]?.amount]),
    );
    expect(byKey).toMatchObject({ LR: '100', SL: '50', 'multi-country': '30', KE: '20' });
    // Each result once: the groups add up to the total, no country repeats the 30.
    const sum = result.groups.reduce((acc, group) => acc + Number(group.totals[0]?.amount), 0);
    expect(total(result.totals, 'households-connected')?.amount).toBe(String(sum));
    expect(total(result.totals, 'households-connected')?.amount).toBe('200');
    const liberia = await impact('by=indicator&country=LR');
    expect(total(liberia.totals, 'households-connected')?.amount).toBe('100');
  });

  it('groups by sector and by year, money still per currency', async () => {
    const bySector = await impact('by=sector');
    const energy = bySector.groups.find((group) => group.key === 'energy-utilities');
    const agriculture = bySector.groups.find((group) => group.key === 'agriculture');
    expect(total(energy?.totals ?? [], 'households-connected')?.amount).toBe('180');
    expect(total(agriculture?.totals ?? [], 'households-connected')?.amount).toBe('20');
    expect(total(agriculture?.totals ?? [], 'money-mobilised', 'USD')?.amount).toBe('1500.50');
    expect(total(bySector.totals, 'money-mobilised', 'USD')).toMatchObject({
      amount: '701500.50',
      projects: 2,
    });

    const byYear = await impact('by=year&indicator=households-connected');
    expect(byYear.groups.map((group) => [group.key, group.totals[0]?.amount])).toEqual([
      ['2021', '120'],
      ['2022', '80'],
    ]);
    const year2022 = await impact('by=indicator&year=2022&sector=energy-utilities');
    expect(total(year2022.totals, 'money-mobilised', 'XOF')?.amount).toBe('250000000');
    expect(total(year2022.totals, 'money-mobilised', 'USD')).toBeUndefined();
  });

  it('refuses a grouping it does not know', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/projects/impact?by=planet' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('/by');
  });
});

describe('an organization’s admin starting a project', () => {
  const start = (agent: Agent | undefined, participants: unknown[], headers = {}) => {
    const options = {
      method: 'POST' as const,
      url: '/api/projects',
      headers,
      payload: {
        title: `Cooperative-led kilns ${tag} ${Math.random()}`,
        sector: 'energy-utilities',
        countries: ['LR'],
        participants,
      },
    };
    return agent ? agent.request(options) : api.app.inject(options);
  };

  it('starts one that their organization leads, and then carries it on', async () => {
    const audits = await countRows(api.database, 'platform_audit_entry');
    const response = await start(leadAdmin, [
      { organizationId: lead, role: 'lead' },
      { organizationId: funder, role: 'funder' },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const project: Project = response.json();
    expect(project.participants.map((entry) => [entry.organizationId, entry.role])).toEqual([
      [lead, 'lead'],
      [funder, 'funder'],
    ]);
    expect(await countRows(api.database, 'platform_audit_entry')).toBe(audits + 1);
    const audit = await api.database.pool.query<{ organization_id: string; action: string }>(
      'select organization_id, action from platform_audit_entry where entity_id = $1',
      [project.id],
    );
    expect(audit.rows).toEqual([{ organization_id: lead, action: 'create-project' }]);
    // The same right as editing: its admin records a result right away.
    const recorded = await record(leadAdmin, project.id, {
      indicator: 'people-trained',
      amount: '15',
      period: 2025,
    });
    expect(recorded.results).toHaveLength(1);
  });

  it('refuses an admin naming another organization as lead, a member and a visitor', async () => {
    const before = await countRows(api.database, 'network_project');
    const audits = await countRows(api.database, 'platform_audit_entry');
    // Their own organization takes part, but another leads.
    const otherLead = await start(outsiderAdmin, [
      { organizationId: lead, role: 'lead' },
      { organizationId: outsider, role: 'funder' },
    ]);
    expect(otherLead.statusCode).toBe(403);
    expect(otherLead.json().detail).toMatch(/Name your organization as a lead participant/);
    expect((await start(outsiderAdmin, [])).statusCode).toBe(403);
    expect((await start(member, [{ organizationId: lead, role: 'lead' }])).statusCode).toBe(403);
    expect((await start(undefined, [{ organizationId: lead, role: 'lead' }])).statusCode).toBe(401);
    expect(await countRows(api.database, 'network_project')).toBe(before);
    expect(await countRows(api.database, 'platform_audit_entry')).toBe(audits);
  });

  it('lets a write token of the lead organization start one, and no other token', async () => {
    const token = async (access: 'read' | 'write') => {
      const response = await leadAdmin.request({
        method: 'POST',
        url: '/api/accounts/tokens',
        payload: { name: `projects ${access} ${tag}`, organizationId: lead, access },
      });
      expect(response.statusCode, response.body).toBe(201);
      return { authorization: `Bearer ${response.json().token}` };
    };
    const write = await token('write');
    const read = await token('read');
    const before = await countRows(api.database, 'network_project');
    // The token's organization is not the lead here, though its admin made the token.
    expect(
      (await start(undefined, [{ organizationId: outsider, role: 'lead' }], write)).statusCode,
    ).toBe(403);
    expect(
      (await start(undefined, [{ organizationId: lead, role: 'lead' }], read)).statusCode,
    ).toBe(403);
    expect(await countRows(api.database, 'network_project')).toBe(before);
    const made = await start(undefined, [{ organizationId: lead, role: 'lead' }], write);
    expect(made.statusCode, made.body).toBe(201);
    // A token of the network admin's is still one organization's: it starts only what that leads.
    const staffToken = await api.admin.request({
      method: 'POST',
      url: '/api/accounts/tokens',
      payload: { name: `staff ${tag}`, organizationId: funder, access: 'write' },
    });
    expect(staffToken.statusCode, staffToken.body).toBe(201);
    const staffWrite = { authorization: `Bearer ${staffToken.json().token}` };
    expect(
      (await start(undefined, [{ organizationId: lead, role: 'lead' }], staffWrite)).statusCode,
    ).toBe(403);
  });
});

describe('removing participants and withdrawing figures', () => {
  let project: Project;
  const remove = (
    agent: Agent | undefined,
    organizationId: string,
    role: string,
    version: number,
  ) => {
    const options = {
      method: 'DELETE' as const,
      url: `/api/projects/${project.id}/participants/${organizationId}/${role}?version=${version}`,
    };
    return agent ? agent.request(options) : api.app.inject(options);
  };
  const withdraw = (agent: Agent | undefined, figureId: string, version: number) => {
    const options = {
      method: 'DELETE' as const,
      url: `/api/projects/${project.id}/figures/${figureId}?version=${version}`,
    };
    return agent ? agent.request(options) : api.app.inject(options);
  };

  beforeAll(async () => {
    const response = await leadAdmin.request({
      method: 'POST',
      url: '/api/projects',
      payload: {
        title: `Corrections ${tag}`,
        sector: 'energy-utilities',
        countries: ['LR'],
        participants: [
          { organizationId: lead, role: 'lead' },
          { organizationId: funder, role: 'funder' },
          { organizationId: outsider, role: 'beneficiary' },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    project = response.json();
  });

  it('removes a participant in one role, with the version, audited before and after', async () => {
    const audits = await countRows(api.database, 'platform_audit_entry');
    const stale = await remove(leadAdmin, outsider, 'beneficiary', project.version + 5);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(project.version);
    const removed = await remove(leadAdmin, outsider, 'beneficiary', project.version);
    expect(removed.statusCode, removed.body).toBe(200);
    project = removed.json();
    expect(project.participants.map((entry) => entry.role)).toEqual(['lead', 'funder']);
    const audit = await api.database.pool.query<{
      action: string;
      before: Project;
      after: Project;
    }>(
      'select action, before, after from platform_audit_entry where entity_id = $1 order by at desc, id desc limit 1',
      [project.id],
    );
    expect(audit.rows[0]?.action).toBe('remove-project-participant');
    expect(audit.rows[0]?.before.participants).toHaveLength(3);
    expect(audit.rows[0]?.after.participants).toHaveLength(2);
    expect(await countRows(api.database, 'platform_audit_entry')).toBe(audits + 1);
    // Gone already: nothing to remove, and nothing changes.
    const again = await remove(leadAdmin, outsider, 'beneficiary', project.version);
    expect(again.statusCode).toBe(404);
    expect((await read(project.id)).version).toBe(project.version);
  });

  it('keeps at least one lead, and says so', async () => {
    const last = await remove(leadAdmin, lead, 'lead', project.version);
    expect(last.statusCode).toBe(409);
    expect(last.json().detail).toMatch(/only lead.*keeps at least one lead/);
    expect((await read(project.id)).participants).toHaveLength(2);
    // With a second lead, the first may go.
    const added = await leadAdmin.request({
      method: 'POST',
      url: `/api/projects/${project.id}/participants`,
      payload: { version: project.version, organizationId: funder, role: 'lead' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const removed = await remove(leadAdmin, lead, 'lead', added.json().version);
    expect(removed.statusCode, removed.body).toBe(200);
    project = removed.json();
    expect(project.participants.filter((entry) => entry.role === 'lead')).toEqual([
      expect.objectContaining({ organizationId: funder }),
    ]);
    // No longer a lead's admin, the first lead's admin may change nothing more.
    const refused = await remove(leadAdmin, funder, 'funder', project.version);
    expect(refused.statusCode).toBe(403);
    // Network staff put it back.
    const restored = await api.admin.request({
      method: 'POST',
      url: `/api/projects/${project.id}/participants`,
      payload: { version: project.version, organizationId: lead, role: 'lead' },
    });
    expect(restored.statusCode, restored.body).toBe(201);
    project = restored.json();
  });

  it('refuses removals by those who may not, and bad versions, changing nothing', async () => {
    for (const [agent, status] of [
      [undefined, 401],
      [member, 403],
      [outsiderAdmin, 403],
    ] as const) {
      expect((await remove(agent, funder, 'funder', project.version)).statusCode).toBe(status);
    }
    for (const version of ['', 'two', '0', '1.5']) {
      const response = await leadAdmin.request({
        method: 'DELETE',
        url: `/api/projects/${project.id}/participants/${funder}/funder?version=${version}`,
      });
      expect(response.statusCode, version).toBe(400);
      expect(response.json().errors[0].pointer).toBe('/version');
    }
    const noVersion = await leadAdmin.request({
      method: 'DELETE',
      url: `/api/projects/${project.id}/participants/${funder}/funder`,
    });
    expect(noVersion.statusCode).toBe(400);
    const badRole = await remove(leadAdmin, funder, 'patron', project.version);
    expect(badRole.statusCode).toBe(400);
    expect((await read(project.id)).version).toBe(project.version);
  });

  it('withdraws a result recorded by mistake: the impact no longer counts it', async () => {
    const totalOf = async () =>
      BigInt(
        total((await impact('by=indicator')).totals, 'jobs-created')?.amount.split('.')[0] ?? '0',
      );
    const start = await totalOf();
    project = await record(leadAdmin, project.id, {
      indicator: 'jobs-created',
      amount: '40',
      period: 2024,
    });
    project = await record(leadAdmin, project.id, {
      indicator: 'jobs-created',
      amount: '400',
      period: 2024,
      note: 'A zero too many.',
    });
    expect(await totalOf()).toBe(start + 440n);
    const mistake = project.results.find((entry) => entry.note === 'A zero too many.');
    if (!mistake) throw new Error('the result was not recorded');

    for (const [agent, status] of [
      [undefined, 401],
      [member, 403],
      [outsiderAdmin, 403],
    ] as const)
      expect((await withdraw(agent, mistake.id, project.version)).statusCode).toBe(status);
    expect((await withdraw(leadAdmin, mistake.id, project.version - 1)).statusCode).toBe(409);
    expect(await totalOf()).toBe(start + 440n);

    const withdrawn = await withdraw(leadAdmin, mistake.id, project.version);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    project = withdrawn.json();
    expect(project.results.map((entry) => entry.amount)).toEqual(['40']);
    expect(await totalOf()).toBe(start + 40n);
    const audit = await api.database.pool.query<{
      action: string;
      before: Project;
      after: Project;
    }>(
      'select action, before, after from platform_audit_entry where entity_id = $1 order by at desc, id desc limit 1',
      [project.id],
    );
    expect(audit.rows[0]?.action).toBe('withdraw-project-figure');
    expect(audit.rows[0]?.before.results.map((entry) => entry.id)).toContain(mistake.id);
    expect(audit.rows[0]?.after.results.map((entry) => entry.id)).not.toContain(mistake.id);
    // The list's sums and the check agree.
    const listed = await api.app.inject({
      method: 'GET',
      url: `/api/projects?q=${encodeURIComponent(`Corrections ${tag}`)}`,
    });
    expect(listed.json().items[0].resultTotals).toEqual([
      expect.objectContaining({ indicator: 'jobs-created', amount: '40' }),
    ]);
    expect(await checkImpactTotals(api.database.db)).toEqual([]);

    // Once withdrawn it is gone; a figure of another project is not this one's.
    expect((await withdraw(leadAdmin, mistake.id, project.version)).statusCode).toBe(404);
    const other = (await read(miniGrid.id)).results[0];
    if (!other) throw new Error('the mini-grid has results');
    expect((await withdraw(leadAdmin, other.id, project.version)).statusCode).toBe(404);
    expect((await read(miniGrid.id)).results.map((entry) => entry.id)).toContain(other.id);
  });

  it('withdraws a target the same way', async () => {
    project = await record(leadAdmin, project.id, {
      kind: 'target',
      indicator: 'jobs-created',
      amount: '100',
      period: 2026,
    });
    const target = project.targets[0];
    if (!target) throw new Error('the target was not recorded');
    const withdrawn = await withdraw(api.admin, target.id, project.version);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().targets).toEqual([]);
  });
});

describe('money in the decimals ISO 4217 gives its currency', () => {
  let iraq: Project;
  beforeAll(async () => {
    iraq = await startProject({
      title: `Basra date growers ${tag}`,
      sector: 'agriculture',
      countries: ['IQ'],
      participants: [{ organizationId: lead, role: 'lead' }],
    });
  });

  it('records IQD to the fils, HUF and COP to the hundredth, CLF to the ten-thousandth', async () => {
    // Intl (CLDR) gives IQD, HUF and COP no decimals; ISO 4217 gives them 3, 2 and 2.
    const written = [
      ['IQD', '1250.125'],
      ['IQD', '0.875'],
      ['HUF', '99.99'],
      ['COP', '1500.5'],
      ['CLF', '1.2345'],
    ];
    for (const [currency, amount] of written)
      await record(api.admin, iraq.id, {
        indicator: 'money-mobilised',
        amount,
        currency,
        period: 2023,
      });
    const amounts = (await read(iraq.id)).results.map(
      (figure) => `${figure.amount} ${figure.currency}`,
    );
    expect(amounts.sort()).toEqual(
      ['1250.125 IQD', '0.875 IQD', '99.99 HUF', '1500.50 COP', '1.2345 CLF'].sort(),
    );
    const stored = await api.database.pool.query<{ currency: string; minor: string }>(
      'select currency, amount_minor::text as minor from network_project_figure where project_id = $1 order by amount_minor',
      [iraq.id],
    );
    expect(stored.rows.map((row) => `${row.minor} ${row.currency}`)).toEqual([
      '875 IQD',
      '9999 HUF',
      '12345 CLF',
      '150050 COP',
      '1250125 IQD',
    ]);
    const byCountry = await impact('by=country&country=IQ');
    expect(total(byCountry.totals, 'money-mobilised', 'IQD')).toMatchObject({
      amount: '1251.000',
      results: 2,
    });
  });

  it('refuses what ISO 4217 does not allow, with the code a client words', async () => {
    const current = await read(iraq.id);
    const refused = async (amount: string, currency: string) => {
      const response = await api.admin.request({
        method: 'POST',
        url: `/api/projects/${iraq.id}/figures`,
        payload: {
          version: current.version,
          kind: 'result',
          indicator: 'money-mobilised',
          amount,
          currency,
          period: 2023,
        },
      });
      expect(response.statusCode, response.body).toBe(400);
      return response.json().errors;
    };
    expect(await refused('1.2345', 'IQD')).toEqual([
      expect.objectContaining({
        pointer: '/amount',
        code: 'too-many-decimals',
        params: { currency: 'IQD', maximum: 3 },
      }),
    ]);
    expect(await refused('10', 'XAU')).toEqual([
      expect.objectContaining({
        pointer: '/currency',
        code: 'currency-without-minor-unit',
        params: { currency: 'XAU' },
      }),
    ]);
    expect(await refused('999999999999999.9999', 'CLF')).toEqual([
      expect.objectContaining({
        pointer: '/amount',
        code: 'amount-too-large',
        params: { currency: 'CLF', largest: '922337203685477.5807' },
      }),
    ]);
    expect(await refused('1.5', 'HRK')).toEqual([
      expect.objectContaining({ pointer: '/currency', code: 'unknown-code' }),
    ]);
    expect((await read(iraq.id)).version).toBe(current.version);
  });
});

describe('the impact check', () => {
  it('finds the totals equal to the sum of results', async () => {
    expect(await checkImpactTotals(api.database.db)).toEqual([]);
  });

  it('finds a total that does not add up, and says which', () => {
    // Totals are computed, not stored: the check compares the roll-up's groups with the results
    // added one by one. Here a grouping counts the multi-country result twice.
    const results = [
      {
        indicator: 'households-connected',
        currency: null,
        quantity: '100.000',
        amount_minor: null,
      },
      { indicator: 'households-connected', currency: null, quantity: '30.000', amount_minor: null },
      { indicator: 'money-mobilised', currency: 'USD', quantity: null, amount_minor: '70000000' },
      { indicator: 'money-mobilised', currency: 'XOF', quantity: null, amount_minor: '5' },
    ];
    const sound = {
      by: 'country',
      rows: [
        { indicator: 'households-connected', currency: null, total: '100.000', results: 1 },
        { indicator: 'households-connected', currency: null, total: '30.000', results: 1 },
        { indicator: 'money-mobilised', currency: 'USD', total: '70000000', results: 1 },
        { indicator: 'money-mobilised', currency: 'XOF', total: '5', results: 1 },
      ],
    };
    expect(compareImpactTotals('result', results, [sound])).toEqual([]);
    const doubled = {
      by: 'country',
      rows: [
        ...sound.rows,
        { indicator: 'households-connected', currency: null, total: '30.000', results: 1 },
      ],
    };
    const problems = compareImpactTotals('result', results, [doubled]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/by country: households-connected adds up to 160000 over 3/);
    // Money in two currencies added together is caught too.
    const mixed = {
      by: 'year',
      rows: [
        sound.rows[0],
        sound.rows[1],
        { indicator: 'money-mobilised', currency: 'USD', total: '70000005', results: 2 },
      ] as typeof sound.rows,
    };
    expect(compareImpactTotals('result', results, [mixed])).toHaveLength(2);
  });
});
