// Confirming or declining a claim: the admins of the organization it waits for, or network
// staff for anyone. Confirming writes the tie (an affiliation still may not make a cycle), so
// from then on it counts everywhere; declining keeps the claim, with who declined, as history.
// Both carry the version read: of two decisions at once, one wins and the other gets 409 with
// the claim as decided.
import { type Actor, authorize, hasGrant } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { updateAtVersion } from '../../../platform/versioned-update.ts';
import { networkMessage } from '../messages.ts';
import { DecideClaimInput, type TieClaim } from '../schemas.ts';
import { writeAffiliation } from '../ties/affiliations.ts';
import { writePartnership } from '../ties/partnerships.ts';
import { noticeOfDecision } from './claim-notices.ts';
import { decideClaim, selectClaims } from './claim-queries.ts';
import { adminsOf } from './consent.ts';

function authorizeDecision(actor: Actor, claim: TieClaim) {
  authorize(actor, {
    anyOf: [{ role: 'network-staff' }, adminsOf(claim.awaitedFromId)],
    write: true,
    organizationId: claim.awaitedFromId,
  });
}

async function decide(
  ctx: Context,
  id: string,
  input: typeof DecideClaimInput._zod.input,
  state: 'confirmed' | 'declined',
): Promise<TieClaim> {
  const valid = DecideClaimInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const read = async () => (await selectClaims(tx.db, { id }))[0];
    const before = await read();
    if (!before) throw new AppError('not-found', networkMessage('claim.not-found'));
    authorizeDecision(tx.actor, before);
    const actor = tx.actor;
    const tieId = state === 'confirmed' ? newId() : null;
    // The claim's row first: its lock makes a second decision wait, then find it decided.
    await updateAtVersion(tx, {
      update: () =>
        decideClaim(tx.db, {
          id,
          version: valid.version,
          state,
          tieId,
          accountId: actor.type === 'account' ? actor.accountId : null,
          decidedFor: hasGrant(actor, adminsOf(before.awaitedFromId)) ? before.awaitedFromId : null,
          now: tx.now(),
        }),
      current: async () => (await read()) ?? before,
      stale: (current) =>
        networkMessage(current.state === 'claimed' ? 'claim.stale' : 'claim.decided', {
          state: current.state,
        }),
    });
    if (tieId) {
      const tie = {
        id: tieId,
        kind: before.kind,
        startedOn: before.startedOn,
        endedOn: before.endedOn,
        note: before.note,
        isDemo: before.isDemo,
      };
      if (before.tie === 'affiliation') {
        await writeAffiliation(tx, { ...tie, memberId: before.fromId, parentId: before.toId });
      } else {
        await writePartnership(tx, { ...tie, fromId: before.fromId, toId: before.toId });
      }
    }
    const after = (await read()) as TieClaim;
    await recordAudit(tx, {
      action: state === 'confirmed' ? 'confirm-tie-claim' : 'decline-tie-claim',
      entityType: 'tie-claim',
      entityId: id,
      organizationId: before.awaitedFromId,
      before,
      after,
    });
    await noticeOfDecision(tx, after);
    return after;
  });
}

export const confirmClaim = (ctx: Context, id: string, input: typeof DecideClaimInput._zod.input) =>
  decide(ctx, id, input, 'confirmed');

export const declineClaim = (ctx: Context, id: string, input: typeof DecideClaimInput._zod.input) =>
  decide(ctx, id, input, 'declined');
