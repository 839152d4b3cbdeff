// Removing the demo network and its accounts: each module removes its own part, in the reverse of
// the order they were loaded in (the accounts, whose grants name demo organizations, before the
// network), all in one transaction, so that nothing is ever half-removed.
import { modules } from '../modules.ts';
import { type Context, inTransaction } from '../platform/context.ts';
import type { DemoCounts, PluggedDemo } from '../platform/demo.ts';
import { AppError } from '../platform/errors.ts';
import { findDemoContext } from './load-demo.ts';
import { demoMessage } from './messages.ts';

/** How many records of each kind the modules removed. */
export type RemovedDemo = Partial<DemoCounts>;

/**
 * Refuses (409), naming them, while records made outside the demo (ties, projects, offers and
 * needs, memberships, role grants, API tokens, invitations) refer to a demo organization or
 * account; then each module removes its part. Each module checks again as it removes, and the
 * database's foreign keys catch what slips between; a refusal anywhere rolls back everything.
 */
export async function removeDemo(
  ctx: Context,
  demos: readonly PluggedDemo[] = modules.demos,
): Promise<RemovedDemo> {
  return inTransaction(ctx, async (tx) => {
    const context = await findDemoContext(tx, demos);
    const references: string[] = [];
    for (const demo of demos)
      references.push(...((await demo.findReferences?.(tx, context)) ?? []));
    if (references.length > 0) {
      throw new AppError(
        'conflict',
        demoMessage('demo.referred-to', {
          count: references.length,
          shown: references.slice(0, 10).join('; '),
          hidden: Math.max(0, references.length - 10),
        }),
      );
    }
    let removed: RemovedDemo = {};
    for (const demo of [...demos].reverse()) {
      removed = { ...removed, ...(await demo.remove?.(tx, context)) };
    }
    return removed;
  });
}
