// Ties need the other side's consent: a tie one organization's admin records about another is a
// claim, shown as such on both profiles, counted in no tree, chain or statistic, until the other
// side's admins (or network staff) confirm it; declined, it stays in the history with who
// declined. The other side is told by mail in its language. Two decisions at once: one wins.
// Bad input changes nothing. Claims go out in the export and come back in the import unchanged.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  countRows,
  fingerprint,
  outboxSettled,
  startTestApi,
  type TestApi,
} from '../../../test/test-api.ts';

let api: TestApi;
let division: string;
let cooperative: string;
let stranger: string;
let divisionAdmin: Agent;
let cooperativeAdmin: Agent;
let cooperativeMember: Agent;
let strangerAdmin: Agent;

type Claim = {
  id: string;
  tie: string;
  state: string;
  version: number;
  claimedById: string;
  claimedByName: string;
  awaitedFromId: string;
  decidedForName: string | null;
  decidedByStaff: boolean;
  tieId: string | null;
};

const get = async (url: string) => {
  const response = await api.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
};

const claimMembership = (agent: Agent, payload: Record<string, unknown> = {}) =>
  agent.request({
    method: 'POST',
    url: '/api/network/affiliations',
    payload: { memberId: cooperative, parentId: division, kind: 'member-of', ...payload },
  });

const decide = (agent: Agent, id: string, decision: 'confirm' | 'decline', payload: unknown) =>
  agent.request({
    method: 'POST',
    url: `/api/network/claims/${id}/${decision}`,
    payload: payload as Record<string, unknown>,
  });

const chainLength = async (from: string, to: string) => {
  const { status, body } = await get(`/api/network/chain?from=${from}&to=${to}`);
  return status === 200 ? (body.length as number) : null;
};

const statistics = async () => (await get('/api/network/statistics')).body;

beforeAll(async () => {
  api = await startTestApi();
  division = await api.createOrganization({
    name: 'Mondragon Industry Test Division',
    kind: 'division',
    country: 'ES',
    sector: 'industry-services',
  });
  cooperative = await api.createOrganization({
    name: 'SEWA Test Cooperative',
    country: 'IN',
    sector: 'agriculture',
  });
  stranger = await api.createOrganization({ name: 'Unrelated Test Cooperative', country: 'KE' });
  const admins = (id: string) => [
    { role: 'organization-admin' as const, scopeType: 'organization' as const, scopeId: id },
  ];
  divisionAdmin = await api.createAccount(admins(division), 'Division Admin');
  cooperativeAdmin = await api.createAccount(admins(cooperative), 'Cooperative Admin');
  strangerAdmin = await api.createAccount(admins(stranger), 'Stranger Admin');
  cooperativeMember = await api.createAccount([
    { role: 'organization-member', scopeType: 'organization', scopeId: cooperative },
  ]);
  // The cooperative's admin reads Hindi: the notice of a claim comes in Hindi.
  const language = await cooperativeAdmin.request({
    method: 'PATCH',
    url: '/api/auth/me',
    payload: { preferredLanguage: 'hi' },
  });
  expect(language.statusCode, language.body).toBe(200);
});

afterAll(async () => {
  await api?.close();
});

