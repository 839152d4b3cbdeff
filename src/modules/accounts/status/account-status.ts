// Disabling an account (someone who left the cooperative) and enabling it again.
// Only network admins do this: an account is a person's one login across the whole network,
// possibly with roles in several organizations, so no single organization's admins decide it.
// An organization's admins take back the roles within their organization instead.
import { sql } from 'kysely';
import { isNetworkAdmin, requireAccount } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { accountViews } from '../grants/manage-accounts.ts';
import { accountsMessage } from '../messages.ts';
import { accounts, revokeSessions } from '../queries.ts';
import type { AccountView } from '../schemas.ts';

function requireNetworkAdmin(ctx: Context) {
  const actor = requireAccount(ctx.actor);
  if (actor.token) throw new AppError('forbidden', accountsMessage('status.not-by-tokens'));
  if (!isNetworkAdmin(actor))
    throw new AppError('forbidden', accountsMessage('status.network-admins-only'));
  return actor;
}

/**
 * Disables an account: sign-in is refused, and in the same transaction every session of the
 * account ends, every API token it made is revoked and any unused password reset link stops
 * working. Disabling a disabled account changes nothing.
 */
export async function disableAccount(ctx: Context, accountId: string): Promise<AccountView> {
  const actor = requireNetworkAdmin(ctx);
  if (actor.accountId === accountId)
    throw new AppError('conflict', accountsMessage('status.not-yourself'));
  return inTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, accountId);
    if (account.status === 'disabled') return current(tx, accountId);
    const now = tx.now();
    await setStatus(tx, accountId, 'disabled');
    const sessionsEnded = await revokeSessions(tx.db, { accountId }, now);
    const revoked = await accounts(tx.db)
      .updateTable('accounts_api_token')
      .set({ revoked_at: now })
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    // A reset link sent before must not work if the account is enabled again later.
    await accounts(tx.db)
      .updateTable('accounts_password_reset')
      .set({ used_at: now })
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .execute();
    await recordAudit(tx, {
      action: 'disable-account',
      entityType: 'account',
      entityId: accountId,
      organizationId: null,
      before: { status: 'active' },
      after: {
        status: 'disabled',
        sessionsEnded,
        apiTokensRevoked: Number(revoked.numUpdatedRows),
      },
    });
    return current(tx, accountId);
  });
}

/** Lets a disabled account sign in again. Its ended sessions and revoked tokens stay so. */
export async function enableAccount(ctx: Context, accountId: string): Promise<AccountView> {
  requireNetworkAdmin(ctx);
  return inTransaction(ctx, async (tx) => {
    const account = await lockAccount(tx, accountId);
    if (account.status === 'active') return current(tx, accountId);
    await setStatus(tx, accountId, 'active');
    await recordAudit(tx, {
      action: 'enable-account',
      entityType: 'account',
      entityId: accountId,
      organizationId: null,
      before: { status: 'disabled' },
      after: { status: 'active' },
    });
    return current(tx, accountId);
  });
}

async function lockAccount(tx: Context, accountId: string) {
  const account = await accounts(tx.db)
    .selectFrom('accounts_account')
    .select(['id', 'status'])
    .where('id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!account) throw new AppError('not-found', accountsMessage('account.not-found'));
  return account;
}

async function setStatus(tx: Context, accountId: string, status: 'active' | 'disabled') {
  await accounts(tx.db)
    .updateTable('accounts_account')
    .set({ status, updated_at: tx.now(), version: sql`version + 1` })
    .where('id', '=', accountId)
    .execute();
}

async function current(tx: Context, accountId: string): Promise<AccountView> {
  const [view] = await accountViews(tx, [accountId]);
  if (!view) throw new Error('account vanished inside its transaction');
  return view;
}
