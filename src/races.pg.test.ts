// Two clerks at once: races that need a database serving many connections at a time (the
// embedded PostgreSQL, or the server of TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFrom } from '../test/mail-sink.ts';
import { countRows, startTestApi, type TestApi } from '../test/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe('concurrent writes on PostgreSQL', () => {
  it('of eight edits made from the same version, exactly one lands and the others get 409', async () => {
    const id = await api.createOrganization({ name: 'Contended Cooperative' });
    const clerks = await Promise.all(
      Array.from({ length: 4 }, () => api.signIn(api.admin.email, api.admin.password)),
    );
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (clerks[index % clerks.length] ?? api.admin).request({
          method: 'PATCH',
          url: `/api/network/organizations/${id}`,
          payload: { version: 1, description: `Clerk ${index}` },
        }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = responses.find((response) => response.statusCode === 200)?.json();
    const stored = (
      await api.app.inject({ method: 'GET', url: `/api/network/organizations/${id}` })
    ).json();
    expect(stored).toMatchObject({ version: 2, description: winner.description });
    // Each refused clerk is shown the copy that won, to edit again.
    for (const refused of responses.filter((response) => response.statusCode === 409)) {
      expect(refused.json().current).toMatchObject({ version: 2, description: winner.description });
    }
    const audited = await api.database.pool.query(
      "select count(*)::int as count from platform_audit_entry where entity_id = $1 and action = 'update-organization'",
      [id],
    );
    expect(audited.rows[0].count).toBe(1);
  });

  it('of six ends of one affiliation sent at once from the same version, one lands and the others see it', async () => {
    const parentId = await api.createOrganization({
      name: 'Contended Federation',
      kind: 'federation',
    });
    const memberId = await api.createOrganization({ name: 'Contended Member' });
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/network/affiliations',
      payload: { memberId, parentId, kind: 'member-of', startedOn: '2001-01-01' },
    });
    expect(created.statusCode).toBe(201);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        api.admin.request({
          method: 'PATCH',
          url: `/api/network/affiliations/${created.json().id}`,
          payload: { version: 1, endedOn: `2020-01-0${index + 1}`, note: `Clerk ${index}` },
        }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = responses.find((response) => response.statusCode === 200)?.json();
    expect(winner).toMatchObject({ version: 2 });
    for (const refused of responses.filter((response) => response.statusCode === 409)) {
      expect(refused.json().current).toMatchObject({
        version: 2,
        note: winner.note,
        endedOn: winner.endedOn,
      });
    }
  });

  it('an invitation accepted twice at once makes one account', async () => {
    const organizationId = await api.createOrganization();
    const email = `twice-${Date.now()}@coop.test`;
    await api.admin.request({
      method: 'POST',
      url: '/api/accounts/invitations',
      payload: {
        email,
        roles: [
          { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
        ],
      },
    });
    const token = tokenFrom(await api.mail.waitFor(email));
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        api.app.inject({
          method: 'POST',
          url: '/api/auth/invitations/accept',
          payload: { token, displayName: 'Hasty', password: 'mango monsoon loom 1987' },
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 410, 410, 410]);
    expect(await countRows(api.database, `accounts_account where email = '${email}'`)).toBe(1);
  });

  it('a reset link used twice at once sets one password', async () => {
    const organizationId = await api.createOrganization();
    const person = await api.createAccount([
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
    ]);
    await api.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: person.email },
    });
    const token = tokenFrom(await api.mail.waitFor(person.email, /password/));
    const passwords = [
      'first mango monsoon 2030',
      'second mango monsoon 2031',
      'third mango monsoon 2032',
    ];
    const responses = await Promise.all(
      passwords.map((password) =>
        api.app.inject({
          method: 'POST',
          url: '/api/auth/password-reset/confirm',
          payload: { token, password },
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([204, 410, 410]);
    const winner = passwords[
      responses.findIndex((response) => response.statusCode === 204)
    ] as string;
    await api.signIn(person.email, winner);
  });

  it('sign-in guesses made all at once are counted one after another', async () => {
    const person = await api.createAccount([
      {
        role: 'organization-member',
        scopeType: 'organization',
        scopeId: await api.createOrganization(),
      },
    ]);
    api.setNow(new Date('2026-03-03T08:00:00Z'));
    try {
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          api.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: person.email, password: `a guess all at once ${index}` },
            remoteAddress: '198.51.100.77',
          }),
        ),
      );
      // The five free attempts; the others wait.
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    } finally {
      api.setNow(undefined);
    }
  });
});
