import { describe, expect, it } from 'vitest';
import { type AttemptCount, nextAttempt, waitInWords } from './take-attempt.ts';

const rule = { free: 3, firstDelaySeconds: 1, maxDelaySeconds: 10 };
const start = new Date('2026-03-01T08:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

describe('counting attempts', () => {
  it('allows the free attempts at once, then waits a doubling delay up to the ceiling', () => {
    let count: AttemptCount = { attempts: 0, lastAttemptAt: start, blockedUntil: start };
    let now = start;
    const waits: number[] = [];
    for (let index = 0; index < 8; index++) {
      const next = nextAttempt(count, now, rule);
      if (!next.allowed) throw new Error(`refused at attempt ${index + 1}`);
      count = next.count;
      const wait = (count.blockedUntil.getTime() - now.getTime()) / 1000;
      waits.push(wait);
      now = count.blockedUntil;
    }
    expect(waits).toEqual([0, 0, 1, 2, 4, 8, 10, 10]);
  });

  it('refuses an attempt before the wait is over, and says how long is left', () => {
    const count = { attempts: 4, lastAttemptAt: at(0), blockedUntil: at(2) };
    expect(nextAttempt(count, at(0), rule)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(nextAttempt(count, at(1.5), rule)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(nextAttempt(count, at(2), rule)).toMatchObject({ allowed: true });
  });

  it('lets a free attempt through whose clock reads a little behind the last one counted', () => {
    // Two sign-ins at once: the second read the time first, and was counted second.
    const count = { attempts: 1, lastAttemptAt: at(0.005), blockedUntil: at(0.005) };
    expect(nextAttempt(count, at(0), rule)).toMatchObject({ allowed: true });
  });

  it('forgets the attempts after a quiet day', () => {
    const count = { attempts: 20, lastAttemptAt: at(0), blockedUntil: at(10) };
    const next = nextAttempt(count, at(24 * 3600), rule);
    expect(next).toMatchObject({ allowed: true, count: { attempts: 1 } });
  });

  it('says a wait in words', () => {
    expect(waitInWords(1).word('en')).toBe('1 second');
    expect(waitInWords(64).word('en')).toBe('64 seconds');
    expect(waitInWords(900).word('en')).toBe('15 minutes');
    expect(waitInWords(900).word('fr')).toBe('15 minutes');
    expect(waitInWords(1).word('es')).toBe('1 segundo');
  });
});
