// The public segment counter over HTTP: what it answers, and what it refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../../test/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const count = (payload: unknown, headers: Record<string, string> = {}) =>
  api.app.inject({
    method: 'POST',
    url: '/api/reach/sms/segments',
    payload: payload as object,
    headers,
  });

describe('POST /api/reach/sms/segments', () => {
  it('answers anyone, signed in or not, with the encoding, units and segments', async () => {
    const english = await count({ text: 'Meeting on Saturday at 10. Dial *384*12# for more.' });
    expect(english.statusCode, english.body).toBe(200);
    expect(english.json()).toEqual({ encoding: 'GSM-7', units: 50, segments: 1 });
    const hindi = await api.admin.request({
      method: 'POST',
      url: '/api/reach/sms/segments',
      payload: { text: 'आपकी सहकारी समिति के लिए नई जानकारी है। मेनू के लिए *384*12# डायल करें।' },
    });
    expect(hindi.json()).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
    const euros = await count({ text: `${'a'.repeat(152)}€${'a'.repeat(152)}` });
    expect(euros.json()).toEqual({ encoding: 'GSM-7', units: 306, segments: 3 });
  });

  it('counts spaces at either end, which are sent too', async () => {
    expect((await count({ text: '  hi  ' })).json()).toEqual({
      encoding: 'GSM-7',
      units: 6,
      segments: 1,
    });
  });

  it('takes the longest text providers send, and refuses a longer one, naming the limit', async () => {
    expect((await count({ text: 'a'.repeat(1600) })).json()).toEqual({
      encoding: 'GSM-7',
      units: 1600,
      segments: 11,
    });
    const tooLong = await count({ text: 'a'.repeat(1601) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors).toContainEqual(
      expect.objectContaining({ pointer: '/text', code: 'too-long', params: { maximum: 1600 } }),
    );
  });

  it.each([
    ['an empty text', { text: '' }, '/text'],
    ['no text', {}, '/text'],
    ['a number', { text: 160 }, '/text'],
    ['an unknown field', { text: 'hi', language: 'hi' }, '/language'],
    ['markup', { text: '<b>Hello</b>' }, '/text'],
  ])('refuses %s with a pointer at the field', async (_name, payload, pointer) => {
    const response = await count(payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ pointer }));
  });

  it('refuses a lone surrogate (half an emoji), which no phone could show', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/reach/sms/segments',
      headers: { 'content-type': 'application/json' },
      payload: '{"text": "half \\ud83c pair"}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({ pointer: '/text', code: 'invalid-encoding' }),
    );
  });

  it('refuses a body over 16 KiB with 413, and a body that is not JSON with 415', async () => {
    const big = await api.app.inject({
      method: 'POST',
      url: '/api/reach/sms/segments',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'a'.repeat(17 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    const form = await api.app.inject({
      method: 'POST',
      url: '/api/reach/sms/segments',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(form.statusCode).toBe(415);
  });
});
