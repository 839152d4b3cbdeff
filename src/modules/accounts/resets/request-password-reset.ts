import type { z } from 'zod';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { isShippedLanguage } from '../../../platform/messages/platform-messages.ts';
import { randomSecret, sha256 } from '../../../platform/secrets.ts';
import { type AttemptRule, takeAttempt, waitInWords } from '../attempts/take-attempt.ts';
import { accountsMessage } from '../messages.ts';
import { insertPasswordResetForEmail } from '../queries.ts';
import { RequestPasswordResetInput } from '../schemas.ts';
import { passwordResetMail } from './password-reset-mail.ts';

export const resetLifetimeMinutes = 60;

// Reset mails are counted per address (ten at once, then a wait from a minute, doubling up to an
// hour) and per email (three, then five minutes, doubling up to an hour): nobody can flood an
// inbox, nor the mail server, whether the email has an account or not.
export const resetRequestsFromAddress: AttemptRule = {
  free: 10,
  firstDelaySeconds: 60,
  maxDelaySeconds: 3600,
};
export const resetRequestsForEmail: AttemptRule = {
  free: 3,
  firstDelaySeconds: 300,
  maxDelaySeconds: 3600,
};

/**
 * Sends a single-use reset link to the account's email, in the account's preferred language
 * (else the request's), through the outbox in the reset's own transaction. Answers the same,
 * after the same work, whether or not the email has an account, so that nobody can find out who
 * has one: the link is made (or not) by one statement, and the mail is only queued, never sent
 * while the request waits.
 */
export async function requestPasswordReset(
  ctx: Context,
  input: z.input<typeof RequestPasswordResetInput>,
  client: { address: string },
): Promise<void> {
  const { email } = RequestPasswordResetInput.parse(input);
  const counts = [
    {
      counted: { key: `reset-address ${client.address}`, email: null },
      rule: resetRequestsFromAddress,
    },
    { counted: { key: `reset-email ${email}`, email }, rule: resetRequestsForEmail },
  ];
  for (const { counted, rule } of counts) {
    const attempt = await takeAttempt(ctx, counted, rule);
    if (!attempt.allowed) {
      throw new AppError(
        'rate-limited',
        accountsMessage('password-reset.too-many-requests', {
          wait: waitInWords(attempt.retryAfterSeconds),
        }),
        { retryAfterSeconds: attempt.retryAfterSeconds },
      );
    }
  }
  const token = randomSecret();
  await inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const expiresAt = new Date(now.getTime() + resetLifetimeMinutes * 60_000);
    const made = await insertPasswordResetForEmail(tx.db, email, {
      id: newId(),
      tokenHash: sha256(token),
      createdAt: now,
      expiresAt,
    });
    if (!made) {
      tx.log.info({ email }, 'password reset asked for an email without an active account');
      return;
    }
    const preferred = made.preferredLanguage;
    await tx.outbox.mail(tx.db, {
      to: email,
      ...passwordResetMail(isShippedLanguage(preferred) ? preferred : ctx.language, {
        link: `${ctx.publicUrl}/password-reset#token=${token}`,
        lifetimeMinutes: resetLifetimeMinutes,
      }),
      secretUntil: expiresAt,
    });
  });
}
