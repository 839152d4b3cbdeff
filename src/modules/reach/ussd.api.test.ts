// USSD conversations end to end, as Africa's Talking drives them (form posts, the inputs so far
// joined by `*`), in every shipped language: the language chosen once, the PIN set on first use,
// each menu, back and main, wrong input, three wrong PINs and the lock, an unknown phone, a
// resumed session, a household phone shared by members of two cooperatives; the admins' PIN
// reset; the provider's secret, its end-of-session notice, the rate limit, malformed requests.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, startTestApi, type TestApi } from '../../../test/test-api.ts';
import { shippedLanguages } from '../../platform/messages/platform-messages.ts';
import { reachMessages } from './messages.ts';
import { hopsPerMinute } from './ussd/answer-ussd-hop.ts';
import { languagePage } from './ussd/languages.ts';

const secret = 'a-test-secret-of-the-ussd-provider';
let api: TestApi;
let coopA: string;
let coopB: string;
let offerId: string;

const say = (language: string, key: Parameters<typeof reachMessages.format>[1], params = {}) =>
  reachMessages.format(language, key, params);

let sessions = 0;
let phones = 0;
/** A new Kenyan mobile number for each test that needs one. */
const newPhone = () => `+2547${String(10_000_000 + ++phones).slice(-8)}`;

