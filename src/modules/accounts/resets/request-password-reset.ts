import type { z } from 'zod';
import type { Context } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { randomSecret, sha256 } from '../../../platform/secrets.ts';
import { accounts, selectAccountByEmail } from '../queries.ts';
import { RequestPasswordResetInput } from '../schemas.ts';

export const resetLifetimeMinutes = 60;

/**
 * Sends a single-use reset link to the account's email. Answers the same whether or not the
 * email has an account, so that nobody can find out who has one.
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
  const now = ctx.now();
  await accounts(ctx.db)
    .insertInto('accounts_password_reset')
    .values({
      id: newId(),
      account_id: account.id,
      token_hash: sha256(token),
      created_at: now,
      expires_at: new Date(now.getTime() + resetLifetimeMinutes * 60_000),
      used_at: null,
    })
    .execute();
  await ctx.mail.send({
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
  });
}
