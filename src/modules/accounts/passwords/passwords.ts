// Passwords: argon2id hashes, and a refusal of passwords that attackers try first.
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../../platform/errors.ts';
import { accountsMessage } from '../messages.ts';

// Argon2id with the parameters OWASP recommends as a floor (19 MiB, 2 passes, 1 lane).
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Spent on unknown emails too, so that timing does not tell which emails have an account.
let dummyHash: Promise<string> | undefined;
export async function spendPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('a password nobody has, for timing');
  await verifyPassword(await dummyHash, password);
}

// The common-passwords list of zxcvbn-ts (about 49,000 leaked passwords), shipped as a dependency.
const common = new Set(dictionary['passwords-common'].map((entry: string) => entry.toLowerCase()));

/** The forms an attacker tries: as typed, and without the digits and symbols people add at the ends. */
function candidates(password: string): string[] {
  const lower = password.toLowerCase();
  return [
    lower,
    lower.replace(/[\d\W_]+$/u, ''),
    lower.replace(/^[\d\W_]+/u, ''),
    lower.replace(/\s+/g, ''),
  ];
}

type Weakness = 'too-short' | 'repetitive' | 'common' | 'contains-email';

const weaknessDetails: Record<Weakness, string> = {
  'too-short':
    'Use at least 12 characters; a few unrelated words make a strong, memorable password.',
  repetitive: 'Use more different characters; this password repeats too few.',
  common:
    'This password is on a list of common passwords that attackers try first; choose another.',
  'contains-email': 'Do not use your email address in your password.',
};

function weaknessOf(password: string, email?: string): Weakness | undefined {
  if (password.length < 12) return 'too-short';
  if (new Set(password).size < 5) return 'repetitive';
  if (candidates(password).some((candidate) => candidate.length >= 4 && common.has(candidate))) {
    return 'common';
  }
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) {
    return 'contains-email';
  }
  return undefined;
}

export function passwordWeakness(password: string, email?: string): string | undefined {
  const weakness = weaknessOf(password, email);
  return weakness && weaknessDetails[weakness];
}

export function assertStrongPassword(password: string, email?: string): void {
  const weakness = weaknessOf(password, email);
  if (weakness) {
    throw new AppError('validation-failed', accountsMessage('password.weak'), {
      errors: [
        {
          pointer: '/password',
          detail: weaknessDetails[weakness],
          code: 'weak-password',
          params: { reason: weakness },
        },
      ],
    });
  }
}
