import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import {
  assertStrongPassword,
  hashPassword,
  passwordWeakness,
  verifyPassword,
} from './passwords.ts';

const amina = { email: 'amina.k@coop.example', displayName: 'Amina Kiprono' };

describe('passwords', () => {
  it('hash with argon2id and verify', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapl')).toBe(false);
    expect(await verifyPassword(null, 'anything at all')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything at all')).toBe(false);
  });

  it.each([
    ['short', 'Tr0ub4dor&3', /at least 12/],
    ['common', 'qwerty123456', /common passwords/],
    ['common with digits added', 'password2024!', /common passwords/],
    ['common with digits in front', '2024sunshine', /common passwords/],
    ['repetitive', 'aaaaaaaaaaaa', /different characters/],
    ['the email', 'amina.k-secret-42', /email address/],
    ['a row of keys', 'qwertyuiopasdf', /password many people use|keys on a keyboard/],
    ['the name of this service and a year', 'Intercoop2024!', /name of this service/],
    ['the person’s own name and a year', 'Kiprono2024!', /your name/],
    ['a sequence', 'abcdefghijklmnop', /Sequences/],
  ])('refuses a %s password, and says why', (_, password, message) => {
    expect(passwordWeakness(password, amina)).toMatch(message);
  });

  it('refuses a guessable password with its own code and the cause', () => {
    const refusal = (() => {
      try {
        assertStrongPassword('Intercoop2024!', amina);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).details?.errors).toEqual([
      {
        pointer: '/password',
        code: 'guessable-password',
        params: { cause: 'personal-information' },
        detail: expect.stringMatching(/Add another word or two/),
      },
    ]);
  });

  it.each([
    'mango monsoon loom 1987',
    // The password every account of the API tests gets: `mango monsoon loom N`.
    `mango monsoon loom 1${Date.now()}`,
    'new mango monsoon 2030',
    'correct horse battery staple',
    'river loom harvest 7291',
  ])('accepts a long, uncommon one: %s', (password) => {
    expect(passwordWeakness(password, amina)).toBeUndefined();
  });
});
