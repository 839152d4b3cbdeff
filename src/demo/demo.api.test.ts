// The demo network through the public API: every fact of the seed is there, the generated
// surroundings are big and varied enough, everything lies inside its country, the demo accounts
// work, loading twice is refused, and removal refuses while outside records refer to the demo.
import { geoContains } from 'd3-geo';
import countries from 'i18n-iso-countries';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import pino from 'pino';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import atlas from 'world-atlas/countries-10m.json' with { type: 'json' };
import { countRows, publicUrl, startTestApi, type TestApi } from '../../test/test-api.ts';
import { loadConfig } from '../config.ts';
import { systemContext } from '../main.ts';
import {
  demoFacts,
  type Organization,
  type OrganizationListItem,
  type Ties,
} from '../modules/network/index.ts';
import { answerUssdHop } from '../modules/reach/index.ts';
import { modules } from '../modules.ts';
import type { Context } from '../platform/context.ts';
import type { PluggedDemo } from '../platform/demo.ts';
import { AppError } from '../platform/errors.ts';
import {
  type DemoAccountCredentials,
  type LoadedDemo,
  loadDemo,
  resetDemoAccounts,
} from './load-demo.ts';
import { removeDemo } from './remove-demo.ts';

let api: TestApi;
let ctx: Context;
let loaded: LoadedDemo;
const sewaFederation = "Gujarat State Women's SEWA Co-operative Federation Ltd";

async function get<T>(url: string): Promise<T> {
  const response = await api.app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json() as T;
}

async function search(q: string): Promise<OrganizationListItem[]> {
  const page = await get<{ items: OrganizationListItem[] }>(
    `/api/network/organizations?limit=100&q=${encodeURIComponent(q)}`,
  );
  return page.items;
}

async function named(name: string): Promise<Organization> {
  const found = (await search(name)).find((item) => item.name === name);
  expect(found, `no organization named ${name}`).toBeDefined();
  return get<Organization>(`/api/network/organizations/${found?.id}`);
}

function signIn(account: DemoAccountCredentials) {
  return api.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: account.email, password: account.password },
  });
}

const realNames = new Set(demoFacts.organizations.map((organization) => organization.name));

const ties = (id: string) => get<Ties>(`/api/network/organizations/${id}/ties`);

