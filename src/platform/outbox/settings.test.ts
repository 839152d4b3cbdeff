import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from './settings.ts';

describe('the outbox retry delay', () => {
  const settings = { retryFirstSeconds: 5, retryMaxSeconds: 60, giveUpSeconds: 86_400 };

  it('starts at the first delay and doubles', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelaySeconds(attempt, settings))).toEqual([
      5, 10, 20, 40,
    ]);
  });

  it('never waits longer than the most', () => {
    expect(retryDelaySeconds(5, settings)).toBe(60);
    expect(retryDelaySeconds(2_000, settings)).toBe(60);
  });

  it('makes about 1,440 attempts in a day with the defaults', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < settings.giveUpSeconds) {
      attempts += 1;
      elapsed += retryDelaySeconds(attempts, settings);
    }
    expect(attempts).toBeGreaterThan(1_430);
    expect(attempts).toBeLessThan(1_445);
  });
});
