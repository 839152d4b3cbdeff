import { authorize } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { selectDemoOrganizations } from './demo-queries.ts';

/** The organizations of the demo network, by name: whether it is loaded, and what to tie to. */
export async function listDemoOrganizations(ctx: Context): Promise<{ id: string; name: string }[]> {
  // Network admins only (the system counts as one): it serves the operator's demo commands.
  authorize(ctx.actor, { anyOf: [], write: false, organizationId: null });
  return selectDemoOrganizations(ctx.db);
}