function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return api.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** One USSD session on `phone`: each `send` is the next hop, with every input so far. */
function dial(phone: string, sessionId = `ATUid_${Date.now()}_${++sessions}`) {
  const inputs: string[] = [];
  const hop = async () => {
    const response = await post(`/api/reach/ussd/africastalking?secret=${secret}`, {
      sessionId,
      serviceCode: '*384*123#',
      phoneNumber: phone,
      networkCode: '63902',
      text: inputs.join('*'),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    return response.body;
  };
  return {
    sessionId,
    start: hop,
    async send(input: string) {
      inputs.push(input);
      return hop();
    },
    /** The same hop again, as a provider retrying it would. */
    again: hop,
  };
}

async function addMember(organizationId: string, phone: string, name = `Member ${++phones}`) {
  const response = await api.admin.request({
    method: 'POST',
    url: `/api/accounts/organizations/${organizationId}/members`,
    payload: {
      person: { displayName: name, phone },
      membership: { kind: 'farmer-member', startedOn: '2024-02-01' },
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().personId as string;
}

const choiceOf = (language: string) => String(languagePage(0).languages.indexOf(language) + 1);

/** Through the language and a new PIN to the main menu. */
async function signUp(phone: string, language: string, pin: string) {
  const session = dial(phone);
  await session.start();
  await session.send(choiceOf(language));
  await session.send(pin);
  const main = await session.send(pin);
  expect(main).toContain(say(language, 'pin.is-set'));
  return session;
}

async function outboxTo(email: string) {
  const rows = await api.database.pool.query<{ subject: string; body: string | null }>(
    'select subject, body from platform_outbox_message where recipient = $1 order by created_at',
    [email],
  );
  return rows.rows;
}

beforeAll(async () => {
  api = await startTestApi({ REACH_WEBHOOK_SECRET: secret });
  coopA = await api.createOrganization({
    name: 'Umoja Dairy Farmers Co-operative',
    country: 'KE',
    sector: 'agriculture',
    contacts: { phone: '+254722000111' },
  });
  coopB = await api.createOrganization({
    name: 'Amani Housing Co-operative',
    country: 'KE',
    sector: 'housing',
  });
  const offering = await api.createOrganization({
    name: 'Coopérative Semences du Sahel',
    country: 'SN',
    sector: 'agriculture',
    languages: ['fr'],
    contacts: { email: 'contact@semences.example' },
  });
  const intent = await api.admin.request({
    method: 'POST',
    url: '/api/network/intents',
    payload: {
      organizationId: offering,
      direction: 'offer',
      title: 'Seeds of drought-tolerant sorghum',
      sector: 'agriculture',
      kind: 'product',
    },
  });
  expect(intent.statusCode, intent.body).toBe(201);
  offerId = intent.json().id;
  // A need of the housing sector, which members of the dairy cooperative do not see.
  await api.admin.request({
    method: 'POST',
    url: '/api/network/intents',
    payload: {
      organizationId: offering,
      direction: 'need',
      title: 'Roof repair know-how',
      sector: 'housing',
      kind: 'know-how',
    },
  });
});
afterAll(async () => {
  await api?.close();
});

describe.each(shippedLanguages)('a conversation in %s', (language) => {
  it('chooses the language, sets a PIN, walks every menu, goes back and to the main menu', async () => {
    const phone = newPhone();
    await addMember(coopA, phone, 'Wanjiru Kamau');
    const session = dial(phone);
    const first = await session.start();
    expect(first.startsWith('CON ')).toBe(true);
    expect(first).toContain('English');
    expect(first).toContain('हिन्दी');
    expect(first).not.toContain('Wanjiru');
    // A wrong choice repeats the screen with a short reason.
    expect(await session.send('9')).toContain(say('en', 'ussd.wrong-choice'));
    // The first use sets the PIN: nothing personal before it.
    const choose = await session.send(choiceOf(language));
    expect(choose).toContain(say(language, 'pin.choose'));
    expect(await session.send('12')).toContain(say(language, 'pin.format'));
    expect(await session.send('1234')).toContain(say(language, 'pin.too-easy'));
    expect(await session.send('4821')).toContain(say(language, 'pin.confirm'));
    const mismatch = await session.send('4822');
    expect(mismatch).toContain(say(language, 'pin.mismatch'));
    expect(mismatch).toContain(say(language, 'pin.choose'));
    await session.send('4821');
    const main = await session.send('4821');
    expect(main).toContain(say(language, 'pin.is-set'));
    expect(main).toContain(`1 ${say(language, 'menu.my-cooperative')}`);
    expect(main).toContain(`2 ${say(language, 'menu.intents')}`);
    expect(main).not.toContain('4821');

    // My cooperative: its name, my membership, whom to call.
    const mine = await session.send('1');
    // The name is shortened where the screen has only 80 characters (Devanagari).
    expect(mine).toContain(language === 'hi' ? 'Umoja Dairy' : 'Umoja Dairy Farmers Co-operative');
    expect(mine).toContain(
      say(language, 'cooperative.membership', { kind: 'farmerMember', since: '2024' }),
    );
    expect(mine).toContain(say(language, 'cooperative.call', { phone: '+254722000111' }));
    expect(await session.send('5')).toContain(say(language, 'ussd.wrong-choice'));
    expect(await session.send('0')).toContain(`1 ${say(language, 'menu.my-cooperative')}`);

    // Offers and needs of my sector, one in full, "I am interested".
    const board = await session.send('2');
    expect(board).toContain('1 Seeds of drought-tolerant sorghum');
    expect(board).not.toContain('Roof repair');
    const detail = await session.send('1');
    expect(detail).toContain(`${say(language, 'intents.offer')} Coop`);
    expect(detail).toContain(`1 ${say(language, 'intents.interested')}`);
    expect(detail).toContain(say(language, 'ussd.navigation'));
    const told = await session.send('1');
    expect(told).toContain(say(language, 'intents.told'));
    // Back twice: the detail, then the board.
    expect(await session.send('0')).toContain(say(language, 'intents.interested'));
    expect(await session.send('0')).toContain('Seeds of drought-tolerant sorghum');
    await session.send('1');
    expect(await session.send('1')).toContain(say(language, 'intents.told-already'));
    // 00: the main menu from anywhere.
    expect(await session.send('00')).toContain(`1 ${say(language, 'menu.my-cooperative')}`);

    // Help, then the language menu, each language named in itself.
    expect(await session.send('4')).toContain(say(language, 'help.text'));
    await session.send('0');
    const languages = await session.send('3');
    expect(languages).toContain('Français');
    expect(languages).toContain('Español');
    await session.send('00');

    // The next session asks the PIN only: the language was chosen once.
    const next = dial(phone);
    const pin = await next.start();
    expect(pin).toContain(say(language, 'pin.enter'));
    expect(await next.send('4821')).toContain(say(language, 'menu.my-cooperative'));
  });

  it('locks the phone for 15 minutes after 3 wrong PINs', async () => {
    const phone = newPhone();
    await addMember(coopA, phone);
    await signUp(phone, language, '5830');
    const session = dial(phone);
    await session.start();
    expect(await session.send('1111')).toContain(say(language, 'pin.wrong', { left: 2 }));
    expect(await session.send('2222')).toContain(say(language, 'pin.wrong', { left: 1 }));
    const locked = await session.send('3333');
    expect(locked.startsWith('END ')).toBe(true);
    expect(locked).toContain(say(language, 'pin.locked', { minutes: 15 }));
    // Locked for every session, even with the right PIN.
    const later = dial(phone);
    expect(await later.start()).toContain(say(language, 'pin.locked', { minutes: 15 }));
    expect(await later.send('5830')).toContain(say(language, 'pin.locked', { minutes: 15 }));
    api.setNow(new Date(Date.now() + 16 * 60_000));
    try {
      const unlocked = dial(phone);
      expect(await unlocked.start()).toContain(say(language, 'pin.enter'));
      expect(await unlocked.send('5830')).toContain(say(language, 'menu.my-cooperative'));
    } finally {
      api.setNow(undefined);
    }
  });
});

describe('sessions', () => {
  it('tells an unknown phone, in the default language, that it is not known', async () => {
    const reply = await dial(newPhone()).start();
    expect(reply).toBe(`END ${say('en', 'ussd.unknown-phone')}`);
  });

  it('resumes a session by its id: a repeated hop shows the same screen and reads nothing twice', async () => {
    const phone = newPhone();
    await addMember(coopA, phone);
    await signUp(phone, 'en', '7391');
    const session = dial(phone);
    await session.start();
    await session.send('7391');
    const board = await session.send('2');
    expect(await session.again()).toBe(board);
    // The same session id, from a new request with every input so far, goes on where it was.
    const resumed = await post(`/api/reach/ussd/africastalking?secret=${secret}`, {
      sessionId: session.sessionId,
      serviceCode: '*384*123#',
      phoneNumber: phone,
      text: '7391*2*1',
    });
    expect(resumed.body).toContain('I am interested');
    // No input is kept, the PIN least of all.
    const stored = await api.database.pool.query<{ state: unknown }>(
      'select state from reach_ussd_session where id = $1',
      [session.sessionId],
    );
    expect(JSON.stringify(stored.rows[0]?.state)).not.toContain('7391');
    const audit = await api.database.pool.query<{ row: string }>(
      "select row_to_json(e)::text as row from platform_audit_entry e where action like '%pin%'",
    );
    for (const { row } of audit.rows) expect(row).not.toContain('7391');
  });

  it('tells the offering organization once, in its language, through the outbox', async () => {
    const phone = newPhone();
    await addMember(coopA, phone);
    const session = await signUp(phone, 'en', '6302');
    const before = (await outboxTo('contact@semences.example')).length;
    await session.send('2');
    await session.send('1');
    await session.send('1');
    await session.send('0');
    await session.send('1');
    const mails = await outboxTo('contact@semences.example');
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)?.subject).toContain('intéresse');
    expect(mails.at(-1)?.body ?? '').toContain('Umoja Dairy Farmers Co-operative');
    const interests = await api.database.pool.query(
      'select 1 from reach_intent_interest where intent_id = $1',
      [offerId],
    );
    expect(interests.rowCount).toBeGreaterThan(0);
  });

  it('answers a phone making too many hops with an END screen saying when, never an HTTP error', async () => {
    const phone = newPhone();
    await addMember(coopA, phone);
    const session = dial(phone);
    const at = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 10_000);
    api.setNow(at);
    try {
      for (let hop = 0; hop < hopsPerMinute; hop++) {
        expect(await session.again()).not.toContain('Too many requests');
      }
      expect(await session.again()).toBe(`END ${say('en', 'ussd.rate-limited', { seconds: 50 })}`);
      api.setNow(new Date(at.getTime() + 60_000));
      expect(await session.again()).not.toContain('Too many requests');
    } finally {
      api.setNow(undefined);
    }
  });
});

describe('a household phone shared by members of two cooperatives', () => {
  it('lets the PIN pick out the member, each seeing only their own cooperative', async () => {
    const phone = newPhone();
    await addMember(coopA, phone, 'Achieng Otieno');
    await addMember(coopB, phone, 'Baraka Mwangi');
    // Two members without a PIN: neither may take the phone.
    const first = dial(phone);
    await first.start();
    expect(await first.send(choiceOf('en'))).toBe(`END ${say('en', 'pin.ask-admin')}`);
  });

  it('lets each member of the phone set their own PIN, never the same, and shows each their own', async () => {
    const phone = newPhone();
    const achieng = await addMember(coopA, phone, 'Achieng Otieno');
    const baraka = await addMember(coopB, phone, 'Baraka Mwangi');
    // The admin of the first cooperative opens Achieng's setup.
    const adminA = await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: coopA },
    ]);
    const reset = await adminA.request({
      method: 'POST',
      url: `/api/reach/people/${achieng}/pin-reset`,
    });
    expect(reset.statusCode, reset.body).toBe(200);
    await signUp(phone, 'en', '2468');
    // Baraka is the one member left without a PIN: "Set a new PIN" is offered, and his PIN
    // cannot be Achieng's.
    const session = dial(phone);
    const prompt = await session.start();
    expect(prompt).toContain(`1 ${say('en', 'pin.set-new')}`);
    expect(prompt).not.toMatch(/Achieng|Baraka/);
    await session.send('1');
    expect(await session.send('2468')).toContain(say('en', 'pin.taken'));
    await session.send('9753');
    const main = await session.send('9753');
    expect(main).toContain(say('en', 'pin.is-set'));
    const his = await session.send('1');
    expect(his).toContain('Amani Housing Co-operative');
    expect(his).not.toContain('Umoja');
    await session.send('0');
    // The offers and needs of his cooperative's sector (housing), not hers (agriculture).
    const board = await session.send('2');
    expect(board).toContain('Roof repair know-how');
    expect(board).not.toContain('sorghum');

    const hers = dial(phone);
    await hers.start();
    await hers.send('2468');
    const mine = await hers.send('1');
    expect(mine).toContain('Umoja Dairy Farmers Co-operative');
    expect(mine).not.toContain('Amani');
    expect(baraka).not.toBe(achieng);
  });
});

