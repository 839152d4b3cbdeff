// The SMS channel over HTTP: the providers' callbacks (inbound once, opt-out at once, the rate
// limit, delivery reports), their guards (Africa's Talking's secret, Twilio's signature), the
// outbox sending SMS through the test provider and through Africa's Talking and Twilio (a local
// fake of each API), secrets erased once taken, and the templates' list for staff.
import http from 'node:http';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  fingerprint,
  outboxSettled,
  startTestApi,
  type TestApi,
} from '../../../../test/test-api.ts';
import { inTransaction } from '../../../platform/context.ts';
import { twilioSignature } from './providers/twilio.ts';
import { sendTemplatedSms } from './templates/send-templated-sms.ts';

const secret = 'a-webhook-secret-of-some-length';
const authToken = 'twilio-auth-token-for-tests';
const publicUrl = 'http://intercoop.test';

let counter = 0;
const unique = () => `${Date.now()}-${++counter}`;
/** A Kenyan mobile number no other test uses. */
const phone = () =>
  `+2547${String(10_000_000 + ((Date.now() + ++counter * 7919) % 89_999_999)).slice(0, 8)}`;

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function africasTalking(
  api: TestApi,
  fields: Record<string, string>,
  options: Partial<InjectOptions> = {},
) {
  return api.app.inject({
    method: 'POST',
    url: `/api/reach/sms/africastalking?secret=${encodeURIComponent(secret)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
    ...options,
  });
}

function twilio(api: TestApi, fields: Record<string, string>, signature?: string) {
  const body = form(fields);
  const pairs = [...new URLSearchParams(body)] as Array<[string, string]>;
  return api.app.inject({
    method: 'POST',
    url: '/api/reach/sms/twilio',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature':
        signature ?? twilioSignature(authToken, `${publicUrl}/api/reach/sms/twilio`, pairs),
    },
    payload: body,
  });
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

type OutboxRow = {
  id: string;
  status: string;
  subject: string;
  body: string | null;
  provider: string | null;
  provider_message_id: string | null;
  delivery_state: string | null;
  delivery_detail: string | null;
  last_error: string | null;
  attempts: number;
};

async function smsTo(api: TestApi, to: string): Promise<OutboxRow[]> {
  const { rows } = await api.database.pool.query<OutboxRow>(
    "select id, status, subject, body, provider, provider_message_id, delivery_state, delivery_detail, last_error, attempts from platform_outbox_message where kind = 'sms' and recipient = $1 order by id",
    [to],
  );
  return rows;
}

async function recorded(api: TestApi, to: string) {
  const { rows } = await api.database.pool.query<{ body: string; template: string }>(
    'select body, template from reach_sms_test_message where recipient = $1 order by recorded_at',
    [to],
  );
  return rows;
}

async function optedOut(api: TestApi, number: string): Promise<boolean> {
  return (await countRows(api.database, `reach_sms_opt_out where phone = '${number}'`)) === 1;
}

describe('with the test provider', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      REACH_WEBHOOK_SECRET: secret,
      TWILIO_AUTH_TOKEN: authToken,
      REACH_SMS_INBOUND_PER_HOUR: '5',
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  describe("Africa's Talking's callback", () => {
    it('answers HELP through the outbox, in the language of the word, once per message id', async () => {
      const from = phone();
      const id = `ATXid_${unique()}`;
      const first = await africasTalking(api, {
        id,
        from,
        to: '22384',
        text: 'aide',
        date: '2026-01-01',
      });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.body).toBe('');
      const again = await africasTalking(api, { id, from, to: '22384', text: 'aide' });
      expect(again.statusCode).toBe(200);
      await outboxSettled(api.database);
      const sent = await recorded(api, from);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.template).toBe('reach.help.v1');
      expect(sent[0]?.body).toContain(`${publicUrl}`);
      expect(sent[0]?.body).toContain('Répondez STOP');
      expect(await countRows(api.database, `reach_sms_inbound where sender = '${from}'`)).toBe(1);
      const [message] = await smsTo(api, from);
      expect(message).toMatchObject({
        status: 'delivered',
        provider: 'test',
        delivery_state: 'delivered',
      });
    });

    it('honours STOP at once, records it, confirms it, and sends nothing more until START', async () => {
      const from = phone();
      // A message queued before the STOP, not yet sent: it must not go either.
      await inTransaction(api.system, async (tx) => {
        await sendTemplatedSms(tx, {
          to: from,
          template: 'news',
          language: 'en',
          params: { link: publicUrl },
        });
        await tx.db
          .updateTable('platform_outbox_message' as never)
          .set({ next_attempt_at: new Date(Date.now() + 60_000) } as never)
          .where('recipient' as never, '=', from as never)
          .execute();
      });
      const stop = await africasTalking(api, { id: `ATXid_${unique()}`, from, text: 'STOP' });
      expect(stop.statusCode, stop.body).toBe(200);
      expect(await optedOut(api, from)).toBe(true);
      const { rows: events } = await api.database.pool.query(
        'select action, keyword from reach_sms_consent_event where phone = $1',
        [from],
      );
      expect(events).toEqual([{ action: 'opt-out', keyword: 'STOP' }]);
      const { rows: waiting } = await api.database.pool.query<{ id: string }>(
        "update platform_outbox_message set next_attempt_at = now() where recipient = $1 and status = 'pending' returning id",
        [from],
      );
      for (const { id } of waiting)
        await api.services.jobs.send(api.database.db, 'platform.outbox.deliver', { messageId: id });
      const queued = await until(
        () => smsTo(api, from),
        (rows) => rows.length === 2 && rows.every((row) => row.status !== 'pending'),
      );
      // The news waited and is refused for good; the confirmation went.
      expect(queued.find((row) => row.subject === 'reach.news.v1')).toMatchObject({
        status: 'failed',
        attempts: 1,
      });
      expect(queued.find((row) => row.subject === 'reach.news.v1')?.last_error).toMatch(/STOP/);
      expect((await recorded(api, from)).map((row) => row.template)).toEqual([
        'reach.opted-out.v1',
      ]);
      // Nothing queues for it now.
      const refused = await inTransaction(api.system, (tx) =>
        sendTemplatedSms(tx, {
          to: from,
          template: 'news',
          language: 'en',
          params: { link: publicUrl },
        }),
      );
      expect(refused).toEqual({ status: 'opted-out' });
      const start = await africasTalking(api, { id: `ATXid_${unique()}`, from, text: 'Start' });
      expect(start.statusCode).toBe(200);
      expect(await optedOut(api, from)).toBe(false);
      await outboxSettled(api.database);
      expect((await recorded(api, from)).map((row) => row.template)).toEqual([
        'reach.opted-out.v1',
        'reach.opted-in.v1',
      ]);
    });

    it('takes STOP in Hindi, and answers in Hindi', async () => {
      const from = phone();
      expect(
        (await africasTalking(api, { id: `ATXid_${unique()}`, from, text: 'बंद' })).statusCode,
      ).toBe(200);
      expect(await optedOut(api, from)).toBe(true);
      await outboxSettled(api.database);
      expect((await recorded(api, from))[0]?.body).toContain('START भेजें');
    });

    it('answers at most REACH_SMS_INBOUND_PER_HOUR messages a number sends in an hour, but always honours STOP', async () => {
      const from = phone();
      for (let index = 0; index < 7; index += 1) {
        const response = await africasTalking(api, {
          id: `ATXid_${unique()}`,
          from,
          text: 'what is this',
        });
        expect(response.statusCode).toBe(200);
      }
      const stop = await africasTalking(api, { id: `ATXid_${unique()}`, from, text: 'stop' });
      expect(stop.statusCode).toBe(200);
      expect(await optedOut(api, from)).toBe(true);
      await outboxSettled(api.database);
      // Five answered (the limit), two recorded as limited, the STOP honoured without a reply.
      expect(await recorded(api, from)).toHaveLength(5);
      const { rows } = await api.database.pool.query<{ outcome: string; count: number }>(
        'select outcome, count(*)::int as count from reach_sms_inbound where sender = $1 group by outcome order by outcome',
        [from],
      );
      expect(rows).toEqual([
        { outcome: 'opted-out', count: 1 },
        { outcome: 'rate-limited', count: 2 },
        { outcome: 'unknown', count: 5 },
      ]);
      // An hour later the number is answered again.
      api.setNow(new Date(Date.now() + 61 * 60_000));
      try {
        await africasTalking(api, { id: `ATXid_${unique()}`, from, text: 'start' });
      } finally {
        api.setNow(undefined);
      }
      await outboxSettled(api.database);
      expect((await recorded(api, from)).at(-1)?.template).toBe('reach.opted-in.v1');
    });

    it('records delivery reports, never moving a state back', async () => {
      const to = phone();
      const messageId = await inTransaction(api.system, async (tx) => {
        const result = await sendTemplatedSms(tx, {
          to,
          template: 'news',
          language: 'en',
          params: { link: publicUrl },
        });
        if (result.status !== 'queued') throw new Error('not queued');
        return result.messageId;
      });
      await outboxSettled(api.database);
      // As if Africa's Talking had taken it.
      const providerId = `ATXid_${unique()}`;
      await api.database.pool.query(
        "update platform_outbox_message set provider = 'africastalking', provider_message_id = $2, delivery_state = 'accepted' where id = $1",
        [messageId, providerId],
      );
      const report = (status: string, extra: Record<string, string> = {}) =>
        africasTalking(api, {
          id: providerId,
          status,
          phoneNumber: to,
          networkCode: '63902',
          ...extra,
        });
      expect((await report('Sent')).statusCode).toBe(200);
      expect((await smsTo(api, to))[0]?.delivery_state).toBe('sent');
      expect((await report('Failed', { failureReason: 'AbsentSubscriber' })).statusCode).toBe(200);
      expect((await smsTo(api, to))[0]).toMatchObject({
        delivery_state: 'undelivered',
        delivery_detail: 'AbsentSubscriber',
      });
      expect((await report('Success')).statusCode).toBe(200);
      expect((await report('Buffered')).statusCode).toBe(200);
      expect((await smsTo(api, to))[0]?.delivery_state).toBe('undelivered');
      // A report about a message that is not ours is taken, and changes nothing.
      const before = await fingerprint(api.database);
      expect(
        (await africasTalking(api, { id: 'ATXid_not-ours', status: 'Success' })).statusCode,
      ).toBe(200);
      expect(await fingerprint(api.database)).toBe(before);
      // The admins' list shows the state.
      const list = await api.admin.request({ method: 'GET', url: '/api/platform/outbox' });
      expect(list.json().items.find((item: { id: string }) => item.id === messageId)).toMatchObject(
        {
          kind: 'sms',
          subject: 'reach.news.v1',
          deliveryState: 'undelivered',
          deliveryDetail: 'AbsentSubscriber',
        },
      );
    });

    it('takes the secret as the basic-auth password too', async () => {
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/reach/sms/africastalking',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`africastalking:${secret}`).toString('base64')}`,
        },
        payload: form({ id: `ATXid_${unique()}`, from: phone(), text: 'help' }),
      });
      expect(response.statusCode, response.body).toBe(200);
    });

    it.each([
      ['no secret', '/api/reach/sms/africastalking', {}],
      ['a wrong secret', '/api/reach/sms/africastalking?secret=guess-guess-guess', {}],
      [
        'a wrong basic-auth password',
        '/api/reach/sms/africastalking',
        { authorization: `Basic ${Buffer.from('u:guess').toString('base64')}` },
      ],
      ['a bearer token', '/api/reach/sms/africastalking', { authorization: 'Bearer nothing' }],
    ])('refuses %s with 401, changing nothing', async (_name, url, headers) => {
      const before = await fingerprint(api.database);
      const response = await api.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: form({ id: `ATXid_${unique()}`, from: phone(), text: 'STOP' }),
      });
      expect(response.statusCode, response.body).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await fingerprint(api.database)).toBe(before);
    });

    it.each([
      ['no fields', {}, ['/id', '/from', '/text']],
      ['no sender', { id: 'x1', text: 'STOP' }, ['/from']],
      [
        'a sender that is no phone number',
        { id: 'x2', from: 'not-a-phone', text: 'STOP' },
        ['/from'],
      ],
      ['a local number', { id: 'x3', from: '0711000000', text: 'STOP' }, ['/from']],
      ['an impossible number', { id: 'x4', from: '+999123', text: 'STOP' }, ['/from']],
      [
        'an id over 200 characters',
        { id: 'x'.repeat(201), from: '+254711000000', text: 'STOP' },
        ['/id'],
      ],
      ['a report without its id', { status: 'Success' }, ['/id']],
      ['a report of an unknown status', { id: 'x5', status: 'Exploded' }, ['/status']],
    ])('refuses %s with 400 and the fields, changing nothing', async (_name, fields, pointers) => {
      const before = await fingerprint(api.database);
      const response = await africasTalking(api, fields);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors.map((error: { pointer: string }) => error.pointer)).toEqual(
        pointers,
      );
      expect(await fingerprint(api.database)).toBe(before);
    });

    it('takes a 10,000-character text, reading only its first word', async () => {
      const from = phone();
      const response = await africasTalking(api, {
        id: `ATXid_${unique()}`,
        from,
        text: `stop ${'अ'.repeat(10_000)}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(await optedOut(api, from)).toBe(true);
      const long = await africasTalking(api, {
        id: `ATXid_${unique()}`,
        from: phone(),
        text: 'x'.repeat(10_000),
      });
      expect(long.statusCode).toBe(200);
      const { rows } = await api.database.pool.query<{ keyword: string }>(
        'select keyword from reach_sms_inbound where sender = $1',
        [from],
      );
      expect(rows).toEqual([{ keyword: 'STOP' }]);
    });

    it.each([
      ['a NUL', 'id=a&from=%2B254711000000&text=%00', '/text', 'control-characters'],
      [
        'a byte that is not UTF-8',
        'id=a&from=%2B254711000000&text=caf%E9',
        '/text',
        'invalid-encoding',
      ],
      [
        'an encoded surrogate',
        'id=a&from=%2B254711000000&text=%ED%A0%80',
        '/text',
        'invalid-encoding',
      ],
      ['a broken escape', 'id=a&from=%2B254711000000&text=%G1', '/text', 'invalid-format'],
    ])('refuses a form with %s, naming the field', async (_name, payload, pointer, code) => {
      const before = await fingerprint(api.database);
      const response = await africasTalking(api, {}, { payload });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors).toContainEqual(expect.objectContaining({ pointer, code }));
      expect(await fingerprint(api.database)).toBe(before);
    });

    it('refuses JSON (415), a body over 128 KiB (413) and an unknown query parameter (400)', async () => {
      const json = await africasTalking(
        api,
        {},
        { headers: { 'content-type': 'application/json' }, payload: '{"text":"STOP"}' },
      );
      expect(json.statusCode).toBe(415);
      const big = await africasTalking(api, {
        id: 'big',
        from: phone(),
        text: 'x'.repeat(130 * 1024),
      });
      expect(big.statusCode).toBe(413);
      const query = await africasTalking(
        api,
        {},
        { url: `/api/reach/sms/africastalking?secret=${secret}&sneaky=1` },
      );
      expect(query.statusCode).toBe(400);
    });
  });

  describe("Twilio's webhook", () => {
    it('answers HELP in TwiML, once per MessageSid, with nothing in the outbox', async () => {
      const from = phone();
      const fields = {
        MessageSid: `SM${unique()}`,
        AccountSid: 'AC1',
        From: from,
        To: '+15005550006',
        Body: 'Help',
        NumMedia: '0',
      };
      const response = await twilio(api, fields);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/xml/);
      expect(response.body).toBe(
        `<?xml version="1.0" encoding="UTF-8"?><Response><Message>Intercoop: your cooperative&apos;s news and menus are at ${publicUrl}. Reply STOP to receive no more messages.</Message></Response>`,
      );
      const again = await twilio(api, fields);
      expect(again.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
      expect(await smsTo(api, from)).toEqual([]);
    });

    it('honours STOP', async () => {
      const from = phone();
      const response = await twilio(api, { MessageSid: `SM${unique()}`, From: from, Body: 'STOP' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('no more messages');
      expect(await optedOut(api, from)).toBe(true);
    });

    it.each([
      ['no signature', ''],
      ['a wrong signature', '0/KCTR6DLpKmkAf8muzZqo1nDgQ='],
    ])('refuses %s with 403, changing nothing', async (_name, signature) => {
      const before = await fingerprint(api.database);
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/reach/sms/twilio',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(signature ? { 'x-twilio-signature': signature } : {}),
        },
        payload: form({ MessageSid: `SM${unique()}`, From: phone(), Body: 'STOP' }),
      });
      expect(response.statusCode, response.body).toBe(403);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await fingerprint(api.database)).toBe(before);
    });

    it('refuses a signature made for another body', async () => {
      const from = phone();
      const signed = twilioSignature(authToken, `${publicUrl}/api/reach/sms/twilio`, [
        ['Body', 'HELP'],
        ['From', from],
        ['MessageSid', 'SM1'],
      ]);
      const response = await twilio(api, { MessageSid: 'SM1', From: from, Body: 'STOP' }, signed);
      expect(response.statusCode).toBe(403);
      expect(await optedOut(api, from)).toBe(false);
    });

    it('records a status callback, and refuses a signed one without its fields', async () => {
      const to = phone();
      const messageId = await inTransaction(api.system, async (tx) => {
        const result = await sendTemplatedSms(tx, {
          to,
          template: 'news',
          language: 'es',
          params: { link: `${publicUrl}/news` },
        });
        if (result.status !== 'queued') throw new Error('not queued');
        return result.messageId;
      });
      await outboxSettled(api.database);
      await api.database.pool.query(
        "update platform_outbox_message set provider = 'twilio', provider_message_id = 'SMstatus1', delivery_state = 'accepted' where id = $1",
        [messageId],
      );
      const response = await twilio(api, {
        MessageSid: 'SMstatus1',
        MessageStatus: 'delivered',
        SmsStatus: 'delivered',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect((await smsTo(api, to))[0]?.delivery_state).toBe('delivered');
      const before = await fingerprint(api.database);
      const bad = await twilio(api, { MessageStatus: 'delivered' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toContainEqual(
        expect.objectContaining({ pointer: '/MessageSid', code: 'required' }),
      );
      const badPhone = await twilio(api, { MessageSid: 'SMx', From: '+1', Body: 'hi' });
      expect(badPhone.statusCode).toBe(400);
      expect(await fingerprint(api.database)).toBe(before);
    });
  });

  describe('a message that carries a secret', () => {
    it('keeps its text only until the provider takes it', async () => {
      const to = phone();
      const messageId = await inTransaction(api.system, async (tx) => {
        const result = await sendTemplatedSms(tx, {
          to,
          template: 'one-time-code',
          language: 'hi',
          params: { code: '482913', minutes: '10' },
          secretUntil: new Date(Date.now() + 10 * 60_000),
        });
        if (result.status !== 'queued') throw new Error('not queued');
        return result.messageId;
      });
      const row = await until(
        () => smsTo(api, to),
        (rows) => rows[0]?.status === 'delivered',
      );
      expect(row[0]).toMatchObject({ id: messageId, body: null, delivery_state: 'delivered' });
      expect((await recorded(api, to))[0]?.body).toContain('482913');
    });
  });

  describe('the templates for staff', () => {
    it('lists each template in every language with its segments and estimates', async () => {
      const response = await api.admin.request({ method: 'GET', url: '/api/reach/sms/templates' });
      expect(response.statusCode, response.body).toBe(200);
      const help = response.json().items.find((item: { name: string }) => item.name === 'help');
      expect(help).toMatchObject({ version: 1, label: 'reach.help.v1', carriesSecret: false });
      const english = help.languages.find((entry: { language: string }) => entry.language === 'en');
      const hindi = help.languages.find((entry: { language: string }) => entry.language === 'hi');
      expect(english).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      expect(english.text).toContain('{link}');
      // 151 UTF-16 units with the longest link (http://intercoop.test/ and 39 more): over 134.
      expect(hindi).toMatchObject({ encoding: 'UCS-2', units: 151, segments: 3 });
      expect(hindi.estimates).toContainEqual({
        provider: 'twilio',
        currency: 'USD',
        perSegment: '0.0083',
        perMessage: '0.0249',
      });
      expect(hindi.estimates).toContainEqual({
        provider: 'africastalking',
        currency: 'KES',
        perSegment: '0.80',
        perMessage: '2.4',
      });
    });

    it('refuses people who are not network staff', async () => {
      const member = await api.createAccount([
        {
          role: 'organization-member',
          scopeType: 'organization',
          scopeId: await api.createOrganization(),
        },
      ]);
      expect(
        (await member.request({ method: 'GET', url: '/api/reach/sms/templates' })).statusCode,
      ).toBe(403);
      expect(
        (await api.app.inject({ method: 'GET', url: '/api/reach/sms/templates' })).statusCode,
      ).toBe(401);
    });
  });
});

describe('with no secret and no Twilio auth token', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('keeps both callbacks off (404), saying what to set', async () => {
    const at = await africasTalking(api, { id: 'x', from: phone(), text: 'STOP' });
    expect(at.statusCode).toBe(404);
    expect(at.json().detail).toContain('REACH_WEBHOOK_SECRET');
    const tw = await twilio(api, { MessageSid: 'SM1', From: phone(), Body: 'STOP' });
    expect(tw.statusCode).toBe(404);
    expect(tw.json().detail).toContain('TWILIO_AUTH_TOKEN');
  });
});

/** A local stand-in for a provider's API: records each request, answers as told. */
async function fakeProvider(
  answer: (path: string, body: URLSearchParams) => { status: number; json: unknown },
) {
  const requests: Array<{
    path: string;
    headers: http.IncomingHttpHeaders;
    body: URLSearchParams;
  }> = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const body = new URLSearchParams(text);
      requests.push({ path: request.url ?? '', headers: request.headers, body });
      const { status, json } = answer(request.url ?? '', body);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function queueNews(api: TestApi, to: string, language = 'en'): Promise<string> {
  return inTransaction(api.system, async (tx) => {
    const result = await sendTemplatedSms(tx, {
      to,
      template: 'news',
      language,
      params: { link: publicUrl },
    });
    if (result.status !== 'queued') throw new Error('not queued');
    return result.messageId;
  });
}

describe("sending through Africa's Talking's API", () => {
  let api: TestApi;
  let fake: Awaited<ReturnType<typeof fakeProvider>>;
  let failNext = 0;
  beforeAll(async () => {
    fake = await fakeProvider((_path, body) => {
      const to = body.get('to') ?? '';
      if (failNext > 0) {
        failNext -= 1;
        return { status: 500, json: { error: 'try later' } };
      }
      if (to.endsWith('0403'))
        return {
          status: 201,
          json: {
            SMSMessageData: {
              Message: 'Sent to 0/1',
              Recipients: [
                {
                  statusCode: 403,
                  number: to,
                  status: 'InvalidPhoneNumber',
                  cost: '0',
                  messageId: 'None',
                },
              ],
            },
          },
        };
      return {
        status: 201,
        json: {
          SMSMessageData: {
            Message: 'Sent to 1/1 Total Cost: KES 0.8000',
            Recipients: [
              {
                statusCode: 101,
                number: to,
                status: 'Success',
                cost: 'KES 0.8000',
                messageId: `ATXid_${to}`,
              },
            ],
          },
        },
      };
    });
    api = await startTestApi({
      REACH_SMS_PROVIDER: 'africastalking',
      AFRICASTALKING_USERNAME: 'coops',
      AFRICASTALKING_API_KEY: 'at-api-key',
      AFRICASTALKING_SENDER_ID: 'INTERCOOP',
      AFRICASTALKING_API_URL: fake.url,
      OUTBOX_RETRY_FIRST_SECONDS: '0.2',
      OUTBOX_RETRY_MAX_SECONDS: '0.5',
    });
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

  it('posts the form with the API key, and records the provider id', async () => {
    const to = '+254711000101';
    const id = await queueNews(api, to, 'fr');
    const [row] = await until(
      () => smsTo(api, to),
      (rows) => rows[0]?.status === 'delivered',
    );
    expect(row).toMatchObject({
      id,
      provider: 'africastalking',
      provider_message_id: `ATXid_${to}`,
      delivery_state: 'sent',
    });
    const request = fake.requests.find((entry) => entry.body.get('to') === to);
    expect(request?.path).toBe('/version1/messaging');
    expect(request?.headers.apikey).toBe('at-api-key');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(request?.body ?? [])).toEqual({
      username: 'coops',
      to,
      from: 'INTERCOOP',
      message: `Intercoop : il y a du nouveau pour vous. Voyez ${publicUrl} ou demandez à votre coopérative.`,
    });
    // Its delivery report, later, comes to the callback: see the test provider's tests.
  });

  it('tries again after a server error, and gives up at once on an invalid number', async () => {
    failNext = 1;
    const to = '+254711000202';
    await queueNews(api, to);
    const [retried] = await until(
      () => smsTo(api, to),
      (rows) => rows[0]?.status === 'delivered',
    );
    expect(retried?.attempts).toBe(2);
    const invalid = '+254711000403';
    await queueNews(api, invalid);
    const [refused] = await until(
      () => smsTo(api, invalid),
      (rows) => rows[0]?.status === 'failed',
    );
    expect(refused).toMatchObject({ attempts: 1, provider: null });
    expect(refused?.last_error).toMatch(/403 InvalidPhoneNumber/);
  });
});

describe("sending through Twilio's Messages API", () => {
  let api: TestApi;
  let fake: Awaited<ReturnType<typeof fakeProvider>>;
  const accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
  beforeAll(async () => {
    fake = await fakeProvider((_path, body) =>
      body.get('To')?.endsWith('0610')
        ? {
            status: 400,
            json: {
              code: 21610,
              message: 'Attempt to send to unsubscribed recipient',
              status: 400,
            },
          }
        : { status: 201, json: { sid: `SM${body.get('To')?.slice(1)}`, status: 'queued' } },
    );
    api = await startTestApi({
      REACH_SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_URL: fake.url,
    });
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

  it('posts the form with basic auth and a status callback, and records the SID', async () => {
    const to = '+254711000303';
    await queueNews(api, to);
    const [row] = await until(
      () => smsTo(api, to),
      (rows) => rows[0]?.status === 'delivered',
    );
    expect(row).toMatchObject({
      provider: 'twilio',
      provider_message_id: 'SM254711000303',
      delivery_state: 'accepted',
    });
    const request = fake.requests.find((entry) => entry.body.get('To') === to);
    expect(request?.path).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
    );
    expect(Object.fromEntries(request?.body ?? [])).toMatchObject({
      To: to,
      From: '+15005550006',
      StatusCallback: `${publicUrl}/api/reach/sms/twilio`,
    });
    // Twilio's status callback moves it on.
    const callback = await twilio(api, {
      MessageSid: 'SM254711000303',
      MessageStatus: 'delivered',
    });
    expect(callback.statusCode, callback.body).toBe(200);
    expect((await smsTo(api, to))[0]?.delivery_state).toBe('delivered');
  });

  it('gives up at once when Twilio refuses the request (4xx)', async () => {
    const to = '+254711000610';
    await queueNews(api, to);
    const [row] = await until(
      () => smsTo(api, to),
      (rows) => rows[0]?.status === 'failed',
    );
    expect(row?.attempts).toBe(1);
    expect(row?.last_error).toMatch(/21610/);
  });
});
