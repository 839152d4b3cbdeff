import { authorize } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { registryIsEmpty } from '../exchange/exchange-queries.ts';

/** Whether the registry holds any organization: the first start loads the demo only into none. */
export async function registryHasOrganizations(ctx: Context): Promise<boolean> {
  // Network admins only (the system counts as one): it serves the operator's first start.
  authorize(ctx.actor, { anyOf: [], write: false, organizationId: null });
  return !(await registryIsEmpty(ctx.db));
}
