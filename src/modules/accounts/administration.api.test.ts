// Changing a role at once, disabling and enabling accounts, and the accounts list a page at a
// time with a search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFrom } from '../../../test/mail-sink.ts';
import {
  type Agent,
  countRows,
  fingerprint,
  startTestApi,
  type TestApi,
} from '../../../test/test-api.ts';
import type { Role, RoleGrant } from '../../platform/access.ts';

let api: TestApi;
let organizationId: string;
let otherOrganizationId: string;
let organizationAdmin: Agent;
beforeAll(async () => {
  api = await startTestApi();
  organizationId = await api.createOrganization({ name: 'Amul Dairy' });
  otherOrganizationId = await api.createOrganization({ name: 'Mondragon' });
  organizationAdmin = await api.createAccount(
    [{ role: 'organization-admin', scopeType: 'organization', scopeId: organizationId }],
    'Priya Admin',
  );
});
afterAll(async () => {
  await api?.close();
});

type Grant = { id: string; role: string; scopeType: string; scopeId: string | null };

async function grantsOf(accountId: string): Promise<Grant[]> {
  const page = (
    await api.admin.request({ method: 'GET', url: '/api/accounts/accounts?limit=1000' })
  ).json();
  return page.items.find((account: { id: string }) => account.id === accountId).grants;
}

const inOrganization = (role: Role, scopeId = organizationId): RoleGrant => ({
  role,
  scopeType: 'organization',
  scopeId,
});

