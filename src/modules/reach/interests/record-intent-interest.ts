import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { tellIntentInterest } from '../../network/index.ts';
import { countInterests, insertInterest } from '../queries.ts';

/**
 * A member on the phone says "I am interested" in an offer or need open to their organization
 * (the system acts for them, once their PIN picked them out). Recorded once per member: the
 * first time, the offering organization is told through the outbox, in the same transaction;
 * again, nothing more happens. Whether it was new.
 */
export async function recordIntentInterest(
  ctx: Context,
  input: {
    personId: string;
    intentId: string;
    intentOrganizationId: string;
    organizationId: string;
  },
): Promise<{ recorded: boolean }> {
  authorize(ctx.actor, { anyOf: [], write: true, organizationId: null });
  return inTransaction(ctx, async (tx) => {
    const interest = {
      id: newId(),
      intent_id: input.intentId,
      intent_organization_id: input.intentOrganizationId,
      person_id: input.personId,
      organization_id: input.organizationId,
      created_at: tx.now(),
    };
    if (!(await insertInterest(tx.db, interest))) return { recorded: false };
    await tellIntentInterest(tx, {
      intentId: input.intentId,
      interestedOrganizationId: input.organizationId,
      interested: await countInterests(tx.db, input.intentId),
    });
    await recordAudit(tx, {
      action: 'record-intent-interest',
      entityType: 'intent-interest',
      entityId: interest.id,
      organizationId: input.organizationId,
      before: null,
      after: {
        intentId: input.intentId,
        personId: input.personId,
        organizationId: input.organizationId,
      },
    });
    return { recorded: true };
  });
}
