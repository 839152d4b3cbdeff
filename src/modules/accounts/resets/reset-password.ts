import type { z } from 'zod';
import { system } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { sha256 } from '../../../platform/secrets.ts';
import { accountsMessage } from '../messages.ts';
import { assertStrongPassword, hashPassword } from '../passwords/passwords.ts';
import {
  accounts,
  revokeSessions,
  selectAccount,
  selectPerson,
  setPasswordHash,
} from '../queries.ts';
import { ResetPasswordInput } from '../schemas.ts';

/** Sets a new password with a reset link, once; every session of the account ends. */
export async function resetPassword(
  ctx: Context,
  input: z.input<typeof ResetPasswordInput>,
): Promise<void> {
  const valid = ResetPasswordInput.parse(input);
  await inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const reset = await accounts(tx.db)
      .selectFrom('accounts_password_reset')
      .selectAll()
      .where('token_hash', '=', sha256(valid.token))
      .forUpdate()
      .executeTakeFirst();
    if (!reset) throw new AppError('not-found', accountsMessage('reset.link-not-valid'));
    if (reset.used_at) throw new AppError('gone', accountsMessage('reset.link-used'));
    if (reset.expires_at <= now) throw new AppError('gone', accountsMessage('reset.link-expired'));
    const account = await selectAccount(tx.db, reset.account_id);
    if (account?.status !== 'active') throw new AppError('gone', accountsMessage('account.closed'));
    const person = await selectPerson(tx.db, account.person_id);
    assertStrongPassword(valid.password, {
      email: account.email,
      displayName: person.display_name,
    });
    await setPasswordHash(tx.db, account.id, await hashPassword(valid.password), now);
    await accounts(tx.db)
      .updateTable('accounts_password_reset')
      .set({ used_at: now })
      .where('id', '=', reset.id)
      .execute();
    // Whoever knew the old password is signed out everywhere.
    await revokeSessions(tx.db, { accountId: account.id }, now);
    await recordAudit(
      { ...tx, actor: { ...system, label: `${account.email} (password reset link)` } },
      {
        action: 'reset-password',
        entityType: 'account',
        entityId: account.id,
        organizationId: null,
        before: null,
        after: { passwordChanged: true, sessionsEnded: true },
      },
    );
  });
}
