import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIdempotencyKey } from './parse-idempotency-key.ts';

describe('an Idempotency-Key header', () => {
  it('means the same key quoted, as the draft shows, or bare', () => {
    const key = '8e03978e-40d5-43e8-bc93-6894a57f9324';
    expect(parseIdempotencyKey(`"${key}"`)).toEqual({ ok: true, key });
    expect(parseIdempotencyKey(key)).toEqual({ ok: true, key });
    expect(parseIdempotencyKey(' "a\\"b\\\\c" ')).toEqual({ ok: true, key: 'a"b\\c' });
  });

  it('refuses what is not 1 to 255 visible characters, or a broken quoted string', () => {
    for (const header of [
      '',
      '""',
      '"abc',
      'a b',
      '"a b"',
      'ключ',
      '"a\\nb"',
      '"a"b"',
      'x'.repeat(256),
    ]) {
      expect(parseIdempotencyKey(header).ok, header).toBe(false);
    }
    expect(parseIdempotencyKey('x'.repeat(255)).ok).toBe(true);
  });

  it('gives back any key sent quoted with its escapes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x21-\x7e]{1,255}$/), (key) => {
        const quoted = `"${key.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
        expect(parseIdempotencyKey(quoted)).toEqual({ ok: true, key });
      }),
    );
  });
});