describe('a claim', () => {
  let claim: Claim;

  it('is what one side records about the other: 202, shown on both profiles', async () => {
    const statisticsBefore = await statistics();
    const response = await claimMembership(divisionAdmin, { startedOn: '2024-01-01' });
    expect(response.statusCode, response.body).toBe(202);
    claim = response.json();
    expect(claim).toMatchObject({
      tie: 'affiliation',
      state: 'claimed',
      claimedById: division,
      awaitedFromId: cooperative,
      tieId: null,
    });
    for (const id of [division, cooperative]) {
      const { body } = await get(`/api/network/organizations/${id}/ties`);
      expect(body.parents).toEqual([]);
      expect(body.members).toEqual([]);
      expect(body.claims.map((entry: Claim) => [entry.id, entry.state])).toEqual([
        [claim.id, 'claimed'],
      ]);
    }
    // Nowhere else: no tree, no chain, no statistic counts it.
    const tree = await get(`/api/network/organizations/${division}/tree`);
    expect(tree.body.descendants.nodes.map((node: { id: string }) => node.id)).not.toContain(
      cooperative,
    );
    expect(await chainLength(cooperative, division)).toBeNull();
    expect((await statistics()).ties).toEqual(statisticsBefore.ties);
  });

  it('tells the other side’s admins, in their language', async () => {
    const mail = await api.mail.waitFor(cooperativeAdmin.email, /Mondragon Industry Test Division/);
    expect(mail.subject).toMatch(/पुष्टि/);
    expect(mail.text).toContain('SEWA Test Cooperative');
    expect(mail.text).toContain(`/organizations/${cooperative}`);
  });

  it('is claimed once at a time', async () => {
    const again = await claimMembership(divisionAdmin);
    expect(again.statusCode, again.body).toBe(409);
  });

  it('is decided only by the admins of the side it waits for, or network staff', async () => {
    const before = await fingerprint(api.database);
    const anonymous = await api.app.inject({
      method: 'POST',
      url: `/api/network/claims/${claim.id}/confirm`,
      payload: { version: 1 },
    });
    expect(anonymous.statusCode).toBe(401);
    for (const agent of [divisionAdmin, cooperativeMember, strangerAdmin]) {
      for (const decision of ['confirm', 'decline'] as const) {
        const refused = await decide(agent, claim.id, decision, { version: 1 });
        expect(refused.statusCode, `${agent.email} ${decision}`).toBe(403);
      }
    }
    expect(await fingerprint(api.database)).toBe(before);
  });

  it('refuses bad input with a pointer, changing nothing', async () => {
    const before = await fingerprint(api.database);
    const cases: [string, unknown, number][] = [
      [claim.id, {}, 400],
      [claim.id, { version: 'one' }, 400],
      [claim.id, { version: 0 }, 400],
      [claim.id, { version: 1.5 }, 400],
      [claim.id, { version: 1, state: 'confirmed' }, 400],
      [claim.id, { version: 1, note: 'x'.repeat(2_000) }, 400],
      ['not-a-uuid', { version: 1 }, 400],
      [randomUUID(), { version: 1 }, 404],
      [claim.id, { version: 7 }, 409],
    ];
    for (const [id, payload, status] of cases) {
      const response = await decide(cooperativeAdmin, id, 'confirm', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const oversized = await cooperativeAdmin.request({
      method: 'POST',
      url: `/api/network/claims/${claim.id}/confirm`,
      payload: { version: 1, pad: 'x'.repeat(40_000) },
    });
    expect(oversized.statusCode).toBe(413);
    expect(await fingerprint(api.database)).toBe(before);
  });

  it('counts once confirmed: in the tree, the chain and the statistics, from the next answer', async () => {
    const statisticsBefore = await statistics();
    const confirmed = await decide(cooperativeAdmin, claim.id, 'confirm', { version: 1 });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      state: 'confirmed',
      decidedForName: 'SEWA Test Cooperative',
      decidedByStaff: false,
      version: 2,
    });
    const tieId = confirmed.json().tieId;
    const ties = (await get(`/api/network/organizations/${cooperative}/ties`)).body;
    expect(ties.parents.map((tie: { id: string }) => tie.id)).toEqual([tieId]);
    expect(ties.claims).toEqual([]);
    const tree = await get(`/api/network/organizations/${division}/tree`);
    expect(tree.body.descendants.nodes.map((node: { id: string }) => node.id)).toContain(
      cooperative,
    );
    expect(await chainLength(cooperative, division)).toBe(1);
    const memberOf = (stats: { ties: { affiliations: { value: string; count: number }[] } }) =>
      stats.ties.affiliations.find((entry) => entry.value === 'member-of')?.count ?? 0;
    expect(memberOf(await statistics())).toBe(memberOf(statisticsBefore) + 1);
    // The claimer's admins are told.
    await api.mail.waitFor(divisionAdmin.email, /confirmed/);
  });
});

