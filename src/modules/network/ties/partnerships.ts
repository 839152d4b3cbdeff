// Partnerships: two organizations working together, coop or not, typed and dated. Recorded by
// network staff (or an admin of both) a partnership counts at once; recorded by one partner's
// admin it is a claim waiting for the other partner's confirmation (claims/).
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { claimTie } from '../claims/claim-tie.ts';
import { authorizeEitherEnd, consentsForBoth, endsSpokenFor } from '../claims/consent.ts';
import { network } from '../queries.ts';
import { CreatePartnershipInput, type EndTieInput, type Partnership } from '../schemas.ts';
import type { RecordedTie } from './affiliations.ts';
import { endTie } from './end-tie.ts';
import { assertTieEndsExist, selectPartnerships } from './tie-queries.ts';

/** Inside the caller's transaction, once consent is given: the partnership and its audit entry. */
export async function writePartnership(
  tx: Context,
  tie: {
    id: string;
    fromId: string;
    toId: string;
    kind: string;
    startedOn: string | null;
    endedOn: string | null;
    note: string | null;
    isDemo: boolean;
  },
): Promise<Partnership> {
  const now = tx.now();
  await network(tx.db)
    .insertInto('network_partnership')
    .values({
      id: tie.id,
      from_id: tie.fromId,
      to_id: tie.toId,
      kind: tie.kind,
      started_on: tie.startedOn,
      ended_on: tie.endedOn,
      note: tie.note,
      is_demo: tie.isDemo,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const [partnership] = await selectPartnerships(tx.db, { id: tie.id });
  if (!partnership) throw new Error('partnership vanished inside its transaction');
  await recordAudit(tx, {
    action: 'create-partnership',
    entityType: 'partnership',
    entityId: tie.id,
    organizationId: tie.fromId,
    before: null,
    after: partnership,
  });
  return partnership;
}

/** Either partner's admins may record it (a claim, until the other confirms). */
export async function createPartnership(
  ctx: Context,
  input: CreatePartnershipInput,
  options: { demo?: boolean } = {},
): Promise<RecordedTie<Partnership>> {
  const valid = CreatePartnershipInput.parse(input);
  const ends: [string, string] = [valid.fromId, valid.toId];
  authorizeEitherEnd(ctx.actor, ends);
  return inTransaction(ctx, async (tx) => {
    await assertTieEndsExist(tx.db, { fromId: valid.fromId, toId: valid.toId });
    if (consentsForBoth(tx.actor, ends)) {
      const tie = await writePartnership(tx, {
        id: newId(),
        fromId: valid.fromId,
        toId: valid.toId,
        kind: valid.kind,
        startedOn: valid.startedOn ?? null,
        endedOn: valid.endedOn ?? null,
        note: valid.note ?? null,
        isDemo: options.demo ?? false,
      });
      return { tie, claim: null };
    }
    const claimedBy = endsSpokenFor(tx.actor, ends)[0] as string;
    const claim = await claimTie(tx, { tie: 'partnership', ...valid }, claimedBy);
    return { tie: null, claim };
  });
}

/** Ends a partnership (or corrects its end); it stays in the history. */
export async function endPartnership(
  ctx: Context,
  id: string,
  input: typeof EndTieInput._zod.input,
): Promise<Partnership> {
  return endTie(ctx, id, input, {
    table: 'network_partnership',
    entityType: 'partnership',
    read: async (tx) => (await selectPartnerships(tx.db, { id }))[0],
    authorize: (actor, current) => authorizeEitherEnd(actor, [current.fromId, current.toId]),
    organizationId: (current) => current.fromId,
  });
}
