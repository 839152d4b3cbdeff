import { describe, expect, it } from 'vitest';
import { isTwilioSignatureValid, readTwilioCallback, twilioSignature } from './twilio.ts';

// The worked example of Twilio's documentation ("Validating requests",
// https://www.twilio.com/docs/usage/security#validating-requests): auth token 12345, this URL and
// these parameters give the signature 0/KCTR6DLpKmkAf8muzZqo1nDgQ=.
const example = {
  authToken: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  pairs: [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+12349013030'],
    ['Digits', '1234'],
    ['From', '+12349013030'],
    ['To', '+18005551212'],
  ] as Array<[string, string]>,
  signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
};

describe('the Twilio signature', () => {
  it("gives the signature of Twilio's worked example", () => {
    expect(twilioSignature(example.authToken, example.url, example.pairs)).toBe(example.signature);
  });

  it('sorts the parameters by name, whatever order they came in', () => {
    const shuffled = [...example.pairs].reverse();
    expect(twilioSignature(example.authToken, example.url, shuffled)).toBe(example.signature);
    expect(
      isTwilioSignatureValid(example.authToken, example.url, shuffled, example.signature),
    ).toBe(true);
  });

  it.each([
    ['another auth token', { authToken: '54321' }],
    ['another query', { url: 'https://mycompany.com/myapp.php?foo=1&bar=3' }],
    ['another scheme', { url: 'http://mycompany.com/myapp.php?foo=1&bar=2' }],
    ['a changed parameter', { pairs: [...example.pairs.slice(0, 2), ['Digits', '1235']] }],
    ['an added parameter', { pairs: [...example.pairs, ['Body', 'STOP']] }],
  ] as const)('refuses the example with %s', (_name, change) => {
    const { authToken, url, pairs } = { ...example, ...change };
    expect(
      isTwilioSignatureValid(authToken, url, pairs as Array<[string, string]>, example.signature),
    ).toBe(false);
  });

  it('refuses a missing, empty or malformed signature', () => {
    for (const signature of [undefined, '', 'not base64', `${example.signature}x`]) {
      expect(isTwilioSignatureValid(example.authToken, example.url, example.pairs, signature)).toBe(
        false,
      );
    }
  });
});

describe("Twilio's callbacks", () => {
  it('reads an inbound message and a status callback', () => {
    expect(
      readTwilioCallback({
        MessageSid: 'SM1',
        From: '+254711000001',
        Body: 'STOP',
        SmsStatus: 'received',
      }),
    ).toEqual({
      ok: true,
      callback: { kind: 'inbound', providerMessageId: 'SM1', from: '+254711000001', text: 'STOP' },
    });
    expect(
      readTwilioCallback({ MessageSid: 'SM2', MessageStatus: 'undelivered', ErrorCode: '30003' }),
    ).toEqual({
      ok: true,
      callback: {
        kind: 'delivery-report',
        providerMessageId: 'SM2',
        state: 'undelivered',
        detail: 'undelivered 30003',
      },
    });
  });

  it('names every missing or wrong field', () => {
    const reading = readTwilioCallback({ From: '12' });
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.errors.map((error) => [error.pointer, error.code])).toEqual([
      ['/MessageSid', 'required'],
      ['/From', 'invalid-phone'],
      ['/Body', 'required'],
    ]);
    const status = readTwilioCallback({ MessageSid: 'SM3', MessageStatus: 'exploded' });
    expect(status.ok || status.errors[0]?.code).toBe('invalid-option');
  });
});
