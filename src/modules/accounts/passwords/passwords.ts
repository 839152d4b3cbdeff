// Passwords: argon2id hashes, and a refusal of passwords that attackers try first.
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
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

// zxcvbn estimates how many guesses a password takes, from the patterns attackers try (keyboard
// rows, repeats, sequences, dates, common passwords, the person's own words); a score below 3
// (fewer than about 10^8 guesses) falls to an offline attack on a stolen hash within days.
// Levenshtein matching is left off: it multiplies the time of a check and adds little here.
// Only the first 100 characters are estimated: longer ones cost much more and are long enough.
let estimator: ZxcvbnFactory | undefined;
const minimumScore = 3;
const productName = 'intercoop';

/** Why zxcvbn finds a password guessable, in our own words (stable whatever zxcvbn renames). */
export type GuessableCause =
  | 'keyboard-pattern'
  | 'repetition'
  | 'sequence'
  | 'date'
  | 'common-password'
  | 'common-words'
  | 'personal-information'
  | 'other';

const causeOfWarning: Record<string, GuessableCause> = {
  straightRow: 'keyboard-pattern',
  keyPattern: 'keyboard-pattern',
  simpleRepeat: 'repetition',
  extendedRepeat: 'repetition',
  sequences: 'sequence',
  recentYears: 'date',
  dates: 'date',
  topTen: 'common-password',
  topHundred: 'common-password',
  common: 'common-password',
  similarToCommon: 'common-password',
  pwned: 'common-password',
  wordByItself: 'common-words',
  namesByThemselves: 'common-words',
  commonNames: 'common-words',
  userInputs: 'personal-information',
};

const causeDetails: Record<GuessableCause, string> = {
  'keyboard-pattern': 'Rows and patterns of keys on a keyboard are among the first things tried.',
  repetition: 'Repeated characters or groups of characters are easy to guess.',
  sequence: 'Sequences such as abc or 6789 are easy to guess.',
  date: 'Dates and years are easy to guess.',
  'common-password': 'This is, or looks like, a password many people use.',
  'common-words': 'Common words and names on their own are easy to guess.',
  'personal-information':
    'It holds your name, your email or the name of this service, which are tried first.',
  other: 'This password would be guessed too quickly.',
};
const addWords = 'Add another word or two, unrelated to each other.';

/** The person a password is for: their own words are the first an attacker tries. */
export type PasswordOwner = { email?: string; displayName?: string };

function ownWords(owner: PasswordOwner): string[] {
  const words = [productName];
  if (owner.email) words.push(owner.email, ...owner.email.split(/[@.+_-]+/));
  if (owner.displayName) {
    const parts = owner.displayName.split(/\s+/);
    words.push(owner.displayName, parts.join(''), ...parts);
  }
  return words.filter((word) => word.length >= 3).map((word) => word.toLowerCase());
}

function guessableCause(password: string, owner: PasswordOwner): GuessableCause | undefined {
  estimator ??= new ZxcvbnFactory({
    dictionary,
    graphs: adjacencyGraphs,
    useLevenshteinDistance: false,
    maxLength: 100,
  });
  const result = estimator.check(password, ownWords(owner));
  if (result.score >= minimumScore) return undefined;
  return (result.feedback.warning && causeOfWarning[result.feedback.warning]) || 'other';
}

type Weakness =
  | { reason: 'too-short' | 'repetitive' | 'common' | 'contains-email' }
  | { reason: 'guessable'; cause: GuessableCause };

const weaknessDetails: Record<Exclude<Weakness['reason'], 'guessable'>, string> = {
  'too-short':
    'Use at least 12 characters; a few unrelated words make a strong, memorable password.',
  repetitive: 'Use more different characters; this password repeats too few.',
  common:
    'This password is on a list of common passwords that attackers try first; choose another.',
  'contains-email': 'Do not use your email address in your password.',
};

function weaknessOf(password: string, owner: PasswordOwner): Weakness | undefined {
  if (password.length < 12) return { reason: 'too-short' };
  if (new Set(password).size < 5) return { reason: 'repetitive' };
  if (candidates(password).some((candidate) => candidate.length >= 4 && common.has(candidate))) {
    return { reason: 'common' };
  }
  const local = owner.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) {
    return { reason: 'contains-email' };
  }
  const cause = guessableCause(password, owner);
  return cause && { reason: 'guessable', cause };
}

function detailOf(weakness: Weakness): string {
  return weakness.reason === 'guessable'
    ? `${causeDetails[weakness.cause]} ${addWords}`
    : weaknessDetails[weakness.reason];
}

export function passwordWeakness(password: string, owner: PasswordOwner = {}): string | undefined {
  const weakness = weaknessOf(password, owner);
  return weakness && detailOf(weakness);
}

export function assertStrongPassword(password: string, owner: PasswordOwner): void {
  const weakness = weaknessOf(password, owner);
  if (!weakness) return;
  throw new AppError('validation-failed', accountsMessage('password.weak'), {
    errors: [
      weakness.reason === 'guessable'
        ? {
            pointer: '/password',
            detail: detailOf(weakness),
            code: 'guessable-password',
            params: { cause: weakness.cause },
          }
        : {
            pointer: '/password',
            detail: detailOf(weakness),
            code: 'weak-password',
            params: { reason: weakness.reason },
          },
    ],
  });
}
