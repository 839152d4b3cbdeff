// Partnerships: two organizations working together, coop or not, typed and dated.
import { type Actor, type Allowance, authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { network, organizationsExist } from '../queries.ts';
import { CreatePartnershipInput, EndTieInput, type Partnership } from '../schemas.ts';
import { selectPartnerships } from './tie-queries.ts';

/** Either partner's admins may record or end it; network staff may for any. */
function authorizeOn(actor: Actor, fromId: string, toId: string) {
  const admins = (id: string): Allowance => ({
    role: 'organization-admin',
    scope: { type: 'organization', id },
  });
  const tokenOrganization =
    actor.type === 'account' && actor.token ? actor.token.organizationId : fromId;
  authorize(actor, {
    anyOf: [{ role: 'network-staff' }, admins(fromId), admins(toId)],
    write: true,
    organizationId: [fromId, toId].includes(tokenOrganization) ? tokenOrganization : fromId,
  });
}

export async function createPartnership(
  ctx: Context,
  input: CreatePartnershipInput,
  options: { demo?: boolean } = {},
): Promise<Partnership> {
  const valid = CreatePartnershipInput.parse(input);
  authorizeOn(ctx.actor, valid.fromId, valid.toId);
  return inTransaction(ctx, async (tx) => {
    const existing = await organizationsExist(tx.db, [valid.fromId, valid.toId]);
    const missing = [
      ...(existing.has(valid.fromId)
        ? []
        : [{ pointer: '/fromId', detail: 'There is no organization with this id.' }]),
      ...(existing.has(valid.toId)
        ? []
        : [{ pointer: '/toId', detail: 'There is no organization with this id.' }]),
    ];
    if (missing.length > 0)
      throw new AppError('validation-failed', 'An organization named here does not exist.', {
        errors: missing,
      });
    const now = tx.now();
    const id = newId();
    await network(tx.db)
      .insertInto('network_partnership')
      .values({
        id,
        from_id: valid.fromId,
        to_id: valid.toId,
        kind: valid.kind,
        started_on: valid.startedOn ?? null,
        ended_on: valid.endedOn ?? null,
        note: valid.note ?? null,
        is_demo: options.demo ?? false,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const [partnership] = await selectPartnerships(tx.db, { id });
    if (!partnership) throw new Error('partnership vanished inside its transaction');
    await recordAudit(tx, {
      action: 'create-partnership',
      entityType: 'partnership',
      entityId: id,
      organizationId: valid.fromId,
      before: null,
      after: partnership,
    });
    return partnership;
  });
}

export async function endPartnership(
  ctx: Context,
  id: string,
  input: typeof EndTieInput._zod.input,
): Promise<Partnership> {
  const valid = EndTieInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const [before] = await selectPartnerships(tx.db, { id });
    if (!before) throw new AppError('not-found', 'There is no partnership with this id.');
    authorizeOn(tx.actor, before.fromId, before.toId);
    if (valid.endedOn && before.startedOn && valid.endedOn < before.startedOn) {
      throw new AppError('validation-failed', 'It cannot end before it starts.', {
        errors: [{ pointer: '/endedOn', detail: `Use a date on or after ${before.startedOn}.` }],
      });
    }
    const updated = await network(tx.db)
      .updateTable('network_partnership')
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
        'Someone else changed this partnership since you read it; review the current copy.',
        { current: before },
      );
    }
    const [after] = await selectPartnerships(tx.db, { id });
    await recordAudit(tx, {
      action: 'end-partnership',
      entityType: 'partnership',
      entityId: id,
      organizationId: before.fromId,
      before,
      after,
    });
    return after as Partnership;
  });
}
