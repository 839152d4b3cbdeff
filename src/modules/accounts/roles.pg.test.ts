// Two admins change the same role at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, startTestApi, type TestApi } from '../../../test/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe('changing a role concurrently on PostgreSQL', () => {
  it('of two changes of the same grant at once, one lands, the other gets 409, and the person holds exactly one new role', async () => {
    const organizationId = await api.createOrganization();
    const scope = { scopeType: 'organization', scopeId: organizationId } as const;
    const person = await api.createAccount([{ role: 'organization-member', ...scope }]);
    const admins = await Promise.all([
      api.createAccount([{ role: 'organization-admin', ...scope }]),
      api.signIn(api.admin.email, api.admin.password),
    ]);
    for (let round = 0; round < 5; round += 1) {
      const grants = await api.database.pool.query<{ id: string }>(
        'select id from accounts_role_grant where account_id = $1',
        [person.accountId],
      );
      expect(grants.rows).toHaveLength(1);
      const grantId = grants.rows[0]?.id;
      const targets = ['organization-admin', 'partner-viewer'] as const;
      const wanted =
        round % 2 === 0 ? targets : ([...targets].reverse() as (typeof targets)[number][]);
      const auditBefore = await countRows(
        api.database,
        `platform_audit_entry where entity_id = '${person.accountId}' and action = 'change-role'`,
      );
      const responses = await Promise.all(
        admins.map((admin, index) =>
          admin.request({
            method: 'PUT',
            url: `/api/accounts/accounts/${person.accountId}/roles/${grantId}`,
            payload: { role: wanted[index], ...scope },
          }),
        ),
      );
      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
      const winner = responses.find((response) => response.statusCode === 200)?.json();
      const held = await api.database.pool.query<{ role: string }>(
        'select role from accounts_role_grant where account_id = $1',
        [person.accountId],
      );
      expect(held.rows).toEqual([{ role: winner.grants[0].role }]);
      expect(
        await countRows(
          api.database,
          `platform_audit_entry where entity_id = '${person.accountId}' and action = 'change-role'`,
        ),
      ).toBe(auditBefore + 1);
      // Back to a plain membership for the next round.
      const back = await api.admin.request({
        method: 'PUT',
        url: `/api/accounts/accounts/${person.accountId}/roles/${winner.grants[0].id}`,
        payload: { role: 'organization-member', ...scope },
      });
      expect(back.statusCode).toBe(200);
    }
  });
  it('a change and a take-back of the same grant at once: one wins, and never both roles nor a half', async () => {
    const organizationId = await api.createOrganization();
    const scope = { scopeType: 'organization', scopeId: organizationId } as const;
    for (let round = 0; round < 4; round += 1) {
      const person = await api.createAccount([{ role: 'organization-member', ...scope }]);
      const grants = await api.database.pool.query<{ id: string }>(
        'select id from accounts_role_grant where account_id = $1',
        [person.accountId],
      );
      const url = `/api/accounts/accounts/${person.accountId}/roles/${grants.rows[0]?.id}`;
      const [changed, revoked] = await Promise.all([
        api.admin.request({ method: 'PUT', url, payload: { role: 'partner-viewer', ...scope } }),
        api.admin.request({ method: 'DELETE', url }),
      ]);
      const held = await api.database.pool.query<{ role: string }>(
        'select role from accounts_role_grant where account_id = $1',
        [person.accountId],
      );
      if (changed.statusCode === 200) {
        // The change went first: the take-back found no such grant any more.
        expect(revoked.statusCode).toBe(404);
        expect(held.rows).toEqual([{ role: 'partner-viewer' }]);
      } else {
        expect(changed.statusCode).toBe(409);
        expect(revoked.statusCode).toBe(200);
        expect(held.rows).toEqual([]);
      }
    }
  });
});
