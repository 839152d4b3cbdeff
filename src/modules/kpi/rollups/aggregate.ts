// How an indicator's values of many organizations become one figure for a period: the rules the
// SQL roll-ups follow, written plainly so that tests can compare the two on random networks.
// Values arrive already in one unit (amounts converted to one currency, in minor units).
import { evaluateFormula, type Formula } from '../indicators/formula.ts';

export type Aggregation =
  | { kind: 'sum' }
  | { kind: 'weighted-average'; weightCode: string }
  | { kind: 'median' }
  /** Each organization's latest value up to the period (a stock such as members), summed. */
  | { kind: 'latest-sum' };

/**
 * An organization and everything under it in the member-of tree, each once: an organization that
 * belongs to two parents under the same root is reached twice and counted once.
 */
export function organizationsUnder(
  root: string,
  childrenOf: (id: string) => readonly string[],
): Set<string> {
  const seen = new Set<string>([root]);
  const queue = [root];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of childrenOf(next)) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return seen;
}

/** The median of some values (the mean of the two middle ones for an even count), or null. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Quartiles by the same rule as the median (the medians of the lower and upper halves). */
export function quartiles(
  values: readonly number[],
): { q1: number; median: number; q3: number } | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  const lower = sorted.slice(0, half);
  const upper = sorted.slice(sorted.length % 2 === 1 ? half + 1 : half);
  const middle = median(sorted) as number;
  return {
    q1: lower.length > 0 ? (median(lower) as number) : middle,
    median: middle,
    q3: upper.length > 0 ? (median(upper) as number) : middle,
  };
}

/** What a roll-up reads: one organization's value of one indicator for one period, if any. */
export type ValueLookup = (organizationId: string, code: string) => number | undefined;

/**
 * One indicator over a set of organizations for one period. `valueFor` answers for the period
 * itself; `latestFor` (for `latest-sum`) answers with the latest value at or before it. Null when
 * no organization of the set has a value: "no figure", never 0.
 */
export function aggregateIndicator(
  code: string,
  aggregation: Aggregation,
  organizations: Iterable<string>,
  valueFor: ValueLookup,
  latestFor: ValueLookup = valueFor,
): number | null {
  const ids = [...organizations];
  switch (aggregation.kind) {
    case 'sum': {
      let total = 0;
      let any = false;
      for (const id of ids) {
        const value = valueFor(id, code);
        if (value !== undefined) {
          total += value;
          any = true;
        }
      }
      return any ? total : null;
    }
    case 'latest-sum': {
      let total = 0;
      let any = false;
      for (const id of ids) {
        const value = latestFor(id, code);
        if (value !== undefined) {
          total += value;
          any = true;
        }
      }
      return any ? total : null;
    }
    case 'weighted-average': {
      // Only organizations that gave both the value and its weight take part.
      let weighted = 0;
      let weights = 0;
      for (const id of ids) {
        const value = valueFor(id, code);
        const weight = valueFor(id, aggregation.weightCode);
        if (value !== undefined && weight !== undefined) {
          weighted += value * weight;
          weights += weight;
        }
      }
      return weights === 0 ? null : weighted / weights;
    }
    case 'median': {
      const values: number[] = [];
      for (const id of ids) {
        const value = valueFor(id, code);
        if (value !== undefined) values.push(value);
      }
      return median(values);
    }
  }
}

/**
 * A formula indicator over a set of organizations: its inputs are rolled up first and the formula
 * applied to the totals, so a margin is a ratio of sums, never an average of ratios.
 */
export function aggregateFormula(
  formula: Formula,
  aggregationOf: (code: string) => Aggregation,
  organizations: Iterable<string>,
  valueFor: ValueLookup,
  latestFor: ValueLookup = valueFor,
): number | null {
  const ids = [...organizations];
  const totals = new Map<string, number | null>();
  return evaluateFormula(formula, (code) => {
    if (!totals.has(code)) {
      totals.set(code, aggregateIndicator(code, aggregationOf(code), ids, valueFor, latestFor));
    }
    return totals.get(code);
  });
}
