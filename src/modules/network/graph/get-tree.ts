// An organization's place in the affiliation tree: everything above it, and what is below it.
import type { Context } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import {
  inGraphSnapshot,
  selectNextLevel,
  selectNodes,
  selectTiesAmong,
  type TieScope,
} from './graph-queries.ts';
import {
  type GraphNode,
  maxTreeDepth,
  type Tree,
  TreeQuery,
  treeNodeCap,
} from './graph-schemas.ts';
import { tieScope } from './tie-scope.ts';

type Walk = { depths: Map<string, number>; truncated: boolean };

/**
 * Follows affiliations from `root` one way, a level at a time, each organization once at the
 * least depth it is reached by (an organization with several parents is reached by several
 * paths). Stops after `maxDepth` levels or `cap` organizations, in id order for a stable answer.
 */
async function walk(
  db: Db,
  root: string,
  step: 'up' | 'down',
  scope: TieScope,
  maxDepth: number,
  cap: number,
): Promise<Walk> {
  const depths = new Map<string, number>([[root, 0]]);
  let frontier = [root];
  for (let depth = 1; frontier.length > 0; depth += 1) {
    const reached = await selectNextLevel(db, frontier, step, scope);
    const fresh = [...new Set(reached.map((pair) => pair.to))].filter((id) => !depths.has(id));
    if (fresh.length === 0) break;
    // Anything past the depth or the cap is there but not sent.
    if (depth > maxDepth) return { depths, truncated: true };
    fresh.sort();
    const room = cap + 1 - depths.size;
    frontier = fresh.slice(0, room);
    for (const id of frontier) depths.set(id, depth);
    if (fresh.length > room) return { depths, truncated: true };
  }
  return { depths, truncated: false };
}

async function subgraph(db: Db, found: Walk, scope: TieScope) {
  const ids = [...found.depths.keys()];
  const [nodes, edges] = await Promise.all([
    selectNodes(db, ids),
    selectTiesAmong(db, ids, scope, { partnerships: false }),
  ]);
  return {
    // The organization asked about is the tree's `organization`, not one of its nodes.
    nodes: nodes
      .filter((node) => found.depths.get(node.id) !== 0)
      .map((node): GraphNode => ({ ...node, depth: found.depths.get(node.id) ?? 0 }))
      .sort((a, b) => a.depth - b.depth),
    edges,
    truncated: found.truncated,
  };
}

/** Public: the affiliation tree around an organization, ancestors (a DAG up to the roots) and descendants. */
export async function getTree(ctx: Context, id: string, input: TreeQuery): Promise<Tree> {
  const valid = TreeQuery.parse(input);
  const scope = tieScope(ctx, valid.includeEnded);
  return inGraphSnapshot(ctx.db, async (db) => {
    const [organization] = await selectNodes(db, [id]);
    if (!organization)
      throw new AppError('not-found', networkMessage('organization.not-found', { id }));
    // Trees are shallow (an ICA, a federation, a cooperative, a division), so ancestors are all
    // sent; the depth bound only stops a walk that a broken invariant would make endless.
    const [up, down] = await Promise.all([
      walk(db, id, 'up', scope, maxTreeDepth * 5, treeNodeCap),
      walk(db, id, 'down', scope, valid.depth, treeNodeCap),
    ]);
    const [ancestors, descendants] = await Promise.all([
      subgraph(db, up, scope),
      subgraph(db, down, scope),
    ]);
    return { organization, ancestors, descendants };
  });
}
