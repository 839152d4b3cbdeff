// Affiliations: an organization belongs to another (a cooperative to a federation, a division to
// a group, a company to its parent). The tree may be deep; a cycle is refused with 409.
import { type Actor, authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { networkMessage } from '../messages.ts';
import { network } from '../queries.ts';
import { type Affiliation, CreateAffiliationInput, type EndTieInput } from '../schemas.ts';
import { endTie } from './end-tie.ts';
import {
  assertTieEndsExist,
  isSelfOrAncestor,
  lockAffiliations,
  selectAffiliations,
} from './tie-queries.ts';

/** The organization members belong to manages its membership list; network staff manage all. */
function authorizeOn(actor: Actor, parentId: string) {
  authorize(actor, {
    anyOf: [
      { role: 'network-staff' },
      { role: 'organization-admin', scope: { type: 'organization', id: parentId } },
    ],
    write: true,
    organizationId: parentId,
  });
}

export async function createAffiliation(
  ctx: Context,
  input: CreateAffiliationInput,
  options: { demo?: boolean } = {},
): Promise<Affiliation> {
  const valid = CreateAffiliationInput.parse(input);
  authorizeOn(ctx.actor, valid.parentId);
  return inTransaction(ctx, async (tx) => {
    await assertTieEndsExist(tx.db, { memberId: valid.memberId, parentId: valid.parentId });
    await lockAffiliations(tx.db);
    if (await isSelfOrAncestor(tx.db, valid.parentId, valid.memberId)) {
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
    const now = tx.now();
    const id = newId();
    await network(tx.db)
      .insertInto('network_affiliation')
      .values({
        id,
        member_id: valid.memberId,
        parent_id: valid.parentId,
        kind: valid.kind,
        started_on: valid.startedOn ?? null,
        ended_on: valid.endedOn ?? null,
        note: valid.note ?? null,
        is_demo: options.demo ?? false,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const [affiliation] = await selectAffiliations(tx.db, { id });
    if (!affiliation) throw new Error('affiliation vanished inside its transaction');
    await recordAudit(tx, {
      action: 'create-affiliation',
      entityType: 'affiliation',
      entityId: id,
      organizationId: valid.parentId,
      before: null,
      after: affiliation,
    });
    return affiliation;
  });
}

/** Ends a affiliation (or corrects its end); it stays in the history. */
export async function endAffiliation(
  ctx: Context,
  id: string,
  input: typeof EndTieInput._zod.input,
): Promise<Affiliation> {
  return endTie(ctx, id, input, {
    table: 'network_affiliation',
    entityType: 'affiliation',
    read: async (tx) => (await selectAffiliations(tx.db, { id }))[0],
    authorize: (actor, current) => authorizeOn(actor, current.parentId),
    organizationId: (current) => current.parentId,
  });
}
