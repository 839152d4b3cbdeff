import type { z } from 'zod';
import { type Actor, system } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { sha256 } from '../../../platform/secrets.ts';
import { accountsMessage } from '../messages.ts';
import { assertStrongPassword, hashPassword } from '../passwords/passwords.ts';
import { accounts, insertAccountWithPerson, selectAccountByEmail } from '../queries.ts';
import { AcceptInvitationInput } from '../schemas.ts';
import { parseRoles } from './invitation-view.ts';

/** Anyone holding the link may accept: it creates the account with the invited roles. */
export async function acceptInvitation(
  ctx: Context,
  input: z.input<typeof AcceptInvitationInput>,
): Promise<{ accountId: string; email: string }> {
  const valid = AcceptInvitationInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const row = await accounts(tx.db)
      .selectFrom('accounts_invitation')
      .selectAll()
      .where('token_hash', '=', sha256(valid.token))
      .forUpdate()
      .executeTakeFirst();
    const now = tx.now();
    if (!row) throw new AppError('not-found', accountsMessage('invitation.link-not-valid'));
    if (row.accepted_at) throw new AppError('gone', accountsMessage('invitation.used'));
    if (row.revoked_at) throw new AppError('gone', accountsMessage('invitation.withdrawn'));
    if (row.expires_at <= now) throw new AppError('gone', accountsMessage('invitation.expired'));
    assertStrongPassword(valid.password, { email: row.email, displayName: valid.displayName });
    // Hashed only once the link is known good, so that bogus links cost the server nothing.
    const passwordHash = await hashPassword(valid.password);
    if (await selectAccountByEmail(tx.db, row.email)) {
      throw new AppError(
        'conflict',
        accountsMessage('invitation.accepted-has-account', { email: row.email }),
      );
    }
    const roles = parseRoles(row.roles);
    const accountId = await insertAccountWithPerson(tx.db, {
      email: row.email,
      displayName: valid.displayName,
      passwordHash,
      grants: roles,
      grantedBy: row.invited_by,
      now,
      // The language the invitation was written in, until the person chooses another.
      preferredLanguage: row.language,
    });
    await accounts(tx.db)
      .updateTable('accounts_invitation')
      .set({ accepted_at: now, accepted_account_id: accountId })
      .where('id', '=', row.id)
      .execute();
    const actor: Actor = { ...system, label: `${row.email} (accepting an invitation)` };
    const organizationId =
      roles.find((grant) => grant.scopeType === 'organization')?.scopeId ?? null;
    await recordAudit(
      { ...tx, actor },
      {
        action: 'accept-invitation',
        entityType: 'account',
        entityId: accountId,
        organizationId,
        before: null,
        after: { email: row.email, displayName: valid.displayName, roles, invitationId: row.id },
      },
    );
    return { accountId, email: row.email };
  });
}
