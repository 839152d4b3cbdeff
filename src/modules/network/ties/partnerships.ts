// Partnerships: two organizations working together, coop or not, typed and dated.
import { type Actor, type Allowance, authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { network } from '../queries.ts';
import { CreatePartnershipInput, type EndTieInput, type Partnership } from '../schemas.ts';
import { endTie } from './end-tie.ts';
import { assertTieEndsExist, selectPartnerships } from './tie-queries.ts';

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
    await assertTieEndsExist(tx.db, { fromId: valid.fromId, toId: valid.toId });
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
    authorize: (actor, current) => authorizeOn(actor, current.fromId, current.toId),
    organizationId: (current) => current.fromId,
  });
}
