import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFormula } from '../indicators/formula.ts';
import {
  type Aggregation,
  aggregateFormula,
  aggregateIndicator,
  median,
  organizationsUnder,
  quartiles,
} from './aggregate.ts';

/**
 * A random member-of network: organization i may belong to up to two organizations with smaller
 * numbers (so there is no cycle, as the registry guarantees), and report revenue, surplus and
 * members, or not.
 */
const network = fc.integer({ min: 1, max: 30 }).chain((size) =>
  fc.record({
    parents: fc.tuple(
      ...Array.from({ length: size }, (_, index) =>
        index === 0
          ? fc.constant<number[]>([])
          : fc.uniqueArray(fc.integer({ min: 0, max: index - 1 }), { maxLength: 2 }),
      ),
    ),
    values: fc.tuple(
      ...Array.from({ length: size }, () =>
        fc.record({
          revenue: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
          surplus: fc.option(fc.integer({ min: -50_000, max: 200_000 }), { nil: undefined }),
          members: fc.option(fc.integer({ min: 1, max: 5_000 }), { nil: undefined }),
        }),
      ),
    ),
    root: fc.integer({ min: 0, max: size - 1 }),
  }),
);

type Network = {
  parents: number[][];
  values: Array<Record<string, number | undefined>>;
  root: number;
};

/** Brute force: an organization counts under the root when the root is among its ancestors. */
function underByAncestors({ parents, root }: Network): number[] {
  const isUnder = (id: number): boolean => id === root || (parents[id] ?? []).some(isUnder);
  return parents.map((_, id) => id).filter(isUnder);
}

function childrenOf(parents: number[][]) {
  return (id: string) =>
    parents.flatMap((ofChild, child) => (ofChild.includes(Number(id)) ? [String(child)] : []));
}

describe('roll-ups', () => {
  it('count an organization with two parents once', () => {
    // 0 is the group; 1 and 2 its divisions; 3 belongs to both.
    const parents = [[], [0], [0], [1, 2]];
    const under = organizationsUnder('0', childrenOf(parents));
    expect([...under].sort()).toEqual(['0', '1', '2', '3']);
    const sum = aggregateIndicator('revenue', { kind: 'sum' }, under, (id) =>
      id === '3' ? 100 : 1,
    );
    expect(sum).toBe(103);
  });

  it('equal a brute-force computation on random networks, for every aggregation', () => {
    fc.assert(
      fc.property(network, (net) => {
        const under = organizationsUnder(String(net.root), childrenOf(net.parents));
        const expected = underByAncestors(net);
        expect([...under].map(Number).sort((a, b) => a - b)).toEqual(expected);

        const valueFor = (id: string, code: string) =>
          (net.values[Number(id)] as Record<string, number | undefined> | undefined)?.[code];
        const given = (code: string) =>
          expected.flatMap((id) => {
            const value = (net.values[id] as Record<string, number | undefined> | undefined)?.[
              code
            ];
            return value === undefined ? [] : [{ id, value }];
          });

        const revenues = given('revenue');
        const sum = aggregateIndicator('revenue', { kind: 'sum' }, under, valueFor);
        expect(sum).toBe(
          revenues.length === 0 ? null : revenues.reduce((total, entry) => total + entry.value, 0),
        );

        // Surplus per member, weighted by members: only where both are given.
        const pairs = expected.flatMap((id) => {
          const surplus = net.values[id]?.surplus;
          const members = net.values[id]?.members;
          return surplus === undefined || members === undefined ? [] : [{ surplus, members }];
        });
        const weights = pairs.reduce((total, pair) => total + pair.members, 0);
        const weighted = aggregateIndicator(
          'surplus',
          { kind: 'weighted-average', weightCode: 'members' },
          under,
          valueFor,
        );
        if (weights === 0) expect(weighted).toBeNull();
        else {
          expect(weighted).toBeCloseTo(
            pairs.reduce((total, pair) => total + pair.surplus * pair.members, 0) / weights,
            6,
          );
        }

        // The median: half the values at or below it, half at or above.
        const surpluses = given('surplus').map((entry) => entry.value);
        const middle = aggregateIndicator('surplus', { kind: 'median' }, under, valueFor);
        if (surpluses.length === 0) expect(middle).toBeNull();
        else {
          const value = middle as number;
          expect(surpluses.filter((v) => v <= value).length).toBeGreaterThanOrEqual(
            surpluses.length / 2,
          );
          expect(surpluses.filter((v) => v >= value).length).toBeGreaterThanOrEqual(
            surpluses.length / 2,
          );
        }

        // A margin over the group: the ratio of the sums.
        const parsed = parseFormula('surplus / revenue');
        if (!parsed.ok) throw new Error('formula refused');
        const aggregations: Record<string, Aggregation> = {
          surplus: { kind: 'sum' },
          revenue: { kind: 'sum' },
        };
        const margin = aggregateFormula(
          parsed.formula,
          (code) => aggregations[code] ?? { kind: 'sum' },
          under,
          valueFor,
        );
        const surplusTotal = aggregateIndicator('surplus', { kind: 'sum' }, under, valueFor);
        const revenueTotal = sum;
        expect(margin).toBe(
          surplusTotal === null || revenueTotal === null || revenueTotal === 0
            ? null
            : surplusTotal / revenueTotal,
        );
      }),
    );
  });

  it('compute a formula from the totals, not an average of ratios', () => {
    // A big cooperative at 10% and a small one at 50%: the group's margin is about 10.4%.
    const values: Record<string, Record<string, number>> = {
      big: { surplus: 10_000, revenue: 100_000 },
      small: { surplus: 500, revenue: 1_000 },
    };
    const parsed = parseFormula('surplus / revenue');
    if (!parsed.ok) throw new Error('formula refused');
    const margin = aggregateFormula(
      parsed.formula,
      () => ({ kind: 'sum' }),
      ['big', 'small'],
      (id, code) => values[id]?.[code],
    );
    expect(margin).toBeCloseTo(10_500 / 101_000, 12);
    expect(margin).not.toBeCloseTo((0.1 + 0.5) / 2, 2);
  });

  it('sum the latest value of each organization for stocks', () => {
    const latest: Record<string, number> = { a: 40, b: 12 };
    const reported: Record<string, number> = { a: 40 };
    expect(
      aggregateIndicator(
        'members',
        { kind: 'latest-sum' },
        ['a', 'b', 'c'],
        (id) => reported[id],
        (id) => latest[id],
      ),
    ).toBe(52);
    expect(
      aggregateIndicator('members', { kind: 'sum' }, ['a', 'b', 'c'], (id) => reported[id]),
    ).toBe(40);
  });

  it('give no figure where nobody reported, never 0', () => {
    expect(aggregateIndicator('revenue', { kind: 'sum' }, ['a'], () => undefined)).toBeNull();
    expect(aggregateIndicator('revenue', { kind: 'median' }, [], () => 1)).toBeNull();
    expect(
      aggregateIndicator(
        'revenue',
        { kind: 'weighted-average', weightCode: 'members' },
        ['a'],
        (_, code) => (code === 'members' ? 0 : 5),
      ),
    ).toBeNull();
  });

  it('take medians and quartiles of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quartiles([1, 2, 3, 4, 5, 6, 7, 8])).toEqual({ q1: 2.5, median: 4.5, q3: 6.5 });
    expect(quartiles([1, 2, 3, 4, 5, 6, 7])).toEqual({ q1: 2, median: 4, q3: 6 });
    expect(quartiles([9])).toEqual({ q1: 9, median: 9, q3: 9 });
    expect(quartiles([])).toBeNull();
  });
});
