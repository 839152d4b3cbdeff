import type { z } from 'zod';
import type { Context } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { isShippedLanguage } from '../../../platform/messages/platform-messages.ts';
import { randomSecret, sha256 } from '../../../platform/secrets.ts';
import { accounts, selectAccountByEmail, selectPerson } from '../queries.ts';
import { RequestPasswordResetInput } from '../schemas.ts';
import { passwordResetMail } from './password-reset-mail.ts';

export const resetLifetimeMinutes = 60;

/**
 * Sends a single-use reset link to the account's email, in the account's preferred language
 * (else the request's). Answers the same whether or not the email has an account, so that
 * nobody can find out who has one.
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
  const preferred = (await selectPerson(ctx.db, account.person_id)).preferred_language;
  await ctx.mail.send({
    to: email,
    ...passwordResetMail(isShippedLanguage(preferred) ? preferred : ctx.language, {
      link: `${ctx.publicUrl}/password-reset#token=${token}`,
      lifetimeMinutes: resetLifetimeMinutes,
    }),
  });
}
