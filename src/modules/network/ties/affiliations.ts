// Affiliations: an organization belongs to another (a cooperative to a federation, a division to
// a group, a company to its parent). The tree may be deep; a cycle is refused with 409.
import { type Actor, authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { network, organizationsExist } from '../queries.ts';
import { type Affiliation, CreateAffiliationInput, EndTieInput } from '../schemas.ts';
import { isSelfOrAncestor, lockAffiliations, selectAffiliations } from './tie-queries.ts';

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
    const existing = await organizationsExist(tx.db, [valid.memberId, valid.parentId]);
    const missing = [
      ...(existing.has(valid.memberId)
        ? []
        : [{ pointer: '/memberId', detail: 'There is no organization with this id.' }]),
      ...(existing.has(valid.parentId)
        ? []
        : [{ pointer: '/parentId', detail: 'There is no organization with this id.' }]),
    ];
    if (missing.length > 0)
      throw new AppError('validation-failed', 'An organization named here does not exist.', {
        errors: missing,
      });
    await lockAffiliations(tx.db);
    if (await isSelfOrAncestor(tx.db, valid.parentId, valid.memberId)) {
      throw new AppError(
        'conflict',
        'This would make a cycle: the organization is already above the one it would belong to. An affiliation tree cannot loop.',
      );
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

/** Ends an affiliation (or corrects its end): ties are history, kept rather than deleted. */
export async function endAffiliation(
  ctx: Context,
  id: string,
  input: typeof EndTieInput._zod.input,
): Promise<Affiliation> {
  const valid = EndTieInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const [before] = await selectAffiliations(tx.db, { id });
    if (!before) throw new AppError('not-found', 'There is no affiliation with this id.');
    authorizeOn(tx.actor, before.parentId);
    if (valid.endedOn && before.startedOn && valid.endedOn < before.startedOn) {
      throw new AppError('validation-failed', 'It cannot end before it starts.', {
        errors: [{ pointer: '/endedOn', detail: `Use a date on or after ${before.startedOn}.` }],
      });
    }
    const updated = await network(tx.db)
      .updateTable('network_affiliation')
      .set((eb) => ({
        ended_on: valid.endedOn,
        ...(valid.note !== undefined ? { note: valid.note } : {}),
        updated_at: tx.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', valid.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError(
        'stale-version',
        'Someone else changed this affiliation since you read it; review the current copy.',
        { current: before },
      );
    }
    const [after] = await selectAffiliations(tx.db, { id });
    await recordAudit(tx, {
      action: 'end-affiliation',
      entityType: 'affiliation',
      entityId: id,
      organizationId: before.parentId,
      before,
      after,
    });
    return after as Affiliation;
  });
}
