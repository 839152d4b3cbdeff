import type { z } from 'zod';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { randomSecret, sha256 } from '../../../platform/secrets.ts';
import { accounts, selectAccountByEmail } from '../queries.ts';
import { RequestPasswordResetInput } from '../schemas.ts';

export const resetLifetimeMinutes = 60;

/**
 * Sends a single-use reset link to the account's email (through the outbox, with the reset).
 * Answers the same whether or not the email has an account, so that nobody can find out who
 * has one.
 */
export async function requestPasswordReset(
  ctx: Context,
  input: z.input<typeof RequestPasswordResetInput>,
): Promise<void> {
  const { email } = RequestPasswordResetInput.parse(input);
  const account = await selectAccountByEmail(ctx.db, email);
  if (account?.status !== 'active') {
    ctx.log.info({ email }, 'password reset asked for an email without an active account');
    return;
  }
  const token = randomSecret();
  await inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const expiresAt = new Date(now.getTime() + resetLifetimeMinutes * 60_000);
    await accounts(tx.db)
      .insertInto('accounts_password_reset')
      .values({
        id: newId(),
        account_id: account.id,
        token_hash: sha256(token),
        created_at: now,
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
    await tx.outbox.mail(tx.db, {
      to: email,
      subject: 'Choose a new Intercoop password',
      text: [
        'Someone, probably you, asked to choose a new password for your Intercoop account.',
        '',
        `Open this link within ${resetLifetimeMinutes} minutes; it works once:`,
        `${ctx.publicUrl}/password-reset#token=${token}`,
        '',
        'If you did not ask, ignore this email: your password stays as it is.',
      ].join('\n'),
      secretUntil: expiresAt,
    });
  });
}
