// Invariants of the network's graph as checks that `intercoop check` runs: each returns the
// problems it finds as sentences a person can act on (none when all is well).
import type { Db } from '../../../platform/db.ts';
import {
  type Pair,
  selectAllAffiliationPairs,
  selectDanglingTies,
  selectNames,
} from './graph-queries.ts';

/**
 * The cycles among `edges` (member → parent), each once, as the organizations in order. Kahn's
 * peeling first: organizations that nothing points to cannot be on a cycle, nor those that only
 * such organizations point to; what is left is on a cycle or leads into one.
 */
export function findCycles(edges: readonly Pair[]): string[][] {
  const parents = new Map<string, string[]>();
  const pointedAtBy = new Map<string, number>();
  for (const { from, to } of edges) {
    parents.set(from, [...(parents.get(from) ?? []), to]);
    pointedAtBy.set(to, (pointedAtBy.get(to) ?? 0) + 1);
    if (!pointedAtBy.has(from)) pointedAtBy.set(from, 0);
  }
  const free = [...pointedAtBy].filter(([, count]) => count === 0).map(([id]) => id);
  while (free.length > 0) {
    const id = free.pop() as string;
    pointedAtBy.delete(id);
    for (const parent of parents.get(id) ?? []) {
      const count = (pointedAtBy.get(parent) ?? 0) - 1;
      pointedAtBy.set(parent, count);
      if (count === 0) free.push(parent);
    }
  }
  // What is left is on a cycle or above one. From each organization not yet reported, the
  // shortest way back to itself (breadth-first over parents) is a cycle, if there is one.
  const left = new Set(pointedAtBy.keys());
  const reported = new Set<string>();
  const cycles: string[][] = [];
  for (const start of [...left].sort()) {
    if (reported.has(start)) continue;
    const cameFrom = new Map<string, string>();
    let frontier = [start];
    let closing: string | undefined;
    while (frontier.length > 0 && closing === undefined) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const parent of parents.get(id) ?? []) {
          if (parent === start) {
            closing = id;
            break;
          }
          if (!left.has(parent) || cameFrom.has(parent)) continue;
          cameFrom.set(parent, id);
          next.push(parent);
        }
        if (closing !== undefined) break;
      }
      frontier = next;
    }
    if (closing === undefined) continue;
    const cycle = [closing];
    for (let at = cameFrom.get(closing); at !== undefined; at = cameFrom.get(at)) cycle.push(at);
    cycle.reverse();
    for (const id of cycle) reported.add(id);
    cycles.push(cycle);
  }
  return cycles;
}

/**
 * Affiliations never loop: writes check it (a 409), but rows loaded another way (a restore, an
 * import, a hand-made fix) do not pass that check. Every affiliation counts, ended ones too: the
 * write check reads them all, and a roll-up of a past year follows those in force then.
 */
export async function checkAffiliationsAcyclic(db: Db): Promise<string[]> {
  const cycles = findCycles(await selectAllAffiliationPairs(db));
  if (cycles.length === 0) return [];
  const names = await selectNames(db, cycles.flat());
  const named = (id: string) => `${names.get(id) ?? 'an unknown organization'} (${id})`;
  return cycles.map(
    (cycle) =>
      `The affiliations loop: ${[...cycle, cycle[0] as string].map(named).join(' belongs to ')}. End or remove one of these affiliations.`,
  );
}

/**
 * Every tie joins two existing organizations. Foreign keys make this true as long as they are
 * enforced, but PostgreSQL enforces them with triggers, which a restore with
 * `--disable-triggers`, a session with `session_replication_role = replica` (logical
 * replication, some bulk loads) or a dropped constraint skips: this finds what such a load left.
 */
export async function checkTiesPointToOrganizations(db: Db): Promise<string[]> {
  const rows = await selectDanglingTies(db);
  return rows.map(
    (row) =>
      `The ${row.type} ${row.id} has no organization at its ${row.tie_end} end (there is no organization with id ${row.missing}); restore the organization or remove the ${row.type}.`,
  );
}
