// Slowing down guessing. Each thing counted (signing in to one account from one address, asking
// for reset links from one address or for one email) has a few attempts free; then each further
// attempt waits a delay that doubles, up to a ceiling. A day without attempts forgets them.
import { type Context, inTransaction } from '../../../platform/context.ts';
import type { Message } from '../../../platform/errors.ts';
import { accountsMessage } from '../messages.ts';
import { deleteAttempts, deleteAttemptsBefore, lockAttempts, setAttempts } from '../queries.ts';

export type AttemptRule = {
  /** Attempts that may follow one another at once. */
  free: number;
  /** The wait after the last free attempt; it doubles with each attempt after that. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
};

export type AttemptCount = { attempts: number; lastAttemptAt: Date; blockedUntil: Date };

export type AttemptOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const forgetAfterMs = 24 * 3_600_000;

/** Whether an attempt may be taken now and, if so, the count after it. */
export function nextAttempt(
  previous: AttemptCount,
  now: Date,
  rule: AttemptRule,
): { allowed: true; count: AttemptCount } | { allowed: false; retryAfterSeconds: number } {
  const waitMs = previous.blockedUntil.getTime() - now.getTime();
  // Only attempts past the free ones wait. (Attempts made at once read the clock before they
  // queue on the count, so one may see the time another wrote as a few milliseconds ahead.)
  if (waitMs > 0 && previous.attempts >= rule.free) {
    return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }
  const forgotten = now.getTime() - previous.lastAttemptAt.getTime() >= forgetAfterMs;
  const attempts = (forgotten ? 0 : previous.attempts) + 1;
  const beyondFree = attempts - rule.free;
  const delaySeconds =
    beyondFree < 0 ? 0 : Math.min(rule.firstDelaySeconds * 2 ** beyondFree, rule.maxDelaySeconds);
  return {
    allowed: true,
    count: {
      attempts,
      lastAttemptAt: now,
      blockedUntil: new Date(now.getTime() + delaySeconds * 1000),
    },
  };
}

/**
 * Counts an attempt under `key` if the rule allows one now. The count's row is locked while it
 * is read and written, so that attempts made at once are counted one after another.
 */
export async function takeAttempt(
  ctx: Context,
  counted: { key: string; email: string | null },
  rule: AttemptRule,
): Promise<AttemptOutcome> {
  const now = ctx.now();
  // Keep the table small: counts a day old no longer count for anything.
  if (Math.random() < 0.01)
    await deleteAttemptsBefore(ctx.db, new Date(now.getTime() - forgetAfterMs));
  return inTransaction(ctx, async (tx) => {
    const row = await lockAttempts(tx.db, counted.key, counted.email, now);
    const next = nextAttempt(
      {
        attempts: row.attempts,
        lastAttemptAt: row.last_attempt_at,
        blockedUntil: row.blocked_until,
      },
      now,
      rule,
    );
    if (!next.allowed) return next;
    await setAttempts(tx.db, counted.key, {
      attempts: next.count.attempts,
      last_attempt_at: next.count.lastAttemptAt,
      blocked_until: next.count.blockedUntil,
    });
    return { allowed: true };
  });
}

/** After a success (the right password): the failures before it no longer count. */
export async function forgetAttempts(ctx: Context, key: string): Promise<void> {
  await deleteAttempts(ctx.db, key);
}

/** A wait in words a person can act on, in their language: "2 seconds", "15 minutes". */
export function waitInWords(seconds: number): Message {
  if (seconds < 120) return accountsMessage('wait.seconds', { seconds });
  return accountsMessage('wait.minutes', { minutes: Math.ceil(seconds / 60) });
}
