import { describe, expect, it } from 'vitest';
import { checkCron, slotsBetween } from '../jobs/schedule-slots.ts';
import { answerSweepScheduleName, idempotencySchedules } from './sweep-answers.ts';

describe('the schedule that deletes expired idempotency answers', () => {
  it('runs once an hour', () => {
    const [schedule] = idempotencySchedules;
    expect(schedule?.name).toBe(answerSweepScheduleName);
    const cron = schedule?.cron ?? '';
    expect(() => checkCron(answerSweepScheduleName, cron)).not.toThrow();
    const slots = slotsBetween(
      cron,
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-03-01T06:00:00Z'),
    );
    expect(slots.map((slot) => slot.toISOString())).toEqual([
      '2026-03-01T00:17:00.000Z',
      '2026-03-01T01:17:00.000Z',
      '2026-03-01T02:17:00.000Z',
      '2026-03-01T03:17:00.000Z',
      '2026-03-01T04:17:00.000Z',
      '2026-03-01T05:17:00.000Z',
    ]);
  });
});
