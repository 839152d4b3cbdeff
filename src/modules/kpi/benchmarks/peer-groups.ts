// Where an organization stands among its peers, without telling it who they are or what any of
// them reported. Two rules keep a peer's value from being worked out: no figure for a group of
// fewer than `peerFloor` organizations, and of two groups that differ by fewer than `peerFloor`
// organizations only the larger is shown (otherwise the quartiles of "my sector" and of "my
// sector in my country" would tell the values of the few who are in one and not the other).
import { quartiles } from '../rollups/aggregate.ts';

export const peerFloor = 5;

/** Size bands by individual members, as the registry or the period's KPI members figure states. */
export type SizeBand = 'under-10' | '10-49' | '50-249' | '250-and-more';

export function sizeBand(members: number): SizeBand {
  if (members < 10) return 'under-10';
  if (members < 50) return '10-49';
  if (members < 250) return '50-249';
  return '250-and-more';
}

export type PeerGroup = {
  /** What the group is, for the reader: `{ by: 'sector', value: 'agriculture' }` and the like. */
  key: { by: 'sector' | 'country' | 'size' | 'network'; value: string };
  /** The organizations of the group that have a value for the period (the asker included). */
  values: ReadonlyMap<string, number>;
};

export type PeerPosition = {
  key: PeerGroup['key'];
  organizations: number;
  q1: number;
  median: number;
  q3: number;
  /** Which quarter the asker's own value falls in (1 lowest to 4 highest), when it reported. */
  quarter: 1 | 2 | 3 | 4 | null;
};

function differenceCount(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let count = 0;
  for (const id of a.keys()) if (!b.has(id)) count++;
  for (const id of b.keys()) if (!a.has(id)) count++;
  return count;
}

/**
 * The peer groups that may be shown to `askerId` and its position in each. Groups are taken
 * largest first (ties by the order given), and a group is kept only when it has at least
 * `peerFloor` organizations and differs from every group already kept by at least `peerFloor`.
 */
export function peerPositions(askerId: string, groups: readonly PeerGroup[]): PeerPosition[] {
  const ordered = groups
    .map((group, index) => ({ group, index }))
    .sort((a, b) => b.group.values.size - a.group.values.size || a.index - b.index)
    .map(({ group }) => group);
  const kept: PeerGroup[] = [];
  for (const group of ordered) {
    if (group.values.size < peerFloor) continue;
    if (kept.some((other) => differenceCount(group.values, other.values) < peerFloor)) continue;
    kept.push(group);
  }
  return kept.map((group) => {
    const figures = quartiles([...group.values.values()]) as NonNullable<
      ReturnType<typeof quartiles>
    >;
    const own = group.values.get(askerId);
    const quarter =
      own === undefined
        ? null
        : own <= figures.q1
          ? 1
          : own <= figures.median
            ? 2
            : own <= figures.q3
              ? 3
              : 4;
    return { key: group.key, organizations: group.values.size, ...figures, quarter };
  });
}
