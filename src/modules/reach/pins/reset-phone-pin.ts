import { type Actor, authorize, hasGrant, system } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { getMemberships, getPerson } from '../../accounts/index.ts';
import { reachMessage } from '../messages.ts';
import { clearPin, updatePhone } from '../queries.ts';

/** How long after a reset the member may set a new PIN on a phone where several have none. */
export const setupOpenHours = 24;

/** The organization through which the actor may reset the PIN of a member of these; else 401/403. */
function authorizeReset(actor: Actor, organizationIds: string[]): string | null {
  const token = actor.type === 'account' ? actor.token : undefined;
  const administered = organizationIds.filter((id) =>
    hasGrant(actor, { role: 'organization-admin', scope: { type: 'organization', id } }),
  );
  const organizationId = token
    ? (organizationIds.find((id) => id === token.organizationId) ?? null)
    : (administered[0] ?? organizationIds[0] ?? null);
  authorize(actor, {
    anyOf: [
      { role: 'network-staff' },
      ...(organizationId
        ? [
            {
              role: 'organization-admin' as const,
              scope: { type: 'organization' as const, id: organizationId },
            },
          ]
        : []),
    ],
    write: true,
    organizationId,
  });
  return organizationId;
}

/**
 * The admins of a cooperative (and network staff) reset the phone PIN of one of its members, who
 * forgot it: the PIN is cleared and the phone unlocked, and for a day the member may set a new one
 * on first use, even on a phone shared with others who have none. 404 for no such person.
 */
export async function resetPhonePin(
  ctx: Context,
  personId: string,
): Promise<{ personId: string; setupOpenUntil: string }> {
  const systemCtx = { ...ctx, actor: system };
  const person = await getPerson(systemCtx, personId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not-found')
      throw new AppError('not-found', reachMessage('problem.person-not-found', { id: personId }));
    throw error;
  });
  const memberships = await getMemberships(systemCtx, personId);
  const organizationId = authorizeReset(ctx.actor, [
    ...new Set(memberships.map((membership) => membership.organizationId)),
  ]);
  if (!person.phone) throw new AppError('conflict', reachMessage('problem.no-phone'));
  const phone = person.phone;
  return inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const openUntil = new Date(now.getTime() + setupOpenHours * 3_600_000);
    const { hadPin } = await clearPin(tx.db, personId, openUntil, now);
    await updatePhone(tx.db, phone, { failedPins: 0, lockedUntil: null }, now);
    const after = { personId, setupOpenUntil: openUntil.toISOString() };
    await recordAudit(tx, {
      action: 'reset-phone-pin',
      entityType: 'phone-pin',
      entityId: personId,
      organizationId,
      before: { personId, hadPin },
      after,
    });
    return after;
  });
}
