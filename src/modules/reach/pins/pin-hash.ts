// PINs are kept as argon2id hashes, as passwords are, and checked against the rules that make a
// four-digit secret worth having: no digit repeated throughout, no run such as 1234 or 9876.
import { hash, verify } from '@node-rs/argon2';

// The parameters OWASP gives as a floor (19 MiB, 2 passes, 1 lane), as for passwords.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const pinPattern = /^[0-9]{4,6}$/;

export function hashPin(pin: string): Promise<string> {
  return hash(pin, options);
}

export async function pinMatches(stored: string | null, pin: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, pin);
  } catch {
    return false;
  }
}

/** All one digit (0000), or each digit one more or one less than the last (1234, 6543). */
export function isEasyPin(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((digit, index) => digit - (digits[index] ?? 0));
  return (
    steps.every((step) => step === 0) ||
    steps.every((step) => step === 1) ||
    steps.every((step) => step === -1)
  );
}
