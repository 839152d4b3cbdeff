import { type Actor, anonymous } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { sameSecret, sha256 } from '../../../platform/secrets.ts';
import { accountsMessage } from '../messages.ts';
import { accounts, selectLiveSession, touchSession } from '../queries.ts';
import { actorForAccount } from './describe-account.ts';

export type Credentials = {
  sessionSecret: string | undefined;
  bearerToken: string | undefined;
  csrfToken: string | undefined;
  /** POST, PUT, PATCH, DELETE: the methods a forged cross-site request would use. */
  unsafeMethod: boolean;
  /** Sign-in itself has no session yet to hold a CSRF token. */
  csrfExempt: boolean;
};

export type Authentication = {
  actor: Actor;
  session?: { id: string; csrfToken: string; expiresAt: Date };
  /** The cookie named a session that is over: the reply should clear it. */
  expiredSession?: boolean;
};

// Recording a token's every use would write on every read; a minute's precision is enough.
const touchTokenEveryMs = 60_000;
// A session's idle deadline moves with every request, or a request just before a short idle
// limit ran out would not keep it open; only a page's burst of requests within one second
// writes once.
const touchSessionEveryMs = 1_000;

export async function authenticateRequest(
  ctx: Context,
  credentials: Credentials,
): Promise<Authentication> {
  const now = ctx.now();
  if (credentials.bearerToken !== undefined) {
    const token = await accounts(ctx.db)
      .selectFrom('accounts_api_token')
      .selectAll()
      .where('token_hash', '=', sha256(credentials.bearerToken))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const actor = token ? await actorForAccount(ctx.db, token.account_id) : undefined;
    if (!token || !actor)
      throw new AppError('unauthenticated', accountsMessage('sign-in.api-token-not-valid'));
    if (!token.last_used_at || now.getTime() - token.last_used_at.getTime() > touchTokenEveryMs) {
      await accounts(ctx.db)
        .updateTable('accounts_api_token')
        .set({ last_used_at: now })
        .where('id', '=', token.id)
        .execute();
    }
    return {
      actor: {
        ...actor,
        label: `${actor.email} (API token ${token.prefix})`,
        token: { organizationId: token.organization_id, access: token.access },
      },
    };
  }

  if (credentials.sessionSecret === undefined) return { actor: anonymous };
  const session = await selectLiveSession(ctx.db, sha256(credentials.sessionSecret), now);
  const actor = session ? await actorForAccount(ctx.db, session.account_id) : undefined;
  if (!session || !actor) return { actor: anonymous, expiredSession: true };

  if (credentials.unsafeMethod && !credentials.csrfExempt) {
    if (!credentials.csrfToken || !sameSecret(credentials.csrfToken, session.csrf_token)) {
      throw new AppError('forbidden', accountsMessage('sign-in.csrf-missing'));
    }
  }
  if (now.getTime() - session.last_seen_at.getTime() >= touchSessionEveryMs) {
    const idle = new Date(now.getTime() + ctx.config.sessionIdleMinutes * 60_000);
    await touchSession(
      ctx.db,
      session.id,
      now,
      idle < session.absolute_expires_at ? idle : session.absolute_expires_at,
    );
  }
  return {
    actor,
    session: {
      id: session.id,
      csrfToken: session.csrf_token,
      expiresAt: session.absolute_expires_at,
    },
  };
}
