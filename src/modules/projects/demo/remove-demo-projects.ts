// Removing the demo's projects, and telling which projects made outside the demo keep the demo
// organizations in place.
import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { deleteDemoProjects, selectNonDemoProjectsWith } from '../queries.ts';

/** Projects made outside the demo in which one of these demo organizations takes part. */
export async function findProjectsWithDemoOrganizations(
  ctx: Context,
  demoOrganizations: Array<{ id: string; name: string }>,
): Promise<string[]> {
  // Network admins only (the system counts as one): it serves the operator's demo commands.
  authorize(ctx.actor, { anyOf: [], write: false, organizationId: null });
  return selectNonDemoProjectsWith(ctx.db, demoOrganizations);
}

/**
 * Deletes every demo project, with its countries, participants and figures; returns how many.
 * Projects made outside the demo stay: the demo's removal refuses while one names a demo
 * organization, and their participants' foreign keys keep those organizations in place.
 */
export async function removeDemoProjects(ctx: Context): Promise<{ projects: number }> {
  authorize(ctx.actor, { anyOf: [], write: true, organizationId: null });
  return inTransaction(ctx, async (tx) => {
    const removed = { projects: await deleteDemoProjects(tx.db) };
    await recordAudit(tx, {
      action: 'remove-demo-projects',
      entityType: 'demo',
      entityId: newId(),
      organizationId: null,
      before: null,
      after: removed,
    });
    return removed;
  });
}
