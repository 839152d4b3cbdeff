import { requireSignedIn } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { accountsMessage } from '../messages.ts';
import { revokeSessions, selectLiveSessions } from '../queries.ts';

/** The account's open sessions, so that a person can see where they are signed in. */
export async function listSessions(ctx: Context, currentSessionId: string | undefined) {
  const account = requireSignedIn(ctx.actor);
  const rows = await selectLiveSessions(ctx.db, account.accountId, ctx.now());
  return {
    items: rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
      expiresAt: new Date(
        Math.min(row.idle_expires_at.getTime(), row.absolute_expires_at.getTime()),
      ).toISOString(),
      userAgent: row.user_agent,
      address: row.address,
      current: row.id === currentSessionId,
    })),
  };
}

export async function revokeSession(ctx: Context, sessionId: string): Promise<void> {
  const account = requireSignedIn(ctx.actor);
  const revoked = await revokeSessions(
    ctx.db,
    { accountId: account.accountId, sessionId },
    ctx.now(),
  );
  if (revoked === 0) throw new AppError('not-found', accountsMessage('sessions.not-found'));
}