describe('changing a role', () => {
  it('replaces the grant in one step, audited with before and after; the old grant id then gets 409', async () => {
    const person = await api.createAccount([inOrganization('organization-member')]);
    const [old] = await grantsOf(person.accountId);
    const url = `/api/accounts/accounts/${person.accountId}/roles/${old?.id}`;
    const changed = await organizationAdmin.request({
      method: 'PUT',
      url,
      payload: inOrganization('organization-admin'),
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().grants).toEqual([
      expect.objectContaining(inOrganization('organization-admin')),
    ]);
    const audit = await api.database.pool.query(
      "select organization_id, before, after from platform_audit_entry where entity_id = $1 and action = 'change-role'",
      [person.accountId],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].organization_id).toBe(organizationId);
    expect(audit.rows[0].before).toEqual([
      expect.objectContaining({ role: 'organization-member' }),
    ]);
    expect(audit.rows[0].after).toEqual([expect.objectContaining({ role: 'organization-admin' })]);

    // Someone else, working from the same page, changes the grant that is no longer there.
    const before = await fingerprint(api.database);
    const stale = await organizationAdmin.request({
      method: 'PUT',
      url,
      payload: inOrganization('partner-viewer'),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toMatch(/taken back or changed meanwhile/);
    expect(await fingerprint(api.database)).toBe(before);
  });

  it('refuses a role the account already holds, pointing at the role', async () => {
    const person = await api.createAccount([
      inOrganization('organization-member'),
      inOrganization('partner-viewer'),
    ]);
    const member = (await grantsOf(person.accountId)).find(
      (grant) => grant.role === 'organization-member',
    );
    const response = await organizationAdmin.request({
      method: 'PUT',
      url: `/api/accounts/accounts/${person.accountId}/roles/${member?.id}`,
      payload: inOrganization('partner-viewer'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '/role' })]);
    expect(await grantsOf(person.accountId)).toHaveLength(2);
  });

  it("refuses an organization admin a network role, or another organization's grant, and changes nothing", async () => {
    const person = await api.createAccount([
      inOrganization('organization-member'),
      inOrganization('organization-member', otherOrganizationId),
    ]);
    const grants = await grantsOf(person.accountId);
    const own = grants.find((grant) => grant.scopeId === organizationId);
    const other = grants.find((grant) => grant.scopeId === otherOrganizationId);
    const attempts = [
      { grant: own, payload: { role: 'network-staff', scopeType: 'network', scopeId: null } },
      { grant: own, payload: inOrganization('organization-admin', otherOrganizationId) },
      { grant: other, payload: inOrganization('organization-admin') },
    ];
    for (const attempt of attempts) {
      const before = await fingerprint(api.database);
      const response = await organizationAdmin.request({
        method: 'PUT',
        url: `/api/accounts/accounts/${person.accountId}/roles/${attempt.grant?.id}`,
        payload: attempt.payload,
      });
      expect(response.statusCode, JSON.stringify(attempt.payload)).toBe(403);
      expect(await fingerprint(api.database)).toBe(before);
    }
    // Allowed within their organization, the answer shows only the roles there.
    const allowed = await organizationAdmin.request({
      method: 'PUT',
      url: `/api/accounts/accounts/${person.accountId}/roles/${own?.id}`,
      payload: inOrganization('partner-viewer'),
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().grants).toEqual([
      expect.objectContaining(inOrganization('partner-viewer')),
    ]);
  });

  it("a network admin moves a role to another organization; both organizations' admins read it in the log", async () => {
    const person = await api.createAccount([inOrganization('organization-member')]);
    const [old] = await grantsOf(person.accountId);
    const response = await api.admin.request({
      method: 'PUT',
      url: `/api/accounts/accounts/${person.accountId}/roles/${old?.id}`,
      payload: inOrganization('organization-member', otherOrganizationId),
    });
    expect(response.statusCode).toBe(200);
    const audit = await api.database.pool.query(
      "select organization_id from platform_audit_entry where entity_id = $1 and action = 'change-role' order by organization_id",
      [person.accountId],
    );
    expect(audit.rows.map((row) => row.organization_id).sort()).toEqual(
      [organizationId, otherOrganizationId].sort(),
    );
  });

  it('refuses to change the last network admin into something else', async () => {
    const [grant] = await grantsOf(api.admin.accountId);
    const response = await api.admin.request({
      method: 'PUT',
      url: `/api/accounts/accounts/${api.admin.accountId}/roles/${grant?.id}`,
      payload: { role: 'network-staff', scopeType: 'network', scopeId: null },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/last network admin/);
  });
});

describe('disabling and enabling an account', () => {
  it('ends the sessions, revokes the API tokens, refuses sign-in with the generic message, and is audited', async () => {
    const person = await api.createAccount([inOrganization('organization-admin')], 'Leaving Lila');
    const token = (
      await person.request({
        method: 'POST',
        url: '/api/accounts/tokens',
        payload: { name: 'Reports', organizationId, access: 'read' },
      })
    ).json().token as string;
    const bearer = { authorization: `Bearer ${token}` };
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/accounts/tokens', headers: bearer }))
        .statusCode,
    ).toBe(200);

    await api.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: person.email },
    });
    const resetToken = tokenFrom(await api.mail.waitFor(person.email, /password/));

    const disabled = await api.admin.request({
      method: 'POST',
      url: `/api/accounts/accounts/${person.accountId}/disable`,
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ id: person.accountId, status: 'disabled' });

    expect((await person.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/accounts/tokens', headers: bearer }))
        .statusCode,
    ).toBe(401);
    const refused = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: person.password },
    });
    const wrongPassword = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: organizationAdmin.email, password: 'not the password at all' },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().detail).toBe(wrongPassword.json().detail);
    expect(
      await countRows(
        api.database,
        `accounts_session where account_id = '${person.accountId}' and revoked_at is null`,
      ),
    ).toBe(0);
    expect(
      await countRows(
        api.database,
        `accounts_api_token where account_id = '${person.accountId}' and revoked_at is null`,
      ),
    ).toBe(0);
    const audit = await api.database.pool.query(
      "select before, after from platform_audit_entry where entity_id = $1 and action = 'disable-account'",
      [person.accountId],
    );
    expect(audit.rows).toEqual([
      {
        before: { status: 'active' },
        after: { status: 'disabled', sessionsEnded: 1, apiTokensRevoked: 1 },
      },
    ]);

    const enabled = await api.admin.request({
      method: 'POST',
      url: `/api/accounts/accounts/${person.accountId}/enable`,
    });
    expect(enabled.json().status).toBe('active');
    await api.signIn(person.email, person.password);
    // The reset link sent before disabling no longer works.
    const reset = await api.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token: resetToken, password: 'a brand new mango password 2026' },
    });
    expect(reset.statusCode).toBe(410);
    // Tokens revoked on disabling stay revoked.
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/accounts/tokens', headers: bearer }))
        .statusCode,
    ).toBe(401);
    expect(
      await countRows(
        api.database,
        `platform_audit_entry where entity_id = '${person.accountId}' and action = 'enable-account'`,
      ),
    ).toBe(1);
  });

  it("refuses organization admins, even for their own organization's people, and changes nothing", async () => {
    const person = await api.createAccount([inOrganization('organization-member')]);
    for (const action of ['disable', 'enable']) {
      const before = await fingerprint(api.database);
      const response = await organizationAdmin.request({
        method: 'POST',
        url: `/api/accounts/accounts/${person.accountId}/${action}`,
      });
      expect(response.statusCode).toBe(403);
      expect(await fingerprint(api.database)).toBe(before);
    }
  });

  it('refuses an admin disabling themselves, and answers 404 for an unknown account', async () => {
    const self = await api.admin.request({
      method: 'POST',
      url: `/api/accounts/accounts/${api.admin.accountId}/disable`,
    });
    expect(self.statusCode).toBe(409);
    expect((await api.admin.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    const unknown = await api.admin.request({
      method: 'POST',
      url: '/api/accounts/accounts/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e/disable',
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the accounts list', () => {
  it('pages by email with a cursor, and searches names and emails', async () => {
    const names = ['Zoë Paging One', 'Zoë Paging Two', 'Zoë Paging Three', 'Zoë 100%_Sure'];
    const people = [];
    for (const name of names)
      people.push(await api.createAccount([inOrganization('organization-member')], name));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: '2' });
      if (cursor) query.set('cursor', cursor);
      const response = await api.admin.request({
        method: 'GET',
        url: `/api/accounts/accounts?${query}`,
      });
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((account: { email: string }) => account.email));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    const all = (
      await api.admin.request({ method: 'GET', url: '/api/accounts/accounts?limit=1000' })
    ).json();
    expect(all.nextCursor).toBeNull();
    expect(seen).toEqual(all.items.map((account: { email: string }) => account.email));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);

    const byName = (
      await api.admin.request({ method: 'GET', url: '/api/accounts/accounts?q=zoË%20paging' })
    ).json();
    expect(
      byName.items.map((account: { displayName: string }) => account.displayName).sort(),
    ).toEqual(['Zoë Paging One', 'Zoë Paging Three', 'Zoë Paging Two']);
    const byEmail = (
      await api.admin.request({
        method: 'GET',
        url: `/api/accounts/accounts?q=${encodeURIComponent(people[0]?.email.toUpperCase() ?? '')}`,
      })
    ).json();
    expect(byEmail.items.map((account: { id: string }) => account.id)).toEqual([
      people[0]?.accountId,
    ]);
    // The wildcards of a search are plain characters.
    const literal = (
      await api.admin.request({ method: 'GET', url: '/api/accounts/accounts?q=100%25_' })
    ).json();
    expect(literal.items.map((account: { displayName: string }) => account.displayName)).toEqual([
      'Zoë 100%_Sure',
    ]);
    const none = (
      await api.admin.request({ method: 'GET', url: '/api/accounts/accounts?q=%25' })
    ).json();
    expect(none.items.map((account: { displayName: string }) => account.displayName)).toEqual([
      'Zoë 100%_Sure',
    ]);
  });

  it("an organization admin pages and searches only their organization's accounts", async () => {
    const outsider = await api.createAccount(
      [inOrganization('organization-member', otherOrganizationId)],
      'Outside Oscar',
    );
    const seen: { id: string; grants: Grant[] }[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: '3' });
      if (cursor) query.set('cursor', cursor);
      const page = (
        await organizationAdmin.request({ method: 'GET', url: `/api/accounts/accounts?${query}` })
      ).json();
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.some((account) => account.id === outsider.accountId)).toBe(false);
    for (const account of seen)
      for (const grant of account.grants) expect(grant.scopeId).toBe(organizationId);
    const search = (
      await organizationAdmin.request({ method: 'GET', url: '/api/accounts/accounts?q=oscar' })
    ).json();
    expect(search.items).toEqual([]);
  });

  it('refuses a cursor it did not give, and a limit out of range', async () => {
    for (const query of ['cursor=bm90LWFuLWVtYWls', 'limit=0', 'limit=1001', 'limit=many']) {
      const response = await api.admin.request({
        method: 'GET',
        url: `/api/accounts/accounts?${query}`,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});
