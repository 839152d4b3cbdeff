// An organization's neighbourhood: the organizations one or two ties away, and the ties among them.
// The walk uses the graph kept in memory when it is at the version of the read's snapshot; the
// organizations and ties sent are read from the database.
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import { tieGraphAt } from './graph-memory.ts';
import {
  inGraphSnapshot,
  selectNewNeighbours,
  selectNodes,
  selectTiesAmong,
} from './graph-queries.ts';
import { type Neighbours, NeighboursQuery, neighbourNodeCap } from './graph-schemas.ts';
import { tieScope } from './tie-scope.ts';

/**
 * Public. Ties count both ways. At most `neighbourNodeCap` organizations come back (the nearer
 * first, then in id order), so that a hub such as the ICA does not send the whole network.
 */
export async function getNeighbours(
  ctx: Context,
  id: string,
  input: NeighboursQuery,
): Promise<Neighbours> {
  const valid = NeighboursQuery.parse(input);
  const scope = tieScope(ctx, valid.includeEnded);
  return inGraphSnapshot(ctx.db, async (db, version) => {
    const [organization] = await selectNodes(db, [id]);
    if (!organization)
      throw new AppError('not-found', networkMessage('organization.not-found', { id }));
    // The graph knows ids as the database writes them (lower case).
    const graph =
      ctx.config.registryCache && id === organization.id
        ? tieGraphAt(ctx.db, version, ctx.log)
        : undefined;
    const depths = new Map<string, number>([[id, 0]]);
    let frontier = [id];
    let truncated = false;
    for (let depth = 1; depth <= valid.depth && frontier.length > 0 && !truncated; depth += 1) {
      const room = neighbourNodeCap + 1 - depths.size;
      // One more than there is room for tells whether there were more.
      const fresh = graph
        ? graph.newNeighbours(frontier, new Set(depths.keys()), scope, room + 1)
        : await selectNewNeighbours(db, frontier, [...depths.keys()], scope, room + 1);
      truncated = fresh.length > room;
      frontier = fresh.slice(0, room);
      for (const next of frontier) depths.set(next, depth);
    }
    const ids = [...depths.keys()];
    const [nodes, edges] = await Promise.all([
      selectNodes(db, ids),
      selectTiesAmong(db, ids, scope, { partnerships: true }),
    ]);
    return {
      organization,
      nodes: nodes
        .filter((node) => node.id !== id)
        .map((node) => ({ ...node, depth: depths.get(node.id) ?? 0 }))
        .sort((a, b) => a.depth - b.depth),
      edges,
      truncated,
    };
  });
}
