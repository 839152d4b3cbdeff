// The outbox over HTTP: mail written with the change that causes it, delivered by the workers
// once the mail server answers, tried again with short delays (settings), failed when its time
// is up, retried by a network admin; texts with a secret erased; nothing left by a rollback.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type MailSink, startMailSink } from '../../../test/mail-sink.ts';
import { countRows, startTestApi, type TestApi } from '../../../test/test-api.ts';
import { inTransaction } from '../context.ts';
import { checkOutboxDelivering } from './checks.ts';

const started: Array<TestApi | MailSink> = [];
afterEach(async () => {
  for (const thing of started.splice(0).reverse()) await thing.close();
});

/** A port of 127.0.0.1 where nothing listens (until a test starts a sink on it). */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

async function withDeadMailServer(extra: Record<string, string> = {}) {
  const port = await deadPort();
  const api = await startTestApi({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    OUTBOX_RETRY_FIRST_SECONDS: '0.2',
    OUTBOX_RETRY_MAX_SECONDS: '0.5',
    ...extra,
  });
  started.push(api);
  return { api, port };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Item = {
  id: string;
  to: string;
  status: string;
  attempts: number;
  lastError: string | null;
  canRetry: boolean;
};

async function messagesTo(api: TestApi, email: string, status?: string): Promise<Item[]> {
  const response = await api.admin.request({
    method: 'GET',
    url: `/api/platform/outbox${status ? `?status=${status}` : ''}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.filter((item: Item) => item.to === email);
}

function invite(api: TestApi, email: string) {
  return api.admin.request({
    method: 'POST',
    url: '/api/accounts/invitations',
    payload: { email, roles: [{ role: 'network-staff', scopeType: 'network', scopeId: null }] },
  });
}

async function bodyOf(api: TestApi, id: string): Promise<string | null> {
  const { rows } = await api.database.pool.query<{ body: string | null }>(
    'select body from platform_outbox_message where id = $1',
    [id],
  );
  return rows[0]?.body ?? null;
}

describe('the outbox', () => {
  it('keeps an invitation through a mail server outage and sends it, unprompted, once the server answers', async () => {
    const { api, port } = await withDeadMailServer();
    const email = `outage-${Date.now()}@coop.test`;
    const invited = await invite(api, email);
    expect(invited.statusCode, invited.body).toBe(201);

    const [pending] = await until(
      () => messagesTo(api, email, 'pending'),
      (items) => (items[0]?.attempts ?? 0) >= 2,
    );
    expect(pending?.lastError).toMatch(/ECONNREFUSED/);
    expect(pending).not.toHaveProperty('body');
    expect(pending).not.toHaveProperty('text');
    expect(await bodyOf(api, pending?.id as string)).toContain('#token=');

    // The mail server comes back on the same port: nobody does anything else.
    const sink = await startMailSink(port);
    started.push(sink);
    const mail = await sink.waitFor(email, /invited/);
    expect(mail.text).toContain('/invitations/accept#token=');
    const [delivered] = await until(
      () => messagesTo(api, email, 'delivered'),
      (items) => items.length === 1,
    );
    expect(delivered).toMatchObject({ status: 'delivered', lastError: null });
    // Its link was a secret: delivered, the text is gone.
    expect(await bodyOf(api, delivered?.id as string)).toBeNull();
    expect(await messagesTo(api, email, 'pending')).toEqual([]);
  });

  it('marks a message failed with the provider’s error when its time is up; an admin sends it again', async () => {
    const { api, port } = await withDeadMailServer({ OUTBOX_GIVE_UP_SECONDS: '1' });
    const email = `give-up-${Date.now()}@coop.test`;
    expect((await invite(api, email)).statusCode).toBe(201);
    const [failed] = await until(
      () => messagesTo(api, email, 'failed'),
      (items) => items.length === 1,
    );
    expect(failed?.lastError).toMatch(/ECONNREFUSED/);
    expect(failed?.canRetry).toBe(true);

    // Retrying a message that is not failed is refused; this one is sent again.
    const sink = await startMailSink(port);
    started.push(sink);
    const retried = await api.admin.request({
      method: 'POST',
      url: `/api/platform/outbox/${failed?.id}/retry`,
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await sink.waitFor(email, /invited/);
    await until(
      () => messagesTo(api, email, 'delivered'),
      (items) => items.length === 1,
    );
    const again = await api.admin.request({
      method: 'POST',
      url: `/api/platform/outbox/${failed?.id}/retry`,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/only a failed message/);
    // The retry is in the audit log.
    const audit = await api.admin.request({
      method: 'GET',
      url: `/api/audit/entries?entityType=outbox-message&entityId=${failed?.id}`,
    });
    expect(audit.json().items.map((entry: { action: string }) => entry.action)).toEqual([
      'retry-outbox-message',
    ]);
  });

  it('erases a secret’s text when it expires undelivered, and then refuses to send it again', async () => {
    const { api } = await withDeadMailServer();
    const messageId = await inTransaction(api.system, (tx) =>
      tx.outbox.mail(tx.db, {
        to: 'expiring@coop.test',
        subject: 'A link for a second',
        text: 'https://intercoop.test/#token=short-lived',
        secretUntil: new Date(Date.now() + 1000),
      }),
    );
    const [failed] = await until(
      () => messagesTo(api, 'expiring@coop.test', 'failed'),
      (items) => items.length === 1,
    );
    expect(failed?.lastError).toMatch(/expired before it could be delivered/);
    expect(failed?.canRetry).toBe(false);
    expect(await bodyOf(api, messageId)).toBeNull();
    const retried = await api.admin.request({
      method: 'POST',
      url: `/api/platform/outbox/${messageId}/retry`,
    });
    expect(retried.statusCode).toBe(409);
    expect(retried.json().detail).toMatch(/expired/);
  });

  it('writes nothing, and queues no job, when the change rolls back', async () => {
    const api = await startTestApi();
    started.push(api);
    const messages = await countRows(api.database, 'platform_outbox_message');
    const jobs = await countRows(api.database, "pgboss.job where name = 'platform.outbox.deliver'");
    await expect(
      inTransaction(api.system, async (tx) => {
        await tx.outbox.mail(tx.db, { to: 'nobody@coop.test', subject: 'Never', text: 'Never.' });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    // An invitation refused (the email has an account) writes no mail either.
    const refused = await invite(api, api.admin.email);
    expect(refused.statusCode).toBe(409);
    expect(await countRows(api.database, 'platform_outbox_message')).toBe(messages);
    expect(await countRows(api.database, "pgboss.job where name = 'platform.outbox.deliver'")).toBe(
      jobs,
    );
  });

  it('tells `intercoop check` when no worker delivers: overdue messages, expired secrets kept', async () => {
    const api = await startTestApi({ WORKERS: 'off' });
    started.push(api);
    expect(await checkOutboxDelivering(api.database.db)).toEqual([]);
    const id = await api.system.outbox.mail(api.database.db, {
      to: 'stuck@coop.test',
      subject: 'Stuck',
      text: 'https://intercoop.test/#token=old',
      secretUntil: new Date(Date.now() + 60_000),
    });
    await api.database.pool.query(
      "update platform_outbox_message set next_attempt_at = now() - interval '11 minutes', secret_expires_at = now() - interval '6 minutes' where id = $1",
      [id],
    );
    const problems = await checkOutboxDelivering(api.database.db);
    expect(problems).toHaveLength(2);
    expect(problems.join(' ')).toMatch(/1 outgoing message\(s\) still keep .*intercoop worker/);
    expect(problems.join(' ')).toMatch(/1 outgoing message\(s\) are more than 10 minutes overdue/);
  });

  it('without SMTP_URL, delivers by writing the mail to the log, and erases a secret all the same', async () => {
    const api = await startTestApi({ SMTP_URL: '' });
    started.push(api);
    const email = `logged-${Date.now()}@coop.test`;
    expect((await invite(api, email)).statusCode).toBe(201);
    const [delivered] = await until(
      () => messagesTo(api, email, 'delivered'),
      (items) => items.length === 1,
    );
    expect(await bodyOf(api, delivered?.id as string)).toBeNull();
    expect(api.mail.messages).toEqual([]);
  });

  it('pages newest first by a cursor, filters by status, and is for network admins only (staff too are refused)', async () => {
    const api = await startTestApi();
    started.push(api);
    for (const name of ['first', 'second', 'third']) {
      await inTransaction(api.system, (tx) =>
        tx.outbox.mail(tx.db, { to: `${name}@coop.test`, subject: name, text: `To ${name}.` }),
      );
    }
    await until(
      () => messagesTo(api, 'third@coop.test', 'delivered'),
      (items) => items.length === 1,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await api.admin.request({
        method: 'GET',
        url: `/api/platform/outbox?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      const page = response.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item: Item) => item.to));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.slice(0, 3)).toEqual(['third@coop.test', 'second@coop.test', 'first@coop.test']);
    expect(await messagesTo(api, 'first@coop.test', 'failed')).toEqual([]);

    const bad = await api.admin.request({ method: 'GET', url: '/api/platform/outbox?cursor=nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ pointer: '/cursor', code: 'invalid-cursor' });

    const member = await api.createAccount([
      { role: 'network-staff', scopeType: 'network', scopeId: null },
    ]);
    for (const url of ['/api/platform/outbox', '/api/platform/queues']) {
      expect((await member.request({ method: 'GET', url })).statusCode).toBe(403);
      expect((await api.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }

    const queues = await api.admin.request({ method: 'GET', url: '/api/platform/queues' });
    expect(queues.statusCode).toBe(200);
    const delivery = queues
      .json()
      .items.find((queue: { name: string }) => queue.name === 'platform.outbox.deliver');
    expect(delivery.counts.completed).toBeGreaterThanOrEqual(3);
    expect(
      queues.json().items.some((queue: { name: string }) => queue.name.startsWith('__pgboss')),
    ).toBe(false);
  });
});
