// Removing the network's part of the demo: its offers and needs, ties, logos and organizations, all
// at once or nothing.
import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { deleteDemoIntents, selectNonDemoIntentsOnDemo } from '../intents/intent-queries.ts';
import { networkMessage } from '../messages.ts';
import { lockAffiliations } from '../ties/tie-queries.ts';
import {
  type DemoRemoval as DemoTiesRemoval,
  deleteDemoRows,
  selectNonDemoTiesToDemo,
} from './demo-queries.ts';

export type DemoRemoval = DemoTiesRemoval & { intents: number };

/** Records of the network made outside the demo that touch it: ties, and offers or needs. */
async function referencesToDemo(db: Db): Promise<string[]> {
  return [...(await selectNonDemoTiesToDemo(db)), ...(await selectNonDemoIntentsOnDemo(db))];
}

/** What in the network keeps the demo in place: records made outside the demo that touch it. */
export async function findNetworkReferencesToDemo(ctx: Context): Promise<string[]> {
  authorize(ctx.actor, { anyOf: [], write: false, organizationId: null });
  return referencesToDemo(ctx.db);
}

function refusal(references: string[]): AppError {
  return new AppError(
    'conflict',
    networkMessage('demo.referred-to', {
      count: references.length,
      shown: references.slice(0, 10).join('; '),
      hidden: Math.max(0, references.length - 10),
    }),
  );
}

/**
 * Deletes every demo offer and need, affiliation, partnership, logo and organization. Refuses
 * (409) while a record made outside the demo (a tie, an offer or need) touches a demo
 * organization; rows of other modules that refer to one (projects, memberships) are checked and
 * removed by their own module first, in the same transaction, and the database's foreign keys
 * stop the rest.
 */
export async function removeDemoNetwork(ctx: Context): Promise<DemoRemoval> {
  authorize(ctx.actor, { anyOf: [], write: true, organizationId: null });
  try {
    return await inTransaction(ctx, async (tx) => {
      // Affiliation writes take this lock: none is added to a demo organization during the check.
      await lockAffiliations(tx.db);
      const references = await referencesToDemo(tx.db);
      if (references.length > 0) throw refusal(references);
      // Offers and needs first: they belong to demo organizations.
      const intents = await deleteDemoIntents(tx.db);
      const removed = { ...(await deleteDemoRows(tx.db)), intents };
      await recordAudit(tx, {
        action: 'remove-demo-network',
        entityType: 'demo',
        entityId: newId(),
        organizationId: null,
        before: null,
        after: removed,
      });
      return removed;
    });
  } catch (error) {
    // A row of another module (a membership, an API token) still refers to a demo organization.
    if (isForeignKeyViolation(error)) {
      throw new AppError(
        'conflict',
        networkMessage('demo.table-refers', {
          hasTable: error.table ? 'yes' : 'no',
          table: error.table ?? '',
        }),
      );
    }
    throw error;
  }
}

function isForeignKeyViolation(error: unknown): error is { code: string; table?: string } {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23503';
}
