// Affiliations: an organization belongs to another (a cooperative to a federation, a division to
// a group, a company to its parent). The tree may be deep; a cycle is refused with 409. An
// affiliation is a claim about both organizations: recorded by network staff (or an admin of
// both) it counts at once; recorded by one side's admin it waits for the other side's
// confirmation (claims/), and counts nowhere until then.
import type { Actor } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { claimTie } from '../claims/claim-tie.ts';
import { authorizeEitherEnd, consentsForBoth, endsSpokenFor } from '../claims/consent.ts';
import { networkMessage } from '../messages.ts';
import { network } from '../queries.ts';
import {
  type Affiliation,
  CreateAffiliationInput,
  type EndTieInput,
  type TieClaim,
} from '../schemas.ts';
import { endTie } from './end-tie.ts';
import {
  assertTieEndsExist,
  isSelfOrAncestor,
  lockAffiliations,
  selectAffiliations,
} from './tie-queries.ts';

/** What recording a tie made: the tie itself, or a claim waiting for the other side. */
export type RecordedTie<T> = { tie: T; claim: null } | { tie: null; claim: TieClaim };

async function refuseCycle(tx: Context, memberId: string, parentId: string): Promise<void> {
  if (await isSelfOrAncestor(tx.db, parentId, memberId)) {
    throw new AppError('conflict', networkMessage('affiliation.cycle'), {
      errors: [
        {
          pointer: '/parentId',
          detail: 'This organization already belongs, directly or further down, to the member.',
          code: 'affiliation-cycle',
        },
      ],
    });
  }
}

/**
 * Inside the caller's transaction, once consent is given: the affiliation (refused when it
 * would close a cycle, checked under the affiliations' lock) and its audit entry.
 */
export async function writeAffiliation(
  tx: Context,
  tie: {
    id: string;
    memberId: string;
    parentId: string;
    kind: string;
    startedOn: string | null;
    endedOn: string | null;
    note: string | null;
    isDemo: boolean;
  },
): Promise<Affiliation> {
  await lockAffiliations(tx.db);
  await refuseCycle(tx, tie.memberId, tie.parentId);
  const now = tx.now();
  await network(tx.db)
    .insertInto('network_affiliation')
    .values({
      id: tie.id,
      member_id: tie.memberId,
      parent_id: tie.parentId,
      kind: tie.kind,
      started_on: tie.startedOn,
      ended_on: tie.endedOn,
      note: tie.note,
      is_demo: tie.isDemo,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const [affiliation] = await selectAffiliations(tx.db, { id: tie.id });
  if (!affiliation) throw new Error('affiliation vanished inside its transaction');
  await recordAudit(tx, {
    action: 'create-affiliation',
    entityType: 'affiliation',
    entityId: tie.id,
    organizationId: tie.parentId,
    before: null,
    after: affiliation,
  });
  return affiliation;
}

/** Either organization's admins may record it (a claim, until the other side confirms). */
export async function createAffiliation(
  ctx: Context,
  input: CreateAffiliationInput,
  options: { demo?: boolean } = {},
): Promise<RecordedTie<Affiliation>> {
  const valid = CreateAffiliationInput.parse(input);
  const ends: [string, string] = [valid.memberId, valid.parentId];
  authorizeEitherEnd(ctx.actor, ends);
  return inTransaction(ctx, async (tx) => {
    await assertTieEndsExist(tx.db, { memberId: valid.memberId, parentId: valid.parentId });
    if (consentsForBoth(tx.actor, ends)) {
      const tie = await writeAffiliation(tx, {
        id: newId(),
        memberId: valid.memberId,
        parentId: valid.parentId,
        kind: valid.kind,
        startedOn: valid.startedOn ?? null,
        endedOn: valid.endedOn ?? null,
        note: valid.note ?? null,
        isDemo: options.demo ?? false,
      });
      return { tie, claim: null };
    }
    // Told now rather than at confirmation: a claim that could never be confirmed.
    await refuseCycle(tx, valid.memberId, valid.parentId);
    const claimedBy = endsSpokenFor(tx.actor, ends)[0] as string;
    const claim = await claimTie(
      tx,
      { tie: 'affiliation', fromId: valid.memberId, toId: valid.parentId, ...valid },
      claimedBy,
    );
    return { tie: null, claim };
  });
}

function authorizeOn(actor: Actor, current: Affiliation) {
  authorizeEitherEnd(actor, [current.parentId, current.memberId]);
}

/** Ends a affiliation (or corrects its end); it stays in the history. Either side may. */
export async function endAffiliation(
  ctx: Context,
  id: string,
  input: typeof EndTieInput._zod.input,
): Promise<Affiliation> {
  return endTie(ctx, id, input, {
    table: 'network_affiliation',
    entityType: 'affiliation',
    read: async (tx) => (await selectAffiliations(tx.db, { id }))[0],
    authorize: authorizeOn,
    organizationId: (current) => current.parentId,
  });
}
