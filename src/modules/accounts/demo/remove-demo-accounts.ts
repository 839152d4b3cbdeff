// Removing the demo accounts, and telling what outside the demo still refers to the demo.
import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { accountsMessage } from '../messages.ts';
import {
  type DemoAccountsRemoval,
  deleteDemoAccounts,
  deletePeopleWithoutAccount,
  selectNonDemoReferences,
} from './demo-queries.ts';

export type { DemoAccountsRemoval };

/** Memberships, grants, API tokens and invitations outside the demo that name these organizations. */
export async function findAccountReferencesToOrganizations(
  ctx: Context,
  organizationIds: string[],
  demoMemberIds: readonly string[] = [],
): Promise<string[]> {
  authorize(ctx.actor, { anyOf: [], write: false, organizationId: null });
  return selectNonDemoReferences(ctx.db, organizationIds, demoMemberIds);
}

/**
 * Deletes demo members who have no account (the phone channel's, made by a module after this
 * one through `addMember`) with their memberships, for that module's demo removal; audited.
 */
export async function removeDemoMembers(
  ctx: Context,
  personIds: readonly string[],
): Promise<{ people: number }> {
  authorize(ctx.actor, { anyOf: [], write: true, organizationId: null });
  return inTransaction(ctx, async (tx) => {
    const people = await deletePeopleWithoutAccount(tx.db, personIds);
    await recordAudit(tx, {
      action: 'remove-demo-members',
      entityType: 'demo',
      entityId: newId(),
      organizationId: null,
      before: { personIds },
      after: { people },
    });
    return { people };
  });
}

/**
 * Deletes the demo accounts with their grants, sessions, tokens and people. Refuses (409) while
 * rows outside the demo refer to the demo organizations given or to a demo account.
 */
export async function removeDemoAccounts(
  ctx: Context,
  demoOrganizationIds: string[],
): Promise<DemoAccountsRemoval> {
  authorize(ctx.actor, { anyOf: [], write: true, organizationId: null });
  return inTransaction(ctx, async (tx) => {
    const references = await selectNonDemoReferences(tx.db, demoOrganizationIds);
    if (references.length > 0) {
      throw new AppError(
        'conflict',
        accountsMessage('demo.referred-to', {
          count: references.length,
          shown: references.slice(0, 10).join('; '),
          hidden: Math.max(0, references.length - 10),
        }),
      );
    }
    const removed = await deleteDemoAccounts(tx.db);
    await recordAudit(tx, {
      action: 'remove-demo-accounts',
      entityType: 'demo',
      entityId: newId(),
      organizationId: null,
      before: null,
      after: removed,
    });
    return removed;
  });
}
