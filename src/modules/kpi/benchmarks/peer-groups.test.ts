import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PeerGroup, peerFloor, peerPositions, sizeBand } from './peer-groups.ts';

function group(
  by: PeerGroup['key']['by'],
  value: string,
  entries: Array<[string, number]>,
): PeerGroup {
  return { key: { by, value }, values: new Map(entries) };
}

const ten = Array.from({ length: 10 }, (_, index): [string, number] => [
  `org-${index}`,
  index * 10,
]);

describe('peer benchmarks', () => {
  it('show quartiles and the asker’s quarter, never a peer’s value or name', () => {
    const [position] = peerPositions('org-7', [group('sector', 'agriculture', ten)]);
    expect(position).toEqual({
      key: { by: 'sector', value: 'agriculture' },
      organizations: 10,
      q1: 20,
      median: 45,
      q3: 70,
      quarter: 3,
    });
    expect(Object.keys(position ?? {})).not.toContain('values');
  });

  it('give no figure for a group of fewer than five', () => {
    expect(peerPositions('org-1', [group('country', 'IN', ten.slice(0, 4))])).toEqual([]);
    expect(peerPositions('org-1', [group('country', 'IN', ten.slice(0, 5))])).toHaveLength(1);
  });

  it('of two groups that differ by one organization, show only the larger', () => {
    const sector = group('sector', 'agriculture', ten);
    const sectorInCountry = group('country', 'IN', ten.slice(0, 9));
    const shown = peerPositions('org-1', [sectorInCountry, sector]);
    expect(shown.map((position) => position.key.by)).toEqual(['sector']);
    // Five apart, both may be shown: no single value follows from the difference.
    const fiveApart = group('country', 'IN', ten.slice(0, 5));
    expect(peerPositions('org-1', [sector, fiveApart]).map((p) => p.key.by)).toEqual([
      'sector',
      'country',
    ]);
  });

  it('count the difference both ways for groups that overlap', () => {
    // Same size, three in one only and three in the other only: six apart, both shown.
    const a = group('sector', 'x', ten.slice(0, 8));
    const b = group('country', 'y', ten.slice(3, 10).concat([['other', 1]]));
    expect(peerPositions('org-4', [a, b])).toHaveLength(2);
    // One swapped: two apart, only one shown.
    const c = group('size', '10-49', ten.slice(0, 7).concat([['other', 1]]));
    expect(peerPositions('org-4', [a, c])).toHaveLength(1);
  });

  it('never show two groups closer than the floor, nor a group under it', () => {
    const ids = Array.from({ length: 14 }, (_, index) => `org-${index}`);
    const groups = fc.array(fc.subarray(ids), { maxLength: 5 }).map((sets) =>
      sets.map((set, index) =>
        group(
          'sector',
          `s${index}`,
          set.map((id) => [id, id.length]),
        ),
      ),
    );
    fc.assert(
      fc.property(groups, (offered) => {
        const shown = peerPositions('org-0', offered);
        const shownSets = shown.map(
          (position) =>
            offered.find((candidate) => candidate.key.value === position.key.value)?.values,
        );
        for (const [index, set] of shownSets.entries()) {
          expect(set?.size ?? 0).toBeGreaterThanOrEqual(peerFloor);
          for (const other of shownSets.slice(index + 1)) {
            const only = [...(set?.keys() ?? [])].filter((id) => !other?.has(id)).length;
            const otherOnly = [...(other?.keys() ?? [])].filter((id) => !set?.has(id)).length;
            expect(only + otherOnly).toBeGreaterThanOrEqual(peerFloor);
          }
        }
      }),
    );
  });

  it('band organizations by their individual members', () => {
    expect([0, 9, 10, 49, 50, 249, 250, 300_000].map(sizeBand)).toEqual([
      'under-10',
      'under-10',
      '10-49',
      '10-49',
      '50-249',
      '50-249',
      '250-and-more',
      '250-and-more',
    ]);
  });
});
