// People, their phones and memberships, as other modules read them through the accounts door,
// and as an organization's admins set a member's phone.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, fingerprint, startTestApi, type TestApi } from '../../../test/test-api.ts';
import type { Actor } from '../../platform/access.ts';
import type { Context } from '../../platform/context.ts';
import { findPeopleByPhone, findPeopleOfOrganization, getMemberships, getPerson } from './index.ts';

let api: TestApi;
let organizationId: string;
let otherOrganizationId: string;
let organizationAdmin: Agent;
let otherOrganizationAdmin: Agent;
let member: Agent;
let readToken: string;

beforeAll(async () => {
  api = await startTestApi();
  organizationId = await api.createOrganization({ name: 'Phone Cooperative' });
  otherOrganizationId = await api.createOrganization({ name: 'Other Cooperative' });
  organizationAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
  ]);
  otherOrganizationAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: otherOrganizationId },
  ]);
  member = await api.createAccount([
    { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
  ]);
  const token = await organizationAdmin.request({
    method: 'POST',
    url: '/api/accounts/tokens',
    payload: { name: 'reader', organizationId, access: 'read' },
  });
  readToken = token.json().token;
});
afterAll(async () => {
  await api?.close();
});

let counter = 0;
async function addMember(
  as: Agent,
  atOrganization: string,
  person: Record<string, unknown> = {},
): Promise<{ personId: string; phone: string | null; personVersion: number }> {
  counter += 1;
  const response = await as.request({
    method: 'POST',
    url: `/api/accounts/organizations/${atOrganization}/members`,
    payload: {
      person: { displayName: `Member ${counter}`, ...person },
      membership: { kind: 'worker-member', startedOn: '2024-02-01' },
    },
  });
  if (response.statusCode !== 201) throw new Error(`adding failed: ${response.body}`);
  return response.json();
}

/** The actor a signed-in agent's requests carry, for calling the door as they would. */
async function actorOf(agent: Agent): Promise<Actor> {
  const me = (await agent.request({ method: 'GET', url: '/api/auth/me' })).json();
  return {
    type: 'account',
    label: agent.email,
    accountId: me.accountId,
    personId: me.personId,
    email: agent.email,
    grants: me.grants.map(({ role, scopeType, scopeId }: Record<string, unknown>) => ({
      role,
      scopeType,
      scopeId,
    })),
    preferredLanguage: null,
  } as Actor;
}
const as = async (agent: Agent): Promise<Context> => ({
  ...api.system,
  actor: await actorOf(agent),
});

const patchPhone = (agent: Agent | undefined, personId: string, payload: unknown) => {
  const options: InjectOptions = {
    method: 'PATCH',
    url: `/api/accounts/people/${personId}`,
    payload: payload as InjectOptions['payload'],
  };
  return agent ? agent.request(options) : api.app.inject(options);
};

