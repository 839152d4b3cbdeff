import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { randomSecret, sha256 } from '../../../platform/secrets.ts';
import { accountsMessage } from '../messages.ts';
import { spendPasswordCheck, verifyPassword } from '../passwords/passwords.ts';
import {
  countRecentFailures,
  deleteOldLoginFailures,
  insertLoginFailure,
  insertSession,
  selectAccountByEmail,
} from '../queries.ts';
import { type Me, SignInInput } from '../schemas.ts';
import { describeAccount } from './describe-account.ts';

/** At most this many failed sign-ins a minute, per account and per address. */
export const maxFailuresPerMinute = 10;

export type SignInResult = { sessionSecret: string; csrfToken: string; expiresAt: Date; me: Me };

export async function signIn(
  ctx: Context,
  input: SignInInput,
  client: { address: string; userAgent: string | undefined },
): Promise<SignInResult> {
  const valid = SignInInput.parse(input);
  const email = valid.email;
  const now = ctx.now();
  const minuteAgo = new Date(now.getTime() - 60_000);
  const [byEmail, byAddress] = await Promise.all([
    countRecentFailures(ctx.db, 'email', email, minuteAgo),
    countRecentFailures(ctx.db, 'address', client.address, minuteAgo),
  ]);
  if (byEmail >= maxFailuresPerMinute || byAddress >= maxFailuresPerMinute) {
    throw new AppError('rate-limited', accountsMessage('sign-in.too-many-failures'), {
      retryAfterSeconds: 60,
    });
  }

  const account = await selectAccountByEmail(ctx.db, email);
  let ok = false;
  if (account) ok = await verifyPassword(account.password_hash, valid.password);
  else await spendPasswordCheck(valid.password);
  if (!account || !ok || account.status !== 'active') {
    await insertLoginFailure(ctx.db, { email, address: client.address, failed_at: now });
    // Keep the table small: failures older than an hour no longer count for anything.
    if (Math.random() < 0.01)
      await deleteOldLoginFailures(ctx.db, new Date(now.getTime() - 3_600_000));
    ctx.log.info({ email, address: client.address }, 'sign-in refused');
    throw new AppError('unauthenticated', accountsMessage('sign-in.refused'));
  }

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
