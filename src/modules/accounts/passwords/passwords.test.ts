import { describe, expect, it } from 'vitest';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.ts';

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
  ])('refuses a %s password', (_, password, message) => {
    expect(passwordWeakness(password, 'amina.k@coop.example')).toMatch(message);
  });

  it('accepts a long, uncommon one', () => {
    expect(passwordWeakness('mango monsoon loom 1987', 'amina@coop.example')).toBeUndefined();
  });
});