describe('a member’s phone', () => {
  it('is stored in E.164, typed nationally with its country or internationally', async () => {
    const national = await addMember(organizationAdmin, organizationId, {
      phone: '098765 43210',
      defaultCountry: 'IN',
    });
    expect(national.phone).toBe('+919876543210');
    const international = await addMember(organizationAdmin, organizationId, {
      phone: '+254 712 345678',
      defaultCountry: 'IN',
    });
    expect(international.phone).toBe('+254712345678');
    const none = await addMember(organizationAdmin, organizationId);
    expect(none.phone).toBeNull();
    expect((await getPerson(api.system, national.personId)).phone).toBe('+919876543210');
  });

  it('is refused when malformed, too long, hiding characters or not a number of its country, and nothing is stored', async () => {
    const before = await fingerprint(api.database);
    const cases: { phone: string; defaultCountry?: string; code: string; params?: object }[] = [
      { phone: '98765 4321x', defaultCountry: 'IN', code: 'invalid-format' },
      { phone: '<b>98765</b>', defaultCountry: 'IN', code: 'invalid-format' },
      { phone: `+91${'9'.repeat(40)}`, code: 'too-long' },
      { phone: '+91 \u202E98765 43210', code: 'hidden-characters' },
      { phone: '+91 98765\u200B43210', code: 'invalid-format' },
      {
        phone: '+91 55555 55555',
        code: 'invalid-phone',
        params: { reason: 'not-valid-for-country', country: 'IN' },
      },
      {
        phone: '555-0123',
        defaultCountry: 'US',
        code: 'invalid-phone',
        params: { reason: 'not-valid-for-country', country: 'US' },
      },
      { phone: '98765 43210', code: 'invalid-phone', params: { reason: 'country-needed' } },
      { phone: '98765 43210', defaultCountry: 'ZZ', code: 'unknown-code' },
    ];
    for (const { phone, defaultCountry, code, params } of cases) {
      const response = await organizationAdmin.request({
        method: 'POST',
        url: `/api/accounts/organizations/${organizationId}/members`,
        payload: {
          person: {
            displayName: 'Kamla Ben',
            phone,
            ...(defaultCountry ? { defaultCountry } : {}),
          },
          membership: { kind: 'worker-member', startedOn: '2024-02-01' },
        },
      });
      expect(response.statusCode, phone).toBe(400);
      const [error] = response.json().errors;
      expect(error.code, phone).toBe(code);
      expect(error.pointer, phone).toBe(
        code === 'unknown-code' ? '/person/defaultCountry' : '/person/phone',
      );
      if (params) expect(error.params, phone).toEqual(params);
    }
    // Worded in the reader's language.
    const french = await organizationAdmin.request({
      method: 'POST',
      url: `/api/accounts/organizations/${organizationId}/members`,
      headers: { 'accept-language': 'fr' },
      payload: {
        person: { displayName: 'Kamla Ben', phone: '+91 55555 55555' },
        membership: { kind: 'worker-member', startedOn: '2024-02-01' },
      },
    });
    expect(french.json().errors[0].detail).toBe(
      'Ce numéro de téléphone n’est pas valide pour IN : vérifiez ses chiffres.',
    );
    expect(await fingerprint(api.database)).toBe(before);
  });

  it('is set and cleared by the organization’s admin with the version read; a stale version gets the current copy', async () => {
    const added = await addMember(organizationAdmin, organizationId);
    const set = await patchPhone(organizationAdmin, added.personId, {
      version: added.personVersion,
      phone: '98765 43210',
      defaultCountry: 'IN',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ id: added.personId, phone: '+919876543210', version: 2 });
    const stale = await patchPhone(organizationAdmin, added.personId, {
      version: 1,
      phone: '+254 712 345678',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ phone: '+919876543210', version: 2 });
    expect(stale.json().detail).toMatch(/version 1, it is now at 2/);
    const cleared = await patchPhone(organizationAdmin, added.personId, {
      version: 2,
      phone: null,
    });
    expect(cleared.json()).toMatchObject({ phone: null, version: 3 });
    const list = await organizationAdmin.request({
      method: 'GET',
      url: `/api/accounts/organizations/${organizationId}/members?limit=100`,
    });
    const listed = list
      .json()
      .items.find((item: { personId: string }) => item.personId === added.personId);
    expect(listed).toMatchObject({ phone: null, personVersion: 3 });
    const audited = await api.database.pool.query(
      "select count(*)::int as count from platform_audit_entry where entity_id = $1 and action = 'set-person-phone' and organization_id = $2",
      [added.personId, organizationId],
    );
    expect(audited.rows[0].count).toBe(2);
  });

  it('is changed by no one else: another organization’s admin, a member, a read token, anonymous', async () => {
    const added = await addMember(organizationAdmin, organizationId, {
      phone: '+919876543210',
    });
    const ofOther = await addMember(otherOrganizationAdmin, otherOrganizationId);
    // A token's use is recorded once a minute: done now, so that the refused call changes nothing.
    await api.app.inject({
      method: 'GET',
      url: '/api/network/statistics',
      headers: { authorization: `Bearer ${readToken}` },
    });
    const before = await fingerprint(api.database);
    const payload = { version: 1, phone: '+254712345678' };
    expect((await patchPhone(otherOrganizationAdmin, added.personId, payload)).statusCode).toBe(
      403,
    );
    expect((await patchPhone(member, added.personId, payload)).statusCode).toBe(403);
    expect((await patchPhone(undefined, added.personId, payload)).statusCode).toBe(401);
    const withToken = await api.app.inject({
      method: 'PATCH',
      url: `/api/accounts/people/${added.personId}`,
      payload,
      headers: { authorization: `Bearer ${readToken}` },
    });
    expect(withToken.statusCode).toBe(403);
    // An organization's admin reaches only the members of their organization.
    expect((await patchPhone(organizationAdmin, ofOther.personId, payload)).statusCode).toBe(403);
    // Bad input as the right admin changes nothing either.
    const malformed = await patchPhone(organizationAdmin, added.personId, {
      version: 1,
      phone: '+91 55555 55555',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0]).toMatchObject({ pointer: '/phone', code: 'invalid-phone' });
    const unknown = await patchPhone(api.admin, '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e', payload);
    expect(unknown.statusCode).toBe(404);
    expect(await fingerprint(api.database)).toBe(before);
  });

  it('of anyone is set by a network admin, a person with no membership too', async () => {
    const someone = await actorOf(otherOrganizationAdmin);
    if (someone.type !== 'account') throw new Error('an account');
    const person = await getPerson(api.system, someone.personId);
    const response = await patchPhone(api.admin, someone.personId, {
      version: person.version,
      phone: '+33 6 12 34 56 78',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().phone).toBe('+33612345678');
  });
});

describe('the accounts door', () => {
  it('finds the people sharing a phone, as the phone channel asks (no uniqueness on phones)', async () => {
    const first = await addMember(organizationAdmin, organizationId, { phone: '+91 91234 56789' });
    const second = await addMember(otherOrganizationAdmin, otherOrganizationId, {
      phone: '091234 56789',
      defaultCountry: 'IN',
    });
    const found = await findPeopleByPhone(api.database.db, '+919123456789');
    expect(found.map((person) => person.id).sort()).toEqual(
      [first.personId, second.personId].sort(),
    );
    expect(found[0]).toEqual({
      id: expect.any(String),
      displayName: expect.any(String),
      preferredLanguage: null,
      phone: '+919123456789',
      version: 1,
    });
    expect(await findPeopleByPhone(api.database.db, '+919000000001')).toEqual([]);
    await expect(findPeopleByPhone(api.database.db, '09123456789')).rejects.toThrow(/E\.164/);
    const index = await api.database.pool.query(
      "select indexdef from pg_indexes where tablename = 'accounts_person' and indexname = 'accounts_person_phone'",
    );
    expect(index.rows[0].indexdef).not.toMatch(/unique/i);
  });

  it('gives a person to those who may see them, and throws when there is none', async () => {
    const added = await addMember(organizationAdmin, organizationId, {
      phone: '+919876500001',
      preferredLanguage: 'hi',
    });
    const person = await getPerson(await as(organizationAdmin), added.personId);
    expect(person).toMatchObject({
      id: added.personId,
      phone: '+919876500001',
      preferredLanguage: 'hi',
    });
    await expect(getPerson(await as(otherOrganizationAdmin), added.personId)).rejects.toMatchObject(
      {
        code: 'forbidden',
      },
    );
    await expect(getPerson(await as(member), added.personId)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      getPerson(
        { ...api.system, actor: { type: 'anonymous', label: 'anonymous' } },
        added.personId,
      ),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
    // The person themself.
    const self = await actorOf(member);
    if (self.type !== 'account') throw new Error('an account');
    expect((await getPerson({ ...api.system, actor: self }, self.personId)).id).toBe(self.personId);
    await expect(
      getPerson(api.system, '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e'),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('gives a person’s memberships, an organization’s admin only those of their organization', async () => {
    const added = await addMember(organizationAdmin, organizationId);
    // The same person joins the other organization too.
    await api.database.pool.query(
      `insert into accounts_membership (id, person_id, organization_id, kind, started_on, version, created_at, updated_at)
       values ('0190f0c4-8e2a-7c3b-9d1e-000000000001', $1, $2, 'employee', '2025-01-01', 1, now(), now())`,
      [added.personId, otherOrganizationId],
    );
    const all = await getMemberships(api.system, added.personId);
    expect(all.map((membership) => [membership.organizationId, membership.kind])).toEqual([
      [organizationId, 'worker-member'],
      [otherOrganizationId, 'employee'],
    ]);
    expect(all[0]).toMatchObject({
      personId: added.personId,
      startedOn: '2024-02-01',
      endedOn: null,
    });
    const seenByAdmin = await getMemberships(await as(organizationAdmin), added.personId);
    expect(seenByAdmin.map((membership) => membership.organizationId)).toEqual([organizationId]);
    const seenByOther = await getMemberships(await as(otherOrganizationAdmin), added.personId);
    expect(seenByOther.map((membership) => membership.organizationId)).toEqual([
      otherOrganizationId,
    ]);
    await expect(getMemberships(await as(member), added.personId)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('pages through the people of an organization, each once, for its admins', async () => {
    const organization = await api.createOrganization({ name: 'Paged Cooperative' });
    const ids = [];
    for (let index = 0; index < 5; index += 1)
      ids.push((await addMember(api.admin, organization)).personId);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await findPeopleOfOrganization(api.system, {
        organizationId: organization,
        cursor,
        limit: 2,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((person) => person.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].sort());
    await expect(
      findPeopleOfOrganization(await as(organizationAdmin), { organizationId: organization }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      findPeopleOfOrganization(api.system, { organizationId: organization, cursor: 'bogus' }),
    ).rejects.toMatchObject({ code: 'validation-failed' });
    const own = await findPeopleOfOrganization(await as(organizationAdmin), { organizationId });
    expect(own.items.length).toBeGreaterThan(0);
  });
});