async function everyOrganization(): Promise<OrganizationListItem[]> {
  const all: OrganizationListItem[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: OrganizationListItem[]; nextCursor: string | null } = await get(
      `/api/network/organizations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

beforeAll(async () => {
  api = await startTestApi();
  const config = loadConfig({ PUBLIC_URL: publicUrl, LOG_LEVEL: 'silent' });
  const log = pino({ level: 'silent' });
  ctx = systemContext(config, api.database, log, api.services, publicUrl);
  const started = performance.now();
  loaded = await loadDemo(ctx);
  // Not asserted (tests never assert on time); printed for the record.
  console.info(
    `demo loaded in ${Math.round(performance.now() - started)} ms: ${loaded.counts.organizations} organizations, ${loaded.counts.affiliations} affiliations, ${loaded.counts.partnerships} partnerships`,
  );
}, 120_000);

afterAll(async () => {
  await api.close();
});

describe('the seed facts', () => {
  it('has the International Cooperative Alliance', async () => {
    const ica = await named('International Cooperative Alliance');
    expect(ica.isDemo).toBe(true);
    expect(ica.foundingYear).toBe(1895);
    expect(ica.country).toBe('BE');
  });

  it('has SEWA’s federation with a member cooperative named in Hindi with सहकारी', async () => {
    const federation = await named(sewaFederation);
    const results = await search('सहकारी');
    expect(results.length).toBeGreaterThan(0);
    let hindiMember: Organization | undefined;
    for (const item of results) {
      const organization = await get<Organization>(`/api/network/organizations/${item.id}`);
      const hindi = organization.otherNames.some(
        (name) => name.language === 'hi' && name.text.includes('सहकारी'),
      );
      const parents = (await ties(item.id)).parents;
      if (
        hindi &&
        parents.some((tie) => tie.parentId === federation.id && tie.kind === 'member-of')
      )
        hindiMember = organization;
    }
    expect(hindiMember).toBeDefined();
    const bank = await named('Shri Mahila SEWA Sahakari Bank Ltd');
    expect(bank.otherNames.map((name) => name.text)).toContain('श्री महिला सेवा सहकारी बैंक');
    expect(bank.members.total).toBe(471653);
  });

  it('has women’s cooperatives of SEWA’s federation named in Gujarati', async () => {
    const federation = await named(sewaFederation);
    const members = (await ties(federation.id)).members;
    expect(members.length).toBeGreaterThanOrEqual(5);
    let gujarati = 0;
    for (const member of members) {
      const organization = await get<Organization>(`/api/network/organizations/${member.memberId}`);
      if (organization.otherNames.some((name) => name.language === 'gu')) gujarati += 1;
    }
    expect(gujarati).toBeGreaterThanOrEqual(2);
    expect((await search('સહકારી')).length).toBeGreaterThan(0);
  });

  it('has Mondragon with its divisions, and Orona and ULMA as former members', async () => {
    const mondragon = await named('Mondragon Corporation');
    expect(mondragon.country).toBe('ES');
    const members = (await ties(mondragon.id)).members;
    expect(members.filter((tie) => tie.kind === 'division-of')).toHaveLength(4);
    for (const name of ['Orona', 'ULMA Group']) {
      const former = members.find((tie) => tie.memberName === name);
      expect(former?.endedOn).toBe('2022-12-16');
    }
    const industry = await named('Mondragon Industry area');
    expect((await ties(industry.id)).members.length).toBeGreaterThanOrEqual(5);
  });

  it('has Fagor Electrodomésticos in Mondragon, with its 2013 failure and the relocation', async () => {
    const fagor = await named('Fagor Electrodomésticos');
    const mondragon = await named('Mondragon Corporation');
    const fagorTies = await ties(fagor.id);
    expect(fagorTies.parents.some((tie) => tie.parentId === mondragon.id)).toBe(true);
    expect(fagor.description).toMatch(/2013/);
    expect(fagor.description).toMatch(/relocat/);
  });

  it('has the Burkina Faso solar-panel factory as Faso Energy’s, its line from Mondragon Assembly', async () => {
    const faso = await named('Faso Energy');
    expect(faso.kind).toBe('company');
    expect(faso.country).toBe('BF');
    const assembly = await named('Mondragon Assembly');
    expect(assembly.kind).toBe('cooperative');
    const supply = (await ties(faso.id)).partnerships.find(
      (tie) => tie.fromId === assembly.id && tie.kind === 'supply',
    );
    expect(supply?.note).toMatch(/solar-panel factory/);
    const industry = await named('Mondragon Industry area');
    expect((await ties(assembly.id)).parents.map((tie) => tie.parentId)).toContain(industry.id);
  });

  it('has IFFCO, founded 1967, with 22 subsidiary ties and partners in many countries', async () => {
    const iffco = await named('Indian Farmers Fertiliser Cooperative Limited');
    expect(iffco.foundingYear).toBe(1967);
    const iffcoTies = await ties(iffco.id);
    expect(iffcoTies.members.filter((tie) => tie.kind === 'subsidiary-of')).toHaveLength(22);
    const partnerIds = iffcoTies.partnerships.map((tie) =>
      tie.fromId === iffco.id ? tie.toId : tie.fromId,
    );
    const partners = await Promise.all(
      partnerIds.map((id) => get<Organization>(`/api/network/organizations/${id}`)),
    );
    expect(new Set(partners.map((partner) => partner.country)).size).toBeGreaterThanOrEqual(6);
    expect(partners.some((partner) => partner.kind === 'cooperative')).toBe(true);
    expect(
      partners.filter((partner) => !['cooperative', 'federation'].includes(partner.kind)).length,
    ).toBeGreaterThanOrEqual(2);
    const ncba = await named('NCBA CLUSA');
    expect(partnerIds).toContain(ncba.id);
  });

  it('has NRECA International and the Liberian mini-grid electric cooperatives it helped start', async () => {
    const nreca = await named('NRECA International');
    const partnerships = (await ties(nreca.id)).partnerships.filter(
      (tie) => tie.fromId === nreca.id,
    );
    const liberian: Organization[] = [];
    for (const tie of partnerships) {
      const partner = await get<Organization>(`/api/network/organizations/${tie.toId}`);
      if (partner.country === 'LR' && partner.sector === 'energy-utilities') liberian.push(partner);
    }
    expect(liberian.length).toBeGreaterThanOrEqual(2);
    expect(liberian.map((partner) => partner.name)).toContain('Totota Electric Cooperative');
  });

  it('has the British cooperative movement as a funding partner of SEWA’s federation', async () => {
    const federation = await named(sewaFederation);
    const coopsUk = await named('Co-operatives UK');
    expect(coopsUk.country).toBe('GB');
    expect(coopsUk.description).toMatch(/British co-operative movement/);
    const funding = (await ties(federation.id)).partnerships.filter(
      (tie) => tie.toId === federation.id && tie.kind === 'funding',
    );
    expect(funding.map((tie) => tie.fromId)).toContain(coopsUk.id);
  });

  it('has the Cooperative Society Project (USA), with no invented figures', async () => {
    const project = await named('Cooperative Society Project');
    expect(project.country).toBe('US');
    expect(project.foundingYear).toBeNull();
    expect(project.members.total).toBeNull();
  });
});

describe('the generated surroundings', () => {
  it('add at least 150 organizations in at least 20 countries and 8 sectors', async () => {
    const page = await get<{
      total: number;
      facets: { country: unknown[]; sector: unknown[] };
    }>('/api/network/organizations?limit=1&facets=true');
    expect(page.total).toBe(loaded.counts.organizations);
    // 71 named (70 from the facts, 1 addition) plus the generated ones.
    expect(page.total - 71).toBeGreaterThanOrEqual(150);
    expect(page.facets.country.length).toBeGreaterThanOrEqual(20);
    expect(page.facets.sector.length).toBeGreaterThanOrEqual(8);
  });

  it('have real-looking names and lie inside their country', async () => {
    const topology = atlas as unknown as Topology<{ countries: GeometryCollection }>;
    const shapes = feature(topology, topology.objects.countries);
    const shapeOf = new Map(shapes.features.map((shape) => [String(shape.id), shape]));
    const all = await everyOrganization();
    expect(all).toHaveLength(loaded.counts.organizations ?? 0);
    const outside: string[] = [];
    for (const organization of all) {
      expect(organization.name).not.toMatch(/Cooperative \d+$/);
      if (!organization.coordinates) continue;
      const numeric = countries.alpha2ToNumeric(organization.country);
      const shape = numeric ? shapeOf.get(numeric) : undefined;
      expect(shape, `no shape for ${organization.country}`).toBeDefined();
      const { lat, lon } = organization.coordinates;
      // The researcher's city centres of coastal cities (Sur, Oman) may fall a little offshore on
      // the atlas's coastline: a tenth of a degree of slack for them; none for generated places.
      const slack = realNames.has(organization.name) ? 0.1 : 0;
      const around = [
        [0, 0],
        [slack, 0],
        [-slack, 0],
        [0, slack],
        [0, -slack],
      ] as const;
      const inside = around.some(([dLat, dLon]) =>
        shape ? geoContains(shape, [lon + dLon, lat + dLat]) : false,
      );
      if (!inside) outside.push(`${organization.name} (${organization.country} ${lat},${lon})`);
    }
    expect(outside).toEqual([]);
  });
});

describe('demo accounts', () => {
  it('sign in with the printed passwords and hold their roles', async () => {
    expect(loaded.accounts.map((account) => account.email)).toEqual([
      'sewa-coop-admin@demo.intercoop.localhost',
      'mondragon-division-admin@demo.intercoop.localhost',
      'partner-viewer@demo.intercoop.localhost',
    ]);
    const [sewaAdmin, mondragonAdmin, viewer] = loaded.accounts as [
      DemoAccountCredentials,
      DemoAccountCredentials,
      DemoAccountCredentials,
    ];
    const lokSwasthya = await named('Lok Swasthya SEWA Mandli');
    const industry = await named('Mondragon Industry area');
    const federation = await named(sewaFederation);
    const grantsOf = async (account: DemoAccountCredentials) => {
      const response = await signIn(account);
      expect(response.statusCode).toBe(200);
      return response
        .json()
        .me.grants.map((grant: { role: string; scopeId: string }) => [grant.role, grant.scopeId]);
    };
    expect(await grantsOf(sewaAdmin)).toEqual([['organization-admin', lokSwasthya.id]]);
    expect(await grantsOf(mondragonAdmin)).toEqual([['organization-admin', industry.id]]);
    expect(await grantsOf(viewer)).toEqual([['partner-viewer', federation.id]]);

    // The SEWA cooperative's admin edits it, and not a Mondragon division.
    const agent = await api.signIn(sewaAdmin.email, sewaAdmin.password);
    const own = await agent.request({
      method: 'PATCH',
      url: `/api/network/organizations/${lokSwasthya.id}`,
      payload: { version: lokSwasthya.version, employees: lokSwasthya.employees ?? 0 },
    });
    expect(own.statusCode).toBe(200);
    const other = await agent.request({
      method: 'PATCH',
      url: `/api/network/organizations/${industry.id}`,
      payload: { version: industry.version, employees: 1 },
    });
    expect(other.statusCode).toBe(403);
  });

  it('get new passwords from `demo accounts`; the old ones stop working', async () => {
    const before = loaded.accounts[0] as DemoAccountCredentials;
    const renewed = await resetDemoAccounts(ctx);
    expect(renewed).toHaveLength(3);
    const after = renewed[0] as DemoAccountCredentials;
    expect(after.email).toBe(before.email);
    expect(after.password).not.toBe(before.password);
    expect((await signIn(before)).statusCode).toBe(401);
    expect((await signIn(after)).statusCode).toBe(200);
    loaded = { ...loaded, accounts: renewed };
  });
});

describe('loading and removing', () => {
  it('reports what each module loaded: the network, its projects, the accounts', async () => {
    expect(loaded.counts).toEqual({
      organizations: await countRows(api.database, 'network_organization'),
      affiliations: await countRows(api.database, 'network_affiliation'),
      partnerships: await countRows(api.database, 'network_partnership'),
      intents: await countRows(api.database, 'network_intent'),
      projects: await countRows(api.database, 'network_project'),
      accounts: 3,
      phoneMembers: await countRows(api.database, 'reach_demo_member'),
    });
    expect(loaded.counts.phoneMembers).toBe(5);
    expect(loaded.counts.projects).toBeGreaterThan(0);
    expect(loaded.counts.intents).toBeGreaterThan(0);
  });

  it('gives one demo member a PIN, printed once, with which their phone reaches the menus', async () => {
    expect(loaded.phones).toHaveLength(1);
    const [member] = loaded.phones;
    if (!member) throw new Error('no demo phone');
    expect(member.phone).toMatch(/^\+91[0-9]{10}$/);
    expect(member.pin).toMatch(/^[0-9]{6}$/);
    const phones = await api.database.pool.query<{ phone: string }>(
      'select p.phone from accounts_person p join reach_demo_member d on d.person_id = p.id',
    );
    // Members in India, Kenya, Spain and Liberia.
    const countriesOf = phones.rows.map((row) => parsePhoneNumberFromString(row.phone)?.country);
    expect([...new Set(countriesOf)].sort()).toEqual(['ES', 'IN', 'KE', 'LR']);
    const hop = (text: string) =>
      answerUssdHop(ctx, { sessionId: 'demo-session', phone: member.phone, text });
    expect(await hop('')).toContain('हिन्दी');
    // A household phone: the other member, who has no PIN yet, may set one.
    expect(await hop('1')).toContain('1 Set a new PIN');
    expect(await hop(`1*${member.pin}`)).toContain('1 My cooperative');
    expect(await hop(`1*${member.pin}*1`)).toContain('Kaira District');
  });

  it('refuses to load the demo twice, and changes nothing', async () => {
    const organizations = await countRows(api.database, 'network_organization');
    await expect(loadDemo(ctx)).rejects.toMatchObject({ code: 'conflict' });
    expect(await countRows(api.database, 'network_organization')).toBe(organizations);
  });

  it('removes nothing when one part fails: every part is removed in one transaction', async () => {
    const counts = async () => ({
      organizations: await countRows(api.database, 'network_organization'),
      projects: await countRows(api.database, 'network_project'),
      accounts: await countRows(api.database, 'accounts_account'),
      audit: await countRows(api.database, 'platform_audit_entry'),
    });
    const before = await counts();
    // Listed first, so removed last: after the accounts, the projects and the network.
    const failing: PluggedDemo = {
      module: 'failing',
      load: async () => ({ counts: {} }),
      remove: async () => {
        throw new Error('this part cannot be removed');
      },
    };
    await expect(removeDemo(ctx, [failing, ...modules.demos])).rejects.toThrow(
      'this part cannot be removed',
    );
    expect(await counts()).toEqual(before);
    expect((await signIn(loaded.accounts[0] as DemoAccountCredentials)).statusCode).toBe(200);
  });

  it('refuses removal while records made outside the demo refer to it, then removes it all', async () => {
    const ownId = await api.createOrganization({ name: 'Real Weavers Cooperative of Kutch' });
    const federation = await named(sewaFederation);
    const partnership = await api.admin.request({
      method: 'POST',
      url: '/api/network/partnerships',
      payload: { fromId: ownId, toId: federation.id, kind: 'training' },
    });
    expect(partnership.statusCode).toBe(201);
    // A real project in which a demo organization takes part keeps it in place too.
    const project = await api.admin.request({
      method: 'POST',
      url: '/api/projects',
      payload: {
        title: 'Real weaving school',
        sector: 'education',
        countries: ['IN'],
        participants: [
          { organizationId: ownId, role: 'lead' },
          { organizationId: federation.id, role: 'funder' },
        ],
      },
    });
    expect(project.statusCode, project.body).toBe(201);
    const demoProjects = await countRows(api.database, 'network_project');
    const outsider = await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: federation.id },
    ]);
    const organizations = await countRows(api.database, 'network_organization');

    const refused = await removeDemo(ctx).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('conflict');
    expect((refused as AppError).message).toMatch(
      /partnership .*Real Weavers Cooperative of Kutch/,
    );
    expect((refused as AppError).message).toContain(
      `project ${project.json().id}: ${federation.name} funder in Real weaving school`,
    );
    expect((refused as AppError).message).toContain(outsider.email);
    expect(await countRows(api.database, 'network_project')).toBe(demoProjects);
    expect(await countRows(api.database, 'network_organization')).toBe(organizations);
    expect((await signIn(loaded.accounts[0] as DemoAccountCredentials)).statusCode).toBe(200);

    // Ties are history and projects have no delete in the API; the operator removes these rows.
    await api.database.pool.query('delete from network_partnership where id = $1', [
      partnership.json().id,
    ]);
    await api.database.pool.query('delete from network_project where id = $1', [project.json().id]);
    await api.database.pool.query(
      "delete from accounts_role_grant where account_id = $1 and scope_type = 'organization'",
      [outsider.accountId],
    );
    const audit = await countRows(api.database, 'platform_audit_entry');
    const removed = await removeDemo(ctx);
    expect(removed.organizations).toBe(loaded.counts.organizations);
    expect(removed.accounts).toBe(3);
    expect(removed.phoneMembers).toBe(5);
    expect(await countRows(api.database, 'reach_demo_member')).toBe(0);
    // Every project left was the demo's.
    expect(removed.projects).toBe(demoProjects - 1);
    expect(removed.projects).toBeGreaterThan(0);
    expect(await countRows(api.database, 'network_project')).toBe(0);
    expect(await countRows(api.database, 'network_organization')).toBe(1);
    expect(await countRows(api.database, 'network_affiliation')).toBe(0);
    expect(await countRows(api.database, 'network_partnership')).toBe(0);
    expect((await get<Organization>(`/api/network/organizations/${ownId}`)).isDemo).toBe(false);
    expect((await signIn(loaded.accounts[0] as DemoAccountCredentials)).statusCode).toBe(401);
    // Audit entries stay (append-only); the removal adds its own.
    expect(await countRows(api.database, 'platform_audit_entry')).toBeGreaterThan(audit);
    // And the demo can be loaded again.
    const again = await loadDemo(ctx);
    expect(again.counts.organizations).toBe(loaded.counts.organizations);
  }, 120_000);
});
