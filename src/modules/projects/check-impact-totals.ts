// The invariant "impact totals equal the sum of results", for `intercoop check`. Totals are not
// stored: they are computed in SQL when read. The check computes them a second way (each result
// added in exact integers here) and compares, for every grouping the API offers: each grouping's
// groups must add up to the same totals, which is also what proves no result is counted twice.
import type { Db } from '../../platform/db.ts';
import { selectAllFigures, sumFigures } from './queries.ts';

type Sums = Map<string, { total: bigint; results: number }>;

/** One sum per indicator and currency; quantities in thousandths (numeric(18,3)) to stay exact. */
const sumKey = (indicator: string, currency: string | null) =>
  currency ? `${indicator} ${currency}` : indicator;

function thousandths(quantity: string): bigint {
  const [whole = '0', fraction = ''] = quantity.split('.');
  return BigInt(whole + fraction.padEnd(3, '0').slice(0, 3));
}

/** A grouping's sums, as the impact endpoint computes them, folded over its groups. */
export type GroupingSums = {
  by: string;
  rows: { indicator: string; currency: string | null; total: string; results: number }[];
};

/**
 * Compares sums from the results themselves with each grouping's sums. Returns problems as
 * sentences; none means the totals hold. Pure, so a test can hand it a corrupted grouping.
 */
export function compareImpactTotals(
  kind: string,
  results: {
    indicator: string;
    currency: string | null;
    quantity: string | null;
    amount_minor: string | null;
  }[],
  groupings: GroupingSums[],
): string[] {
  const expected: Sums = new Map();
  for (const result of results) {
    const key = sumKey(result.indicator, result.currency);
    const entry = expected.get(key) ?? { total: 0n, results: 0 };
    entry.total +=
      result.amount_minor !== null
        ? BigInt(result.amount_minor)
        : thousandths(result.quantity ?? '0');
    entry.results += 1;
    expected.set(key, entry);
  }
  const problems: string[] = [];
  for (const grouping of groupings) {
    const actual: Sums = new Map();
    for (const row of grouping.rows) {
      const key = sumKey(row.indicator, row.currency);
      const entry = actual.get(key) ?? { total: 0n, results: 0 };
      entry.total += row.currency ? BigInt(row.total) : thousandths(row.total);
      entry.results += row.results;
      actual.set(key, entry);
    }
    for (const key of new Set([...expected.keys(), ...actual.keys()])) {
      const want = expected.get(key) ?? { total: 0n, results: 0 };
      const got = actual.get(key) ?? { total: 0n, results: 0 };
      if (want.total !== got.total || want.results !== got.results)
        problems.push(
          `Impact of ${kind}s by ${grouping.by}: ${key} adds up to ${got.total} over ${got.results} ${kind}(s), but the ${kind}s themselves add up to ${want.total} over ${want.results} (amounts in minor units for money, thousandths otherwise).`,
        );
    }
  }
  return problems;
}

/** The check `intercoop check` runs: a list of problems, each a sentence; empty when all hold. */
export async function checkImpactTotals(db: Db): Promise<string[]> {
  const problems: string[] = [];
  for (const kind of ['result', 'target'] as const) {
    const results = await selectAllFigures(db, kind);
    const groupings: GroupingSums[] = [];
    for (const by of ['all', 'indicator', 'sector', 'year', 'country'] as const)
      groupings.push({ by, rows: await sumFigures(db, by, { kind }) });
    problems.push(...compareImpactTotals(kind, results, groupings));
  }
  return problems;
}
