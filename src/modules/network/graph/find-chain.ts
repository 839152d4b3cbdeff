// "Who can introduce us": the shortest chain of ties between two organizations, searched in the
// graph kept in memory when it is at the version of the read's snapshot, else in the database.
import type { Context } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import { tieGraphAt } from './graph-memory.ts';
import {
  inGraphSnapshot,
  type Pair,
  selectNextLevel,
  selectNodes,
  selectTiesAmong,
  type TieScope,
} from './graph-queries.ts';
import { type Chain, ChainQuery, type ChainTie } from './graph-schemas.ts';
import { tieScope } from './tie-scope.ts';

/**
 * How many organizations a search may reach before it gives up. A chain of six ties between two
 * ordinary organizations meets after a few thousand; only searches through the biggest hubs
 * come near this, and they would otherwise read most of the network for one answer.
 */
export const chainSearchCap = 60_000;

type Side = { parents: Map<string, string | undefined>; frontier: string[]; depth: number };

type Search = { path: string[] } | { path: undefined; gaveUp: boolean };

/**
 * One level of the search: the pairs (from, to) of the ties from `ids` that count, as
 * `selectNextLevel` with `any` answers them (with `stopAt`, only the first that reaches it).
 */
export type NextLevel = (ids: readonly string[], stopAt: readonly string[]) => Promise<Pair[]>;

/** The levels read from the database, in the caller's snapshot. */
export function levelsFromDatabase(db: Db, scope: TieScope): NextLevel {
  return (ids, stopAt) => selectNextLevel(db, ids, 'any', scope, stopAt);
}

/**
 * Breadth-first search from both ends at once, one level at a time, always growing the smaller
 * frontier: two searches of half the length meet having read far fewer organizations than one
 * of the whole length. The first level at which the two sides touch gives a shortest chain: had
 * a shorter one existed, the sides would have touched a level earlier.
 *
 * Among chains of the same length, the answer does not depend on the order the ties of a level
 * come in: an organization reached by several is reached by the one with the smallest id, and
 * the sides meet at the smallest meeting pair. `TieGraph.searchChain` takes the same steps in
 * memory, so the database and the memory give the same chain.
 */
export async function searchChain(
  from: string,
  to: string,
  maxLength: number,
  nextLevel: NextLevel,
): Promise<Search> {
  if (from === to) return { path: [from] };
  const start: Side = { parents: new Map([[from, undefined]]), frontier: [from], depth: 0 };
  const end: Side = { parents: new Map([[to, undefined]]), frontier: [to], depth: 0 };
  while (start.depth + end.depth < maxLength) {
    if (start.frontier.length === 0 || end.frontier.length === 0)
      return { path: undefined, gaveUp: false };
    if (start.parents.size + end.parents.size > chainSearchCap)
      return { path: undefined, gaveUp: true };
    const [side, other] =
      start.frontier.length <= end.frontier.length ? [start, end] : [end, start];
    const pairs = await nextLevel(side.frontier, other.frontier);
    const reached = new Map<string, string>();
    for (const pair of pairs) {
      if (side.parents.has(pair.to)) continue;
      const parent = reached.get(pair.to);
      if (parent === undefined || pair.from < parent) reached.set(pair.to, pair.from);
    }
    let meeting: string | undefined;
    for (const [id, parent] of reached) {
      side.parents.set(id, parent);
      if (other.parents.has(id) && (meeting === undefined || id < meeting)) meeting = id;
    }
    side.frontier = [...reached.keys()];
    side.depth += 1;
    if (meeting !== undefined) {
      return { path: [...walkBack(start, meeting).reverse(), ...walkBack(end, meeting).slice(1)] };
    }
  }
  return { path: undefined, gaveUp: false };
}

/** From `id` back to the side's own end, following the parents each organization was reached by. */
function walkBack(side: Side, id: string): string[] {
  const path = [id];
  for (let at = side.parents.get(id); at !== undefined; at = side.parents.get(at)) path.push(at);
  return path;
}

export async function findChain(ctx: Context, input: ChainQuery): Promise<Chain> {
  const valid = ChainQuery.parse(input);
  const scope = tieScope(ctx, valid.includeEnded);
  const ends = await selectNodes(ctx.db, [valid.from, valid.to]);
  for (const [field, id] of [
    ['from', valid.from],
    ['to', valid.to],
  ] as const) {
    if (!ends.some((node) => node.id === id)) {
      throw new AppError('not-found', networkMessage('organization.not-found', { id }), {
        errors: [
          {
            pointer: `/${field}`,
            detail: `There is no organization with id ${id}.`,
            code: 'organization-not-found',
          },
        ],
      });
    }
  }
  return inGraphSnapshot(ctx.db, async (db, version) => {
    const graph = ctx.config.registryCache ? tieGraphAt(ctx.db, version, ctx.log) : undefined;
    const search = graph
      ? graph.searchChain(valid.from, valid.to, valid.maxLength, scope, chainSearchCap)
      : await searchChain(valid.from, valid.to, valid.maxLength, levelsFromDatabase(db, scope));
    if (search.path === undefined) {
      throw new AppError(
        'not-found',
        search.gaveUp
          ? networkMessage('chain.gave-up', {
              maxLength: valid.maxLength,
              cap: String(chainSearchCap),
            })
          : networkMessage('chain.none', {
              maxLength: valid.maxLength,
              includeEnded: valid.includeEnded ? 'yes' : 'no',
            }),
      );
    }
    const path = search.path;
    const [nodes, edges] = await Promise.all([
      selectNodes(db, path),
      selectTiesAmong(db, path, scope, { partnerships: true }),
    ]);
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const organizations = path.map((id, position) => {
      const node = byId.get(id);
      if (!node) throw new Error(`organization ${id} of a chain vanished while it was read`);
      return { ...node, depth: position };
    });
    // Two organizations can be tied more than once: the chain names one tie, affiliations first
    // (they are ordered so), then by id, so that the same question gets the same answer.
    const ties = path.slice(1).map((id, index): ChainTie => {
      const previous = path[index] as string;
      const edge = edges.find(
        (candidate) =>
          (candidate.fromId === previous && candidate.toId === id) ||
          (candidate.fromId === id && candidate.toId === previous),
      );
      if (!edge)
        throw new Error(`the tie between ${previous} and ${id} vanished while it was read`);
      return { ...edge, forward: edge.fromId === previous };
    });
    return { length: ties.length, organizations, ties };
  });
}
