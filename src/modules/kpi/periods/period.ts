// Reporting periods as the API writes them: `2024-03` (a month), `2024-Q1` (a quarter), `2024`
// (a year). A period is a calendar range; these functions read, write, step and compare them so
// that no other code parses the strings.

export type Periodicity = 'month' | 'quarter' | 'year';

export type Period =
  | { periodicity: 'month'; year: number; month: number }
  | { periodicity: 'quarter'; year: number; quarter: number }
  | { periodicity: 'year'; year: number };

import { firstYear, lastYear } from '../schemas.ts';

export { firstYear, lastYear };

const monthPattern = /^(\d{4})-(\d{2})$/;
const quarterPattern = /^(\d{4})-Q([1-4])$/;
const yearPattern = /^(\d{4})$/;

function yearInRange(year: number): boolean {
  return year >= firstYear && year <= lastYear;
}

/** The period a string names, or undefined when it names none (`2024-13`, `2024-Q5`, `24`). */
export function parsePeriod(text: string): Period | undefined {
  const month = monthPattern.exec(text);
  if (month) {
    const year = Number(month[1]);
    const value = Number(month[2]);
    return yearInRange(year) && value >= 1 && value <= 12
      ? { periodicity: 'month', year, month: value }
      : undefined;
  }
  const quarter = quarterPattern.exec(text);
  if (quarter) {
    const year = Number(quarter[1]);
    return yearInRange(year)
      ? { periodicity: 'quarter', year, quarter: Number(quarter[2]) }
      : undefined;
  }
  const year = yearPattern.exec(text);
  if (year) {
    const value = Number(year[1]);
    return yearInRange(value) ? { periodicity: 'year', year: value } : undefined;
  }
  return undefined;
}

export function formatPeriod(period: Period): string {
  switch (period.periodicity) {
    case 'month':
      return `${period.year}-${String(period.month).padStart(2, '0')}`;
    case 'quarter':
      return `${period.year}-Q${period.quarter}`;
    case 'year':
      return String(period.year);
  }
}

/** Periods counted from year 0 in the period's own unit: consecutive periods differ by one. */
export function periodIndex(period: Period): number {
  switch (period.periodicity) {
    case 'month':
      return period.year * 12 + (period.month - 1);
    case 'quarter':
      return period.year * 4 + (period.quarter - 1);
    case 'year':
      return period.year;
  }
}

export function periodFromIndex(periodicity: Periodicity, index: number): Period {
  switch (periodicity) {
    case 'month':
      return { periodicity, year: Math.floor(index / 12), month: (index % 12) + 1 };
    case 'quarter':
      return { periodicity, year: Math.floor(index / 4), quarter: (index % 4) + 1 };
    case 'year':
      return { periodicity, year: index };
  }
}

/** The period `steps` periods later (earlier when negative), in the same unit. */
export function shiftPeriod(period: Period, steps: number): Period {
  return periodFromIndex(period.periodicity, periodIndex(period) + steps);
}

/** The same period one year before: March 2024 for March 2025, Q1 2024 for Q1 2025. */
export function samePeriodLastYear(period: Period): Period {
  return { ...period, year: period.year - 1 };
}

/** Every period from `from` to `to`, both included, in order; empty when `to` is before `from`. */
export function periodsBetween(from: Period, to: Period): Period[] {
  if (from.periodicity !== to.periodicity) {
    throw new RangeError('Both ends of a range of periods must be of the same periodicity.');
  }
  const periods: Period[] = [];
  for (let index = periodIndex(from); index <= periodIndex(to); index++) {
    periods.push(periodFromIndex(from.periodicity, index));
  }
  return periods;
}

/** The first and last day of a period, as ISO dates. */
export function periodDates(period: Period): { startsOn: string; endsOn: string } {
  const [firstMonth, lastMonth] =
    period.periodicity === 'month'
      ? [period.month, period.month]
      : period.periodicity === 'quarter'
        ? [period.quarter * 3 - 2, period.quarter * 3]
        : [1, 12];
  // Day 0 of the next month is the last day of this one (UTC, so no time zone moves it).
  const lastDay = new Date(Date.UTC(period.year, lastMonth, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    startsOn: `${period.year}-${pad(firstMonth)}-01`,
    endsOn: `${period.year}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}

/** The period of a periodicity that holds a date (`2024-05-31` is in `2024-05`, `2024-Q2`, `2024`). */
export function periodContaining(periodicity: Periodicity, isoDate: string): Period {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  switch (periodicity) {
    case 'month':
      return { periodicity, year, month };
    case 'quarter':
      return { periodicity, year, quarter: Math.ceil(month / 3) };
    case 'year':
      return { periodicity, year };
  }
}
