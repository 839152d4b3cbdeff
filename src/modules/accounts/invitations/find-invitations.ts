import {
  hasGrant,
  isNetworkAdmin,
  organizationsWhere,
  requireAccount,
} from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { mayGrant } from '../grants/grant-rules.ts';
import { accountsMessage } from '../messages.ts';
import { accounts } from '../queries.ts';
import type { InvitationView } from '../schemas.ts';
import { invitationView, parseRoles } from './invitation-view.ts';

/** The invitations the actor could have sent: all for network admins, their organization's for its admins. */
export async function findInvitations(ctx: Context): Promise<{ items: InvitationView[] }> {
  const actor = requireAccount(ctx.actor);
  const manages =
    isNetworkAdmin(actor) ||
    hasGrant(actor, { role: 'network-staff' }) ||
    organizationsWhere(actor, ['organization-admin']).length > 0;
  if (actor.token || !manages) {
    throw new AppError('forbidden', accountsMessage('invitation.managers-only'));
  }
  const rows = await accounts(ctx.db)
    .selectFrom('accounts_invitation')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(1000)
    .execute();
  const now = ctx.now();
  return {
    items: rows
      .map((row) => ({ ...row, roles: parseRoles(row.roles) }))
      .filter((row) => row.roles.every((grant) => mayGrant(actor, grant)))
      .map((row) => invitationView(row, now)),
  };
}
