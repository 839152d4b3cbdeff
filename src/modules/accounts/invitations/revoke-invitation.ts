import { requireAccount } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { mayGrant } from '../grants/grant-rules.ts';
import { accountsMessage } from '../messages.ts';
import { accounts } from '../queries.ts';
import type { InvitationView } from '../schemas.ts';
import { invitationView, parseRoles } from './invitation-view.ts';

export async function revokeInvitation(ctx: Context, id: string): Promise<InvitationView> {
  const actor = requireAccount(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const row = await accounts(tx.db)
      .selectFrom('accounts_invitation')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('not-found', accountsMessage('invitation.not-found'));
    const roles = parseRoles(row.roles);
    if (actor.token || !roles.every((grant) => mayGrant(actor, grant))) {
      throw new AppError('forbidden', accountsMessage('invitation.may-not-revoke'));
    }
    const now = tx.now();
    const before = invitationView({ ...row, roles }, now);
    if (before.status !== 'pending') {
      throw new AppError(
        'conflict',
        accountsMessage('invitation.not-pending', { status: before.status }),
      );
    }
    await accounts(tx.db)
      .updateTable('accounts_invitation')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .execute();
    const after = invitationView({ ...row, roles, revoked_at: now }, now);
    const organizationId =
      roles.find((grant) => grant.scopeType === 'organization')?.scopeId ?? null;
    await recordAudit(tx, {
      action: 'revoke-invitation',
      entityType: 'invitation',
      entityId: id,
      organizationId,
      before,
      after,
    });
    return after;
  });
}
