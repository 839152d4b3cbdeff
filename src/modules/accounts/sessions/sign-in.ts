import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { randomSecret, sha256 } from '../../../platform/secrets.ts';
import {
  type AttemptRule,
  forgetAttempts,
  takeAttempt,
  waitInWords,
} from '../attempts/take-attempt.ts';
import { accountsMessage } from '../messages.ts';
import { spendPasswordCheck, verifyPassword } from '../passwords/passwords.ts';
import { insertSession, selectAccountByEmail } from '../queries.ts';
import { type Me, SignInInput } from '../schemas.ts';
import { describeAccount } from './describe-account.ts';

/**
 * Sign-ins are counted per account and address: five tries at once, then a wait that doubles
 * with each failure (1 s, 2 s, 4 s... up to 15 minutes), until the right password. Someone
 * guessing from another address, or guessing other accounts from the same one, slows only
 * themselves: the owner's right password is not refused for their failures.
 */
export const signInAttempts: AttemptRule = { free: 5, firstDelaySeconds: 1, maxDelaySeconds: 900 };

export type SignInResult = { sessionSecret: string; csrfToken: string; expiresAt: Date; me: Me };

export async function signIn(
  ctx: Context,
  input: SignInInput,
  client: { address: string; userAgent: string | undefined },
): Promise<SignInResult> {
  const valid = SignInInput.parse(input);
  const email = valid.email;
  const now = ctx.now();
  const counted = { key: `sign-in ${email} ${client.address}`, email };
  const attempt = await takeAttempt(ctx, counted, signInAttempts);
  if (!attempt.allowed) {
    throw new AppError(
      'rate-limited',
      accountsMessage('sign-in.too-many-failures', {
        wait: waitInWords(attempt.retryAfterSeconds),
      }),
      { retryAfterSeconds: attempt.retryAfterSeconds },
    );
  }

  const account = await selectAccountByEmail(ctx.db, email);
  let ok = false;
  if (account) ok = await verifyPassword(account.password_hash, valid.password);
  else await spendPasswordCheck(valid.password);
  if (!account || !ok || account.status !== 'active') {
    // The attempt stays counted.
    ctx.log.info({ email, address: client.address }, 'sign-in refused');
    throw new AppError('unauthenticated', accountsMessage('sign-in.refused'));
  }
  await forgetAttempts(ctx, counted.key);

  // A fresh session id at every sign-in: a session fixed by someone else before sign-in is useless.
  const sessionSecret = randomSecret();
  const csrfToken = randomSecret();
  const idleExpiresAt = new Date(now.getTime() + ctx.config.sessionIdleMinutes * 60_000);
  const absoluteExpiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000);
  await insertSession(ctx.db, {
    id: newId(),
    secret_hash: sha256(sessionSecret),
    account_id: account.id,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    idle_expires_at: idleExpiresAt,
    absolute_expires_at: absoluteExpiresAt,
    revoked_at: null,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
    address: client.address,
  });
  ctx.log.info({ accountId: account.id }, 'signed in');
  const me = await describeAccount(ctx.db, account.id, { csrfToken, expiresAt: absoluteExpiresAt });
  return { sessionSecret, csrfToken, expiresAt: absoluteExpiresAt, me };
}
