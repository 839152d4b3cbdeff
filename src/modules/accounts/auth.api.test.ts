import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationToken } from '../../../test/invitations.ts';
import { tokenFrom } from '../../../test/mail-sink.ts';
import { type Agent, countRows, startTestApi, type TestApi } from '../../../test/test-api.ts';
import { sessionCookie } from './index.ts';
import { MeAnswer } from './schemas.ts';

let api: TestApi;
let organizationId: string;
let otherOrganizationId: string;
beforeAll(async () => {
  api = await startTestApi();
  organizationId = await api.createOrganization({ name: 'Anand Milk Union' });
  otherOrganizationId = await api.createOrganization({ name: 'Eroski' });
});
afterAll(async () => {
  api.setNow(undefined);
  await api?.close();
});

const minutes = (count: number) => count * 60_000;

/**
 * A door in front of the test's mail sink that can hold new connections, to show that an answer
 * does not wait for the mail server.
 */
async function startMailGate() {
  let target = 0;
  let held: Array<() => void> | undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    const connect = () => {
      const upstream = net.connect(target, '127.0.0.1');
      sockets.add(upstream);
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    if (held) held.push(connect);
    else connect();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    forwardTo(url: string) {
      target = Number(new URL(url).port);
    },
    hold() {
      held = [];
    },
    release() {
      const waiting = held ?? [];
      held = undefined;
      for (const connect of waiting) connect();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('signing in and out', () => {
  it('signs in with email and password, sets an HttpOnly SameSite=Lax cookie, and answers the CSRF token', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: api.admin.email.toUpperCase(), password: api.admin.password },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(response.json().me.grants).toEqual([
      expect.objectContaining({ role: 'network-admin', scopeType: 'network' }),
    ]);
    const cookie = response.cookies.find((entry) => entry.name === sessionCookie);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // Served over http here; over https the cookie is Secure (see the next test).
    expect(cookie?.secure).toBeFalsy();
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const secure = await startTestApi({ PUBLIC_URL: 'https://coops.example.org' });
    try {
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: secure.admin.email, password: secure.admin.password },
      });
      expect(response.cookies.find((entry) => entry.name === sessionCookie)?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('refuses a wrong password and an unknown email with the same generic message', async () => {
    const wrong = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: api.admin.email, password: 'not the password at all' },
    });
    const unknown = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@coop.test', password: 'not the password at all' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.cookies).toEqual([]);
  });

  it('tells a visitor with neither cookie nor token that nobody is signed in, without an error', async () => {
    const visitor = await api.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ signedIn: false });
    expect(MeAnswer.parse(visitor.json())).toEqual({ signedIn: false });
    expect(visitor.cookies).toEqual([]);

    // Someone signed in gets the same shape, with `signedIn: true` and the rest.
    const signed = await api.admin.request({ method: 'GET', url: '/api/auth/me' });
    expect(signed.statusCode).toBe(200);
    expect(MeAnswer.parse(signed.json())).toMatchObject({
      signedIn: true,
      accountId: api.admin.accountId,
      csrfToken: api.admin.csrfToken,
    });

    // A cookie of no live session (ended, or made up): 401, so that an open page learns it, and
    // the cookie is cleared, so that the next visit is a visitor's.
    const ended = await api.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `${sessionCookie}=${'x'.repeat(43)}` },
    });
    expect(ended.statusCode).toBe(401);
    expect(ended.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(ended.cookies.find((entry) => entry.name === sessionCookie)?.value).toBe('');
    // An unknown token is refused as before, whatever else the request lacks.
    const token = await api.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: 'Bearer ic_madeup' },
    });
    expect(token.statusCode).toBe(401);
  });

  it('gives a new session id at every sign-in, and signing out ends only that session', async () => {
    const first = await api.signIn(api.admin.email, api.admin.password);
    const second = await api.signIn(api.admin.email, api.admin.password);
    expect(first.cookie).not.toBe(second.cookie);
    const out = await first.request({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ sessionsEnded: 1 });
    expect((await first.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await second.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('signs out everywhere', async () => {
    const person = await api.createAccount([
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
    ]);
    const phone = await api.signIn(person.email, person.password);
    const sessions = await person.request({ method: 'GET', url: '/api/auth/sessions' });
    expect(sessions.json().items).toHaveLength(2);
    expect(sessions.json().items.filter((item: { current: boolean }) => item.current)).toHaveLength(
      1,
    );
    const out = await person.request({ method: 'POST', url: '/api/auth/logout?everywhere=true' });
    expect(out.json()).toEqual({ sessionsEnded: 2 });
    expect((await phone.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('ends a session after 30 idle minutes, and after 12 hours whatever the activity', async () => {
    const start = new Date('2026-03-01T08:00:00Z');
    api.setNow(start);
    try {
      const agent = await api.signIn(api.admin.email, api.admin.password);
      // Active every 20 minutes: the idle limit keeps moving.
      for (let step = 1; step <= 3; step++) {
        api.setNow(new Date(start.getTime() + minutes(20 * step)));
        expect((await agent.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      }
      // 31 minutes of silence.
      api.setNow(new Date(start.getTime() + minutes(60 + 31)));
      const idle = await agent.request({ method: 'GET', url: '/api/auth/me' });
      expect(idle.statusCode).toBe(401);
      expect(idle.cookies.find((entry) => entry.name === sessionCookie)?.value).toBe('');

      api.setNow(start);
      const busy = await api.signIn(api.admin.email, api.admin.password);
      for (let minute = 25; minute < 12 * 60; minute += 25) {
        api.setNow(new Date(start.getTime() + minutes(minute)));
        expect((await busy.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      }
      api.setNow(new Date(start.getTime() + minutes(12 * 60 + 1)));
      expect((await busy.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    } finally {
      api.setNow(undefined);
    }
  });

  it('takes the client’s address from X-Forwarded-For only from a proxy named in TRUST_PROXY', async () => {
    const addressOf = async (target: TestApi, remoteAddress: string) => {
      const login = await target.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: target.admin.email, password: target.admin.password },
        headers: { 'x-forwarded-for': '203.0.113.7' },
        remoteAddress,
      });
      const cookie = login.cookies.find((entry) => entry.name === sessionCookie);
      const sessions = await target.app.inject({
        method: 'GET',
        url: '/api/auth/sessions',
        headers: { cookie: `${sessionCookie}=${cookie?.value}` },
      });
      return sessions.json().items.find((item: { current: boolean }) => item.current).address;
    };
    // By default nobody is believed: the address is the one that connected.
    expect(await addressOf(api, '127.0.0.1')).toBe('127.0.0.1');
    const proxied = await startTestApi({ TRUST_PROXY: '127.0.0.1' });
    try {
      expect(await addressOf(proxied, '127.0.0.1')).toBe('203.0.113.7');
      // Someone connecting directly cannot pass for another address.
      expect(await addressOf(proxied, '198.51.100.3')).toBe('198.51.100.3');
    } finally {
      await proxied.close();
    }
  });

  it('moves the idle deadline with every request, however short the idle limit', async () => {
    const brief = await startTestApi({ SESSION_IDLE_MINUTES: '1' });
    try {
      const start = new Date('2026-03-01T08:00:00Z');
      const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
      brief.setNow(start);
      const agent = await brief.signIn(brief.admin.email, brief.admin.password);
      // A request every 20 seconds for five minutes: never a minute without one.
      for (let seconds = 20; seconds <= 300; seconds += 20) {
        brief.setNow(at(seconds));
        const sessions = await agent.request({ method: 'GET', url: '/api/auth/sessions' });
        expect(sessions.statusCode, `after ${seconds} s`).toBe(200);
        const current = sessions.json().items.find((item: { current: boolean }) => item.current);
        expect(current.expiresAt).toBe(at(seconds + 60).toISOString());
      }
      // Then 61 seconds of silence.
      brief.setNow(at(300 + 61));
      expect((await agent.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    } finally {
      await brief.close();
    }
  });

  it('slows failed sign-ins per account and address with a growing delay, which the right password clears', async () => {
    const person = await api.createAccount([
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
    ]);
    const attempt = (password: string) =>
      api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: person.email, password },
        remoteAddress: '198.51.100.20',
      });
    const start = new Date('2026-03-02T08:00:00Z');
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    api.setNow(start);
    try {
      for (let index = 0; index < 5; index++)
        expect((await attempt(`wrong guess number ${index}`)).statusCode).toBe(401);
      // Then each failure doubles the wait: 1 s, 2 s, 4 s.
      let seconds = 0;
      for (const wait of [1, 2, 4]) {
        const limited = await attempt(person.password);
        expect(limited.statusCode).toBe(429);
        expect(limited.headers['retry-after']).toBe(String(wait));
        expect(limited.json().detail).toMatch(new RegExp(`wait ${wait} seconds?`));
        seconds += wait;
        api.setNow(at(seconds));
        expect((await attempt('yet another wrong guess')).statusCode).toBe(401);
      }
      expect((await attempt(person.password)).statusCode).toBe(429);
      // After the wait the right password works, and the count starts again.
      api.setNow(at(seconds + 8));
      expect((await attempt(person.password)).statusCode).toBe(200);
      for (let index = 0; index < 5; index++)
        expect((await attempt(`fresh wrong guess ${index}`)).statusCode).toBe(401);
    } finally {
      api.setNow(undefined);
    }
  });

  it('lets nobody lock someone else out: failures from one address refuse no other address, nor other accounts', async () => {
    const victim = await api.createAccount([
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
    ]);
    const from = (address: string, email: string, password: string) =>
      api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password },
        remoteAddress: address,
      });
    const attacker = '198.51.100.66';
    let refused = 0;
    for (let index = 0; index < 12; index++) {
      const response = await from(attacker, victim.email, `a wrong guess ${index}`);
      expect([401, 429]).toContain(response.statusCode);
      if (response.statusCode === 429) refused++;
    }
    expect(refused).toBeGreaterThan(0);
    // Ten wrong passwords for other accounts from the same address.
    for (let index = 0; index < 10; index++)
      await from(attacker, `guess${index}@coop.test`, 'a wrong password');
    // The victim from their own address, and the network admin from the attacker's, sign in.
    expect((await from('203.0.113.10', victim.email, victim.password)).statusCode).toBe(200);
    expect((await from(attacker, api.admin.email, api.admin.password)).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the session’s token, and changes nothing', async () => {
    const before = await countRows(api.database, 'network_organization');
    const payload = { name: 'Forged', kind: 'cooperative', country: 'IN', sector: 'agriculture' };
    const without = await api.app.inject({
      method: 'POST',
      url: '/api/network/organizations',
      headers: { cookie: api.admin.cookie },
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().detail).toMatch(/x-csrf-token/);
    const wrong = await api.app.inject({
      method: 'POST',
      url: '/api/network/organizations',
      headers: { cookie: api.admin.cookie, 'x-csrf-token': 'x'.repeat(43) },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    expect(await countRows(api.database, 'network_organization')).toBe(before);
    // Reads need no token.
    expect(
      (
        await api.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { cookie: api.admin.cookie },
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('API tokens', () => {
  let organizationAdmin: Agent;
  beforeAll(async () => {
    organizationAdmin = await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
    ]);
  });

  async function makeToken(access: 'read' | 'write', forOrganization = organizationId) {
    const response = await organizationAdmin.request({
      method: 'POST',
      url: '/api/accounts/tokens',
      payload: { name: `${access} token`, organizationId: forOrganization, access },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; token: string; prefix: string };
  }

  it('is shown once, stored hashed, and lists without the secret', async () => {
    const created = await makeToken('read');
    expect(created.token).toMatch(/^ic_/);
    const stored = await api.database.pool.query(
      'select token_hash from accounts_api_token where id = $1',
      [created.id],
    );
    expect(stored.rows[0].token_hash).not.toContain(created.token);
    const list = await organizationAdmin.request({ method: 'GET', url: '/api/accounts/tokens' });
    expect(JSON.stringify(list.json())).not.toContain(created.token);
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(created.id);
  });

  it('reads with a read token, and records its last use', async () => {
    const { id, token } = await makeToken('read');
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/audit/entries',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    const row = await api.database.pool.query(
      'select last_used_at from accounts_api_token where id = $1',
      [id],
    );
    expect(row.rows[0].last_used_at).not.toBeNull();
  });

  it('may not write with a read token, nor act for another organization, nor without CSRF needs', async () => {
    const read = await makeToken('read');
    const write = await makeToken('write');
    const patch = (token: string, id: string) =>
      api.app.inject({
        method: 'PATCH',
        url: `/api/network/organizations/${id}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { version: 1, description: 'By token.' },
      });
    expect((await patch(read.token, organizationId)).statusCode).toBe(403);
    const elsewhere = await patch(write.token, otherOrganizationId);
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().detail).toBe(
      'This API token is limited to Anand Milk Union; it cannot act on another organization.',
    );
    const inFrench = await api.app.inject({
      method: 'PATCH',
      url: `/api/network/organizations/${otherOrganizationId}`,
      headers: { authorization: `Bearer ${write.token}`, 'accept-language': 'fr' },
      payload: { version: 1, description: 'By token.' },
    });
    expect(inFrench.json().detail).toContain('limité à Anand Milk Union');
    // A request that concerns no one organization (the job queues) names the token's too.
    const networkWide = await api.app.inject({
      method: 'GET',
      url: '/api/platform/queues',
      headers: { authorization: `Bearer ${write.token}` },
    });
    expect(networkWide.statusCode).toBe(403);
    expect(networkWide.json().detail).toMatch(/^This API token is limited to Anand Milk Union, /);
    const allowed = await patch(write.token, organizationId);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().description).toBe('By token.');
  });

  it('stops working when revoked; a made-up or malformed token gets 401', async () => {
    const { id, token } = await makeToken('write');
    const revoke = await organizationAdmin.request({
      method: 'POST',
      url: `/api/accounts/tokens/${id}/revoke`,
    });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json().revokedAt).not.toBeNull();
    for (const authorization of [`Bearer ${token}`, 'Bearer ic_madeup', 'Basic abc']) {
      const response = await api.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization },
      });
      expect(response.statusCode).toBe(401);
    }
  });

  it('acts on its organization only, never on its owner’s account: no sessions, no sign-out, no me', async () => {
    const owner = await api.signIn(organizationAdmin.email, organizationAdmin.password);
    const sessionsBefore = (
      await owner.request({ method: 'GET', url: '/api/auth/sessions' })
    ).json().items;
    const current = sessionsBefore.find((item: { current: boolean }) => item.current);
    for (const access of ['read', 'write'] as const) {
      const { token } = await makeToken(access);
      const withToken = (method: 'GET' | 'POST' | 'DELETE', url: string) =>
        api.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
      const refused = [
        await withToken('GET', '/api/auth/me'),
        await withToken('GET', '/api/auth/sessions'),
        await withToken('DELETE', `/api/auth/sessions/${current.id}`),
        await withToken('POST', '/api/auth/logout?everywhere=true'),
        await withToken('POST', '/api/auth/logout'),
      ];
      expect(refused.map((response) => response.statusCode)).toEqual([403, 403, 403, 403, 403]);
    }
    // Every session of the owner is still open.
    const sessionsAfter = await owner.request({ method: 'GET', url: '/api/auth/sessions' });
    expect(sessionsAfter.statusCode).toBe(200);
    expect(sessionsAfter.json().items.map((item: { id: string }) => item.id)).toEqual(
      sessionsBefore.map((item: { id: string }) => item.id),
    );
  });

  it('cannot be made for an organization one does not administer', async () => {
    const response = await organizationAdmin.request({
      method: 'POST',
      url: '/api/accounts/tokens',
      payload: { name: 'elsewhere', organizationId: otherOrganizationId, access: 'read' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('invitations', () => {
  it('sends a link by email; accepting creates the account with its roles, once', async () => {
    const email = `amina-${Date.now()}@coop.test`;
    const invited = await api.admin.request({
      method: 'POST',
      url: '/api/accounts/invitations',
      payload: {
        email,
        roles: [{ role: 'organization-admin', scopeType: 'organization', scopeId: organizationId }],
      },
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json().status).toBe('pending');
    const mail = await api.mail.waitFor(email, /invited/);
    expect(mail.text).toContain('http://intercoop.test/invitations/accept#token=');
    const token = tokenFrom(mail);
    const weak = await api.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: { token, displayName: 'Amina', password: 'password12345' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].pointer).toBe('/password');
    const accepted = await api.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: { token, displayName: 'Amina', password: 'mango monsoon loom 1987' },
    });
    expect(accepted.statusCode).toBe(201);
    const again = await api.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: { token, displayName: 'Amina', password: 'mango monsoon loom 1987' },
    });
    expect(again.statusCode).toBe(410);
    const agent = await api.signIn(email, 'mango monsoon loom 1987');
    const me = await agent.request({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().grants).toEqual([
      expect.objectContaining({ role: 'organization-admin', scopeId: organizationId }),
    ]);
  });

  it('refuses a password a strength estimate finds guessable, and says why, whether chosen from an invitation or a reset link', async () => {
    const email = `guessable-${Date.now()}@coop.test`;
    const token = await invitationToken(api, email, [
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
    ]);
    const accept = (password: string) =>
      api.app.inject({
        method: 'POST',
        url: '/api/auth/invitations/accept',
        payload: { token, displayName: 'Wanjiru Kamau', password },
      });
    for (const [password, cause] of [
      ['qwertyuiopasdf', 'common-password'],
      ['Intercoop2024!', 'personal-information'],
      ['Wanjiru2024!', 'personal-information'],
    ] as const) {
      const refused = await accept(password);
      expect(refused.statusCode, password).toBe(400);
      expect(refused.json().errors).toEqual([
        expect.objectContaining({
          pointer: '/password',
          code: 'guessable-password',
          params: { cause },
          detail: expect.stringMatching(/Add another word or two/),
        }),
      ]);
    }
    expect(await countRows(api.database, `accounts_account where email = '${email}'`)).toBe(0);
    expect((await accept('mango monsoon loom 7070')).statusCode).toBe(201);

    await api.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
    const reset = tokenFrom(await api.mail.waitFor(email, /password/));
    const confirm = await api.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token: reset, password: 'Wanjiru Kamau 1' },
    });
    expect(confirm.statusCode).toBe(400);
    expect(confirm.json().errors[0]).toMatchObject({
      code: 'guessable-password',
      params: { cause: 'personal-information' },
    });
  });

  it('expires after 7 days', async () => {
    const email = `late-${Date.now()}@coop.test`;
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
    api.setNow(new Date(Date.now() + 7 * 86_400_000 + 1000));
    try {
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/auth/invitations/accept',
        payload: { token, displayName: 'Late', password: 'mango monsoon loom 1987' },
      });
      expect(response.statusCode).toBe(410);
      expect(response.json().detail).toMatch(/expired/);
    } finally {
      api.setNow(undefined);
    }
    expect(await countRows(api.database, `accounts_account where email = '${email}'`)).toBe(0);
  });

  it('can be revoked, and a revoked link no longer works', async () => {
    const email = `withdrawn-${Date.now()}@coop.test`;
    const invited = await api.admin.request({
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
    const revoked = await api.admin.request({
      method: 'POST',
      url: `/api/accounts/invitations/${invited.json().id}/revoke`,
    });
    expect(revoked.json().status).toBe('revoked');
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: { token, displayName: 'Too late', password: 'mango monsoon loom 1987' },
    });
    expect(response.statusCode).toBe(410);
    expect(response.json().detail).toMatch(/withdrawn/);
  });

  it('an organization admin may invite to their organization only, and never to network roles', async () => {
    const organizationAdmin = await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
    ]);
    const invite = (roles: unknown) =>
      organizationAdmin.request({
        method: 'POST',
        url: '/api/accounts/invitations',
        payload: { email: `x-${Date.now()}@coop.test`, roles },
      });
    expect(
      (
        await invite([
          { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
        ])
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await invite([
          { role: 'organization-member', scopeType: 'organization', scopeId: otherOrganizationId },
        ])
      ).statusCode,
    ).toBe(403);
    expect(
      (await invite([{ role: 'network-admin', scopeType: 'network', scopeId: null }])).statusCode,
    ).toBe(403);
    const misfit = await invite([
      { role: 'network-staff', scopeType: 'organization', scopeId: organizationId },
    ]);
    expect(misfit.statusCode).toBe(400);
    expect(misfit.json().errors[0].pointer).toBe('/roles/0/scopeType');
  });
});

describe('password reset', () => {
  it('answers the same for unknown emails, and a link works once, within the hour, and ends every session', async () => {
    const person = await api.createAccount([
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
    ]);
    const unknown = await api.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'nobody@coop.test' },
    });
    const known = await api.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: person.email },
    });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const token = tokenFrom(await api.mail.waitFor(person.email, /password/));
    const confirm = (password: string) =>
      api.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token, password },
      });
    expect((await confirm('new mango monsoon 2030')).statusCode).toBe(204);
    expect((await confirm('another mango monsoon 2031')).statusCode).toBe(410);
    expect((await person.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    await api.signIn(person.email, 'new mango monsoon 2030');
    await expect(api.signIn(person.email, person.password)).rejects.toThrow(/401/);
  });

  it('limits requests per email and per address, whether or not the email has an account', async () => {
    const person = await api.createAccount([
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
    ]);
    const ask = (email: string, remoteAddress: string) =>
      api.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: { email },
        remoteAddress,
      });
    // The real clock: the reset links' mails go out through the outbox, which keeps time too.
    // Three mails for one email, even from as many addresses; then a wait.
    for (const email of [person.email, `nobody-${Date.now()}@coop.test`]) {
      for (let index = 0; index < 3; index++)
        expect((await ask(email, `198.51.100.${110 + index}`)).statusCode).toBe(202);
      const limited = await ask(email, '198.51.100.120');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('300');
      expect(limited.json().detail).toMatch(/wait 5 minutes/);
    }
    // Ten requests from one address, whatever the emails; then a wait.
    for (let index = 0; index < 10; index++)
      expect((await ask(`someone-${index}@coop.test`, '198.51.100.130')).statusCode).toBe(202);
    expect((await ask('someone-else@coop.test', '198.51.100.130')).statusCode).toBe(429);
    const resets = () =>
      api.mail.messages.filter(
        (message) => message.to.includes(person.email) && /password/.test(message.subject),
      );
    // The outbox delivers them in the background: wait for the three, then for no fourth.
    for (let waited = 0; resets().length < 3 && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resets()).toHaveLength(3);
  });

  it('answers without waiting for the mail server, so that its time tells nothing', async () => {
    const gate = await startMailGate();
    const gated = await startTestApi({ SMTP_URL: gate.url });
    try {
      gate.forwardTo(gated.mail.url);
      const person = await gated.createAccount([
        {
          role: 'organization-member',
          scopeType: 'organization',
          scopeId: await gated.createOrganization(),
        },
      ]);
      gate.hold();
      const ask = (email: string) =>
        gated.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
      // The mail server is held: an answer that waited on it would not come.
      const known = await ask(person.email);
      const unknown = await ask('nobody@coop.test');
      expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
      expect(known.body).toBe(unknown.body);
      expect(gated.mail.messages.filter((message) => /password/.test(message.subject))).toEqual([]);
      gate.release();
      expect(tokenFrom(await gated.mail.waitFor(person.email, /password/))).toBeTruthy();
    } finally {
      gate.release();
      await gated.close();
      await gate.close();
    }
  });

  it('a link older than an hour does not work', async () => {
    const person = await api.createAccount([
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
    ]);
    await api.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: person.email },
    });
    const token = tokenFrom(await api.mail.waitFor(person.email, /password/));
    api.setNow(new Date(Date.now() + 61 * 60_000));
    try {
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token, password: 'new mango monsoon 2030' },
      });
      expect(response.statusCode).toBe(410);
    } finally {
      api.setNow(undefined);
    }
  });
});

describe('versions and the audit log', () => {
  it('a stale update gets 409 with the current copy, and changes nothing', async () => {
    const read = await api.app.inject({
      method: 'GET',
      url: `/api/network/organizations/${otherOrganizationId}`,
    });
    const version = read.json().version;
    const first = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/organizations/${otherOrganizationId}`,
      payload: { version, description: 'First clerk' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(version + 1);
    const second = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/organizations/${otherOrganizationId}`,
      payload: { version, description: 'Second clerk' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().current).toMatchObject({
      description: 'First clerk',
      version: version + 1,
    });
    const after = await api.app.inject({
      method: 'GET',
      url: `/api/network/organizations/${otherOrganizationId}`,
    });
    expect(after.json().description).toBe('First clerk');
  });

  it('records who changed what, before and after, with the request id', async () => {
    const read = await api.app.inject({
      method: 'GET',
      url: `/api/network/organizations/${organizationId}`,
    });
    const change = await api.admin.request({
      method: 'PATCH',
      url: `/api/network/organizations/${organizationId}`,
      headers: { 'x-request-id': 'audit-me-1' },
      payload: { version: read.json().version, foundingYear: 1946 },
    });
    expect(change.statusCode).toBe(200);
    const log = await api.admin.request({
      method: 'GET',
      url: `/api/audit/entries?organizationId=${organizationId}&action=update-organization`,
    });
    const entry = log
      .json()
      .items.find((item: { requestId: string }) => item.requestId === 'audit-me-1');
    expect(entry).toMatchObject({
      actorAccountId: api.admin.accountId,
      entityType: 'organization',
      entityId: organizationId,
      before: expect.objectContaining({ foundingYear: read.json().foundingYear }),
      after: expect.objectContaining({ foundingYear: 1946 }),
    });
  });

  it('shows an organization’s admin only the roles within their organization, in every entry', async () => {
    const organizationAdmin = await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
    ]);
    // Someone with a role elsewhere, invited to both organizations, then given a role here.
    const token = await invitationToken(api, `two-hats-${Date.now()}@coop.test`, [
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
      { role: 'organization-admin', scopeType: 'organization', scopeId: otherOrganizationId },
    ]);
    const accepted = await api.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: {
        token,
        displayName: 'Two Hats',
        password: 'mango monsoon loom 4242',
      },
    });
    const accountId = accepted.json().accountId;
    const granted = await organizationAdmin.request({
      method: 'POST',
      url: `/api/accounts/accounts/${accountId}/roles`,
      payload: { role: 'partner-viewer', scopeType: 'organization', scopeId: organizationId },
    });
    expect(granted.statusCode).toBe(200);
    const read = async (agent: Agent) => {
      const response = await agent.request({
        method: 'GET',
        url: `/api/audit/entries?entityId=${accountId}`,
      });
      expect(response.statusCode).toBe(200);
      return response.json().items as Array<{ action: string; after: unknown; before: unknown }>;
    };
    const seen = await read(organizationAdmin);
    expect(seen.map((entry) => entry.action).sort()).toEqual(['accept-invitation', 'grant-role']);
    expect(JSON.stringify(seen)).not.toContain(otherOrganizationId);
    const grant = seen.find((entry) => entry.action === 'grant-role');
    expect(grant?.after).toEqual([
      expect.objectContaining({ role: 'organization-member', scopeId: organizationId }),
      expect.objectContaining({ role: 'partner-viewer', scopeId: organizationId }),
    ]);
    // The network admin reads the whole of it.
    const whole = (await read(api.admin)).find((entry) => entry.action === 'grant-role');
    expect(whole?.after).toEqual(
      expect.arrayContaining([expect.objectContaining({ scopeId: otherOrganizationId })]),
    );
  });

  it('is readable by an organization’s admins for their organization only, and by nobody else', async () => {
    const organizationAdmin = await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
    ]);
    const own = await organizationAdmin.request({ method: 'GET', url: '/api/audit/entries' });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.length).toBeGreaterThan(0);
    expect(
      own
        .json()
        .items.every((item: { organizationId: string }) => item.organizationId === organizationId),
    ).toBe(true);
    expect(
      (
        await organizationAdmin.request({
          method: 'GET',
          url: `/api/audit/entries?organizationId=${otherOrganizationId}`,
        })
      ).statusCode,
    ).toBe(403);
    const member = await api.createAccount([
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
    ]);
    expect((await member.request({ method: 'GET', url: '/api/audit/entries' })).statusCode).toBe(
      403,
    );
    expect((await api.app.inject({ method: 'GET', url: '/api/audit/entries' })).statusCode).toBe(
      401,
    );
  });

  it('is append-only in the database itself', async () => {
    await expect(
      api.database.pool.query("update platform_audit_entry set actor_label = 'someone else'"),
    ).rejects.toThrow(/cannot be changed or removed/);
    await expect(api.database.pool.query('delete from platform_audit_entry')).rejects.toThrow(
      /cannot be changed or removed/,
    );
    await expect(api.database.pool.query('truncate platform_audit_entry')).rejects.toThrow(
      /cannot be changed or removed/,
    );
    expect(await countRows(api.database, 'platform_audit_entry')).toBeGreaterThan(0);
  });

  it('never holds a password, a token or a hash', async () => {
    const all = await api.database.pool.query(
      'select before::text, after::text from platform_audit_entry',
    );
    const text = JSON.stringify(all.rows);
    expect(text).not.toMatch(/argon2|password_hash|token_hash|"token"/);
    expect(text).not.toContain(api.admin.password);
  });
});