describe('the PIN reset', () => {
  it('is for the admins of the member’s cooperative and network staff, audited', async () => {
    const phone = newPhone();
    const person = await addMember(coopA, phone);
    await signUp(phone, 'en', '8025');
    const otherAdmin = await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: coopB },
    ]);
    const url = `/api/reach/people/${person}/pin-reset`;
    const before = await fingerprint(api.database);
    expect((await api.app.inject({ method: 'POST', url })).statusCode).toBe(401);
    const forbidden = await otherAdmin.request({ method: 'POST', url });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await fingerprint(api.database)).toBe(before);
    const missing = await api.admin.request({
      method: 'POST',
      url: '/api/reach/people/0190f2a8-0000-7000-8000-000000000000/pin-reset',
    });
    expect(missing.statusCode).toBe(404);
    const done = await api.admin.request({ method: 'POST', url });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().personId).toBe(person);
    const audit = await api.database.pool.query(
      "select 1 from platform_audit_entry where action = 'reset-phone-pin' and entity_id = $1",
      [person],
    );
    expect(audit.rowCount).toBe(1);
    // The old PIN no longer works: the member sets a new one.
    const session = dial(phone);
    expect(await session.start()).toContain(say('en', 'pin.choose'));
  });
});

describe('the provider’s requests', () => {
  const hop = {
    sessionId: 'ATUid_x',
    serviceCode: '*384*123#',
    phoneNumber: '+254711000001',
    text: '',
  };

  it('refuses a callback without the secret (401), and takes it as a basic-auth password', async () => {
    const none = await post('/api/reach/ussd/africastalking', hop);
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    const wrong = await post('/api/reach/ussd/africastalking?secret=nope', hop);
    expect(wrong.statusCode).toBe(401);
    const basic = await post('/api/reach/ussd/africastalking', hop, {
      authorization: `Basic ${Buffer.from(`africastalking:${secret}`).toString('base64')}`,
    });
    expect(basic.statusCode).toBe(200);
    expect(basic.body).toBe(`END ${say('en', 'ussd.unknown-phone')}`);
    const badBasic = await post('/api/reach/ussd/africastalking', hop, {
      authorization: `Basic ${Buffer.from('africastalking:nope').toString('base64')}`,
    });
    expect(badBasic.statusCode).toBe(401);
  });

  it('answers malformed requests with a 4xx, never a 5xx, and changes nothing', async () => {
    const url = `/api/reach/ussd/africastalking?secret=${secret}`;
    const cases: Record<string, string>[] = [
      {},
      { ...hop, sessionId: '' },
      { serviceCode: hop.serviceCode, phoneNumber: hop.phoneNumber, text: '' },
      { ...hop, phoneNumber: '' },
      { ...hop, text: '1*'.repeat(5000) },
      { ...hop, text: 'x'.repeat(10_000) },
      { ...hop, phoneNumber: '12345' },
      { ...hop, phoneNumber: '+999123' },
      { ...hop, phoneNumber: 'not a phone' },
      { ...hop, text: '1\u0000' },
      { ...hop, sessionId: 'a'.repeat(1000) },
    ];
    const before = await fingerprint(api.database);
    for (const fields of cases) {
      const response = await post(url, fields);
      expect(response.statusCode, JSON.stringify(fields).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, response.body).toBeLessThan(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const json = await api.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'text/plain' },
      payload: 'sessionId=1',
    });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
    expect(await fingerprint(api.database)).toBe(before);
  });

  it('records the end-of-session notice with its input redacted, and forgets the session', async () => {
    const phone = newPhone();
    await addMember(coopA, phone);
    const session = dial(phone);
    await session.start();
    const response = await post(`/api/reach/ussd/africastalking/events?secret=${secret}`, {
      sessionId: session.sessionId,
      phoneNumber: phone,
      status: 'Success',
      input: '4821',
      durationInMillis: '12000',
      hopsCount: '3',
    });
    expect(response.statusCode, response.body).toBe(200);
    const events = await api.database.pool.query<{ payload: Record<string, string> }>(
      'select payload from reach_ussd_event where session_id = $1',
      [session.sessionId],
    );
    expect(events.rows[0]?.payload.input).toBe('[redacted]');
    expect(events.rows[0]?.payload.status).toBe('Success');
    expect(JSON.stringify(events.rows)).not.toContain('4821');
    const left = await api.database.pool.query('select 1 from reach_ussd_session where id = $1', [
      session.sessionId,
    ]);
    expect(left.rowCount).toBe(0);
    expect(
      (await post('/api/reach/ussd/africastalking/events', { sessionId: 'x' })).statusCode,
    ).toBe(401);
  });
});

describe('with no secret set', () => {
  it('keeps the channel off, and never logs a secret sent in the address', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const off = await startTestApi({}, { log: pino({ level: 'info' }, sink) });
    try {
      const response = await off.app.inject({
        method: 'POST',
        url: `/api/reach/ussd/africastalking?secret=${secret}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'sessionId=1&serviceCode=*1%23&phoneNumber=%2B254711000001&text=1234',
      });
      expect(response.statusCode).toBe(404);
      expect(response.json().detail).toContain('REACH_WEBHOOK_SECRET');
      const log = lines.join('');
      expect(log).toContain('/api/reach/ussd/africastalking?secret=[redacted]');
      expect(log).not.toContain(secret);
      expect(log).not.toContain('1234');
    } finally {
      await off.close();
    }
  });
});
