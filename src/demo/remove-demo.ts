// Removing the demo network and its accounts. Each module removes its own rows; this checks
// first, in both, that nothing made outside the demo refers to it, so that a refusal changes
// nothing.
import {
  type DemoAccountsRemoval,
  findAccountReferencesToOrganizations,
  removeDemoAccounts,
} from '../modules/accounts/index.ts';
import {
  type DemoRemoval,
  findNetworkReferencesToDemo,
  listDemoOrganizations,
  removeDemoNetwork,
} from '../modules/network/index.ts';
import type { Context } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { demoMessage } from './messages.ts';

export type RemovedDemo = DemoRemoval & DemoAccountsRemoval;

/**
 * Refuses (409), naming them, while records made outside the demo (ties, memberships, role
 * grants, API tokens, invitations) refer to a demo organization or account. Each module then
 * checks again in its own transaction, and the database's foreign keys catch what slips between.
 */
export async function removeDemo(ctx: Context): Promise<RemovedDemo> {
  const organizations = await listDemoOrganizations(ctx);
  const ids = organizations.map((organization) => organization.id);
  const references = [
    ...(await findNetworkReferencesToDemo(ctx)),
    ...(await findAccountReferencesToOrganizations(ctx, ids)),
  ];
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
  // Accounts first: their grants and tokens name demo organizations.
  const accounts = await removeDemoAccounts(ctx, ids);
  const network = await removeDemoNetwork(ctx);
  return { ...network, ...accounts };
}
