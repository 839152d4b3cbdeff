import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPeriod,
  type Period,
  type Periodicity,
  parsePeriod,
  periodContaining,
  periodDates,
  periodFromIndex,
  periodIndex,
  periodsBetween,
  samePeriodLastYear,
  shiftPeriod,
} from './period.ts';

const periodicity = fc.constantFrom<Periodicity>('month', 'quarter', 'year');
const period: fc.Arbitrary<Period> = fc.oneof(
  fc.record({
    periodicity: fc.constant('month' as const),
    year: fc.integer({ min: 1901, max: 2998 }),
    month: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    periodicity: fc.constant('quarter' as const),
    year: fc.integer({ min: 1901, max: 2998 }),
    quarter: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    periodicity: fc.constant('year' as const),
    year: fc.integer({ min: 1901, max: 2998 }),
  }),
);

describe('periods', () => {
  it('reads the three ways the API writes a period', () => {
    expect(parsePeriod('2024-03')).toEqual({ periodicity: 'month', year: 2024, month: 3 });
    expect(parsePeriod('2024-Q1')).toEqual({ periodicity: 'quarter', year: 2024, quarter: 1 });
    expect(parsePeriod('2024')).toEqual({ periodicity: 'year', year: 2024 });
  });

  it('refuses what names no period', () => {
    for (const text of [
      '',
      '2024-13',
      '2024-00',
      '2024-Q0',
      '2024-Q5',
      '2024-q1',
      '24',
      '2024-3',
      '02024',
      '1899',
      '3000-01',
      '2024-03 ',
      ' 2024',
      '2024-03-01',
      '٢٠٢٤',
    ]) {
      expect(parsePeriod(text), text).toBeUndefined();
    }
  });

  it('writes back what it reads', () => {
    fc.assert(
      fc.property(period, (value) => {
        expect(parsePeriod(formatPeriod(value))).toEqual(value);
      }),
    );
  });

  it('numbers consecutive periods one apart, across year ends', () => {
    expect(formatPeriod(shiftPeriod(parsePeriod('2024-12') as Period, 1))).toBe('2025-01');
    expect(formatPeriod(shiftPeriod(parsePeriod('2024-Q1') as Period, -1))).toBe('2023-Q4');
    expect(formatPeriod(shiftPeriod(parsePeriod('2024-01') as Period, -13))).toBe('2022-12');
    fc.assert(
      fc.property(period, fc.integer({ min: -100, max: 100 }), (value, steps) => {
        const shifted = shiftPeriod(value, steps);
        expect(periodIndex(shifted) - periodIndex(value)).toBe(steps);
        expect(periodFromIndex(value.periodicity, periodIndex(value))).toEqual(value);
      }),
    );
  });

  it('finds the same period a year before', () => {
    fc.assert(
      fc.property(period, (value) => {
        const unitsPerYear = { month: 12, quarter: 4, year: 1 }[value.periodicity];
        expect(samePeriodLastYear(value)).toEqual(shiftPeriod(value, -unitsPerYear));
      }),
    );
  });

  it('lists a range in order, both ends included', () => {
    const range = periodsBetween(
      parsePeriod('2023-11') as Period,
      parsePeriod('2024-02') as Period,
    );
    expect(range.map(formatPeriod)).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(periodsBetween(parsePeriod('2024') as Period, parsePeriod('2023') as Period)).toEqual(
      [],
    );
    expect(() =>
      periodsBetween(parsePeriod('2024') as Period, parsePeriod('2024-03') as Period),
    ).toThrow(RangeError);
  });

  it('gives each period its first and last day, leap years included', () => {
    expect(periodDates(parsePeriod('2024-02') as Period)).toEqual({
      startsOn: '2024-02-01',
      endsOn: '2024-02-29',
    });
    expect(periodDates(parsePeriod('2023-02') as Period).endsOn).toBe('2023-02-28');
    expect(periodDates(parsePeriod('2024-Q3') as Period)).toEqual({
      startsOn: '2024-07-01',
      endsOn: '2024-09-30',
    });
    expect(periodDates(parsePeriod('2025') as Period)).toEqual({
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
    });
  });

  it('finds the period that holds a date, and that period holds both its ends', () => {
    fc.assert(
      fc.property(period, periodicity, (value, unit) => {
        const { startsOn, endsOn } = periodDates(value);
        expect(periodContaining(value.periodicity, startsOn)).toEqual(value);
        expect(periodContaining(value.periodicity, endsOn)).toEqual(value);
        // A coarser or finer period holding the start holds a day of the same year.
        expect(periodContaining(unit, startsOn).year).toBe(value.year);
      }),
    );
  });
});
