import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { parsePhone, toE164 } from './phone.ts';
import { PhoneText } from './phone-schemas.ts';

describe('a phone number', () => {
  it('is stored in E.164 however it was typed', () => {
    expect(parsePhone('+91 98765 43210')).toEqual({ ok: true, e164: '+919876543210' });
    expect(parsePhone('098765 43210', 'IN')).toEqual({ ok: true, e164: '+919876543210' });
    expect(parsePhone('98765-43210', 'IN')).toEqual({ ok: true, e164: '+919876543210' });
    expect(parsePhone('06.12.34.56.78', 'FR')).toEqual({ ok: true, e164: '+33612345678' });
    expect(parsePhone('(020) 7946 0000', 'GB')).toEqual({ ok: true, e164: '+442079460000' });
    // An international number keeps its own country, whatever the default.
    expect(parsePhone('+254 712 345678', 'IN')).toEqual({ ok: true, e164: '+254712345678' });
  });

  it('needs a country when it does not start with +', () => {
    expect(parsePhone('98765 43210')).toEqual({ ok: false, reason: 'country-needed' });
  });

  it('must be one its country gives out, not only of a plausible length', () => {
    expect(parsePhone('+91 55555 55555')).toEqual({
      ok: false,
      reason: 'not-valid-for-country',
      country: 'IN',
    });
    expect(parsePhone('555-0123', 'US')).toEqual({
      ok: false,
      reason: 'not-valid-for-country',
      country: 'US',
    });
    expect(parsePhone('+91 98765 4321')).toMatchObject({
      ok: false,
      reason: 'not-valid-for-country',
    });
    expect(parsePhone('+999 1234 5678')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(parsePhone('1', 'IN')).toMatchObject({ ok: false });
  });

  it('is refused with the field error invalid-phone at its pointer', () => {
    const refused = (() => {
      try {
        toE164('+91 55555 55555', undefined, '/person/phone');
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('validation-failed');
    expect((refused as AppError).details?.errors).toEqual([
      expect.objectContaining({
        pointer: '/person/phone',
        code: 'invalid-phone',
        params: { reason: 'not-valid-for-country', country: 'IN' },
      }),
    ]);
    expect(toE164('+91 98765 43210', undefined, '/phone')).toBe('+919876543210');
  });
});

describe('the text of a phone number', () => {
  const codeOf = (value: string) => {
    const result = PhoneText.safeParse(value);
    const issue = result.error?.issues[0] as { params?: { code: string } } | undefined;
    return issue?.params?.code ?? null;
  };

  it('takes digits with separators, and + first', () => {
    for (const value of ['+91 98765 43210', '(020) 7946-0000', '06.12.34.56.78', ' 98765 43210 ']) {
      expect(PhoneText.safeParse(value).success, value).toBe(true);
    }
    expect(PhoneText.parse(' +91 98765 43210 ')).toBe('+91 98765 43210');
  });

  it('refuses letters, markup, a + inside, hidden characters and too long a text', () => {
    expect(codeOf('+91 98765 4321x')).toBe('invalid-format');
    expect(codeOf('<b>98765</b>')).toBe('invalid-format');
    expect(codeOf('98765+43210')).toBe('invalid-format');
    // A zero-width space is no phone character; a direction control is named as hidden.
    expect(codeOf('+91 98765\u200B43210')).toBe('invalid-format');
    expect(codeOf('+91 \u202E01234 56789')).toBe('hidden-characters');
    expect(PhoneText.safeParse(`+91${'0'.repeat(30)}`).error?.issues[0]?.code).toBe('too_big');
  });
});
