// Recording a claim: a tie one side's admin states about the other, waiting for the other side.
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { networkMessage } from '../messages.ts';
import type { TieClaim } from '../schemas.ts';
import { noticeOfClaim } from './claim-notices.ts';
import { insertClaim, pendingClaimExists, selectClaims } from './claim-queries.ts';

export type ClaimedTie = {
  tie: TieClaim['tie'];
  fromId: string;
  toId: string;
  kind: string;
  startedOn?: string | undefined;
  endedOn?: string | undefined;
  note?: string | undefined;
};

/**
 * Inside the caller's transaction (whose use case has authorized the actor for `claimedBy`):
 * the claim, its notice to the other side's admins and its audit entry. The same tie waiting
 * already is a 409.
 */
export async function claimTie(
  tx: Context,
  claimed: ClaimedTie,
  claimedBy: string,
): Promise<TieClaim> {
  if (await pendingClaimExists(tx.db, claimed)) {
    throw new AppError('conflict', networkMessage('claim.already-waiting'));
  }
  const id = newId();
  await insertClaim(tx.db, {
    id,
    tie: claimed.tie,
    fromId: claimed.fromId,
    toId: claimed.toId,
    kind: claimed.kind,
    startedOn: claimed.startedOn ?? null,
    endedOn: claimed.endedOn ?? null,
    note: claimed.note ?? null,
    claimedBy,
    awaitedFrom: claimedBy === claimed.fromId ? claimed.toId : claimed.fromId,
    now: tx.now(),
  });
  const [claim] = await selectClaims(tx.db, { id });
  if (!claim) throw new Error('claim vanished inside its transaction');
  await noticeOfClaim(tx, claim);
  await recordAudit(tx, {
    action: 'claim-tie',
    entityType: 'tie-claim',
    entityId: id,
    organizationId: claimedBy,
    before: null,
    after: claim,
  });
  return claim;
}
