import { describe, expect, it } from 'vitest';
import { checkCron, slotJobId, slotsBetween } from './schedule-slots.ts';

describe('schedule slots', () => {
  it('lists the slots after one instant up to another, that one included', () => {
    const slots = slotsBetween(
      '*/15 * * * *',
      new Date('2026-03-01T10:00:00Z'),
      new Date('2026-03-01T10:45:00Z'),
    );
    expect(slots.map((slot) => slot.toISOString())).toEqual([
      '2026-03-01T10:15:00.000Z',
      '2026-03-01T10:30:00.000Z',
      '2026-03-01T10:45:00.000Z',
    ]);
  });

  it('takes seconds as a sixth field, first', () => {
    const slots = slotsBetween(
      '*/2 * * * * *',
      new Date('2026-03-01T10:00:00.500Z'),
      new Date('2026-03-01T10:00:05Z'),
    );
    expect(slots.map((slot) => slot.toISOString())).toEqual([
      '2026-03-01T10:00:02.000Z',
      '2026-03-01T10:00:04.000Z',
    ]);
  });

  it('gives nothing for a span without a slot', () => {
    expect(
      slotsBetween('0 3 * * *', new Date('2026-03-01T04:00:00Z'), new Date('2026-03-01T05:00:00Z')),
    ).toEqual([]);
  });

  it('names a slot the same way every time, and two slots differently', () => {
    const slot = new Date('2026-03-01T10:15:00Z');
    const id = slotJobId('platform.outbox.sweep', slot);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(slotJobId('platform.outbox.sweep', new Date(slot))).toBe(id);
    expect(slotJobId('platform.outbox.sweep', new Date('2026-03-01T10:16:00Z'))).not.toBe(id);
    expect(slotJobId('another', slot)).not.toBe(id);
  });

  it('refuses what is not cron, naming the schedule', () => {
    expect(() => checkCron('nightly', 'every night')).toThrow(/schedule nightly/);
    expect(() => checkCron('nightly', '0 3 * * *')).not.toThrow();
  });
});
