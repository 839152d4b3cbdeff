import { describe, expect, it } from 'vitest';
import { waitOf } from './wait.ts';

const tooMany = (retryAfterSeconds?: number) => ({
  type: 'urn:intercoop:problem:rate-limited',
  title: 'Too many requests',
  status: 429,
  retryAfterSeconds,
});

describe('the wait a refusal asks for', () => {
  it('is in seconds, then in whole minutes, or unknown', () => {
    expect(waitOf(tooMany(1))).toEqual({ unit: 'seconds', count: 1 });
    expect(waitOf(tooMany(64))).toEqual({ unit: 'seconds', count: 64 });
    expect(waitOf(tooMany(900))).toEqual({ unit: 'minutes', count: 15 });
    expect(waitOf(tooMany(301))).toEqual({ unit: 'minutes', count: 6 });
    expect(waitOf(tooMany())).toEqual({ unit: 'unknown', count: 0 });
    expect(waitOf(null)).toEqual({ unit: 'unknown', count: 0 });
  });
});