describe('a declined claim', () => {
  it('stays in the history of both profiles with who declined, and counts nowhere', async () => {
    const claimed = await cooperativeAdmin.request({
      method: 'POST',
      url: '/api/network/partnerships',
      payload: { fromId: stranger, toId: cooperative, kind: 'funding' },
    });
    // The cooperative's admin claims that the stranger funds it: the stranger must say.
    expect(claimed.statusCode, claimed.body).toBe(202);
    const claim: Claim = claimed.json();
    expect(claim.awaitedFromId).toBe(stranger);
    const declined = await decide(strangerAdmin, claim.id, 'decline', { version: 1 });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({
      state: 'declined',
      decidedForName: 'Unrelated Test Cooperative',
      tieId: null,
    });
    for (const id of [stranger, cooperative]) {
      const { body } = await get(`/api/network/organizations/${id}/ties`);
      expect(body.partnerships).toEqual([]);
      expect(body.claims).toContainEqual(
        expect.objectContaining({ id: claim.id, state: 'declined' }),
      );
    }
    expect(await chainLength(stranger, cooperative)).toBeNull();
    // Declined is decided: confirming it now is a 409 with the current copy.
    const late = await decide(strangerAdmin, claim.id, 'confirm', { version: 2 });
    expect(late.statusCode).toBe(409);
  });
});

describe('consent given at once', () => {
  it('records the tie directly when network staff record it, or an admin of both sides', async () => {
    const staff = await api.admin.request({
      method: 'POST',
      url: '/api/network/partnerships',
      payload: { fromId: division, toId: stranger, kind: 'training' },
    });
    expect(staff.statusCode, staff.body).toBe(201);
    expect(staff.json().fromId).toBe(division);
    const both = await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: division },
      { role: 'organization-admin', scopeType: 'organization', scopeId: stranger },
    ]);
    const direct = await both.request({
      method: 'POST',
      url: '/api/network/affiliations',
      payload: { memberId: stranger, parentId: division, kind: 'member-of' },
    });
    expect(direct.statusCode, direct.body).toBe(201);
  });
});

describe('two decisions at once', () => {
  it('lets one win; the other is told, with the claim as decided', async () => {
    const claimed = await strangerAdmin.request({
      method: 'POST',
      url: '/api/network/partnerships',
      payload: { fromId: stranger, toId: cooperative, kind: 'supply' },
    });
    expect(claimed.statusCode, claimed.body).toBe(202);
    const id = claimed.json().id;
    const [first, second] = await Promise.all([
      decide(cooperativeAdmin, id, 'confirm', { version: 1 }),
      decide(api.admin, id, 'confirm', { version: 1 }),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.statusCode === 409 ? first : second;
    expect(loser.json().current).toMatchObject({ id, state: 'confirmed', version: 2 });
    expect(
      await countRows(
        api.database,
        `network_partnership where id = '${loser.json().current.tieId}'`,
      ),
    ).toBe(1);
    expect(
      await countRows(
        api.database,
        `network_partnership where from_id = '${stranger}' and to_id = '${cooperative}' and kind = 'supply'`,
      ),
    ).toBe(1);
  });
});

describe('the export and import', () => {
  it('carry each claim with its state, and an export, import, export gives the same file', async () => {
    await outboxSettled(api.database);
    const exported = await api.admin.request({
      method: 'GET',
      url: '/api/network/registry/export?format=json',
    });
    expect(exported.statusCode, exported.body.slice(0, 300)).toBe(200);
    const document = JSON.parse(exported.body);
    expect(document.tieClaims.map((claim: Claim) => claim.state).sort()).toEqual([
      'confirmed',
      'confirmed',
      'declined',
    ]);
    const other = await startTestApi();
    try {
      for (const format of ['json', 'csv'] as const) {
        const file = await api.admin.request({
          method: 'GET',
          url: `/api/network/registry/export?format=${format}`,
        });
        const fresh = format === 'json' ? other : await startTestApi();
        try {
          const imported = await fresh.admin.request({
            method: 'POST',
            url: '/api/network/registry/import',
            headers: {
              'content-type': format === 'json' ? 'application/json' : 'application/zip',
            },
            payload: file.rawPayload,
          });
          expect(imported.statusCode, imported.body).toBe(201);
          expect(imported.json().tieClaims).toBe(3);
          const again = await fresh.admin.request({
            method: 'GET',
            url: `/api/network/registry/export?format=${format}`,
          });
          expect(again.rawPayload.equals(file.rawPayload), format).toBe(true);
        } finally {
          if (fresh !== other) await fresh.close();
        }
      }
    } finally {
      await other.close();
    }
  });
});
