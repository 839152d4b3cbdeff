import { requireSignedIn } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { revokeSessions } from '../queries.ts';

/** Ends this session, or with `everywhere` every session of the account (a lost phone). */
export async function signOut(
  ctx: Context,
  session: { id: string } | undefined,
  everywhere: boolean,
): Promise<number> {
  const account = requireSignedIn(ctx.actor);
  if (everywhere) return revokeSessions(ctx.db, { accountId: account.accountId }, ctx.now());
  if (!session) return 0;
  return revokeSessions(ctx.db, { accountId: account.accountId, sessionId: session.id }, ctx.now());
}
