import { requireAccount } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { randomSecret, sha256 } from '../../../platform/secrets.ts';
import { checkGrants } from '../grants/grant-rules.ts';
import { accounts, selectAccountByEmail } from '../queries.ts';
import { type InvitationView, InviteInput } from '../schemas.ts';
import { invitationView } from './invitation-view.ts';

export const invitationLifetimeDays = 7;

/**
 * Invites a person by email to take an account with the given roles; the link works 7 days. The
 * mail is written to the outbox with the invitation, and goes out when the mail server answers.
 */
export async function inviteAccount(ctx: Context, input: InviteInput): Promise<InvitationView> {
  const actor = requireAccount(ctx.actor);
  if (actor.token)
    throw new AppError('forbidden', 'Invitations are sent by people, not by API tokens.');
  const valid = InviteInput.parse(input);
  await checkGrants(ctx.db, actor, valid.roles, '/roles');
  const token = randomSecret();
  const invitation = await inTransaction(ctx, async (tx) => {
    if (await selectAccountByEmail(tx.db, valid.email)) {
      throw new AppError(
        'conflict',
        `${valid.email} has an account already: give the role to that account instead.`,
      );
    }
    const now = tx.now();
    const row = {
      id: newId(),
      email: valid.email,
      token_hash: sha256(token),
      roles: JSON.stringify(valid.roles),
      invited_by: actor.accountId,
      created_at: now,
      expires_at: new Date(now.getTime() + invitationLifetimeDays * 86_400_000),
      accepted_at: null,
      accepted_account_id: null,
      revoked_at: null,
    };
    await accounts(tx.db).insertInto('accounts_invitation').values(row).execute();
    await tx.outbox.mail(tx.db, {
      to: valid.email,
      subject: 'You are invited to Intercoop',
      text: [
        `${actor.email} invites you to take an account on Intercoop, the network's shared software.`,
        '',
        `Open this link within ${invitationLifetimeDays} days to choose your password:`,
        `${ctx.publicUrl}/invitations/accept#token=${token}`,
        '',
        'If you did not expect this invitation, you can ignore this email.',
      ].join('\n'),
      secretUntil: row.expires_at,
    });
    const view = invitationView({ ...row, roles: valid.roles }, now);
    const organizationId =
      valid.roles.find((grant) => grant.scopeType === 'organization')?.scopeId ?? null;
    await recordAudit(tx, {
      action: 'invite-account',
      entityType: 'invitation',
      entityId: row.id,
      organizationId,
      before: null,
      after: view,
    });
    return view;
  });
  return invitation;
}
