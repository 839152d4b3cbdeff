// Accounts and their roles, for those who run the network or an organization.
import type { z } from 'zod';
import {
  hasGrant,
  isNetworkAdmin,
  organizationsWhere,
  requireAccount,
} from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { accounts, insertGrant, selectAccount, selectGrants } from '../queries.ts';
import { type AccountView, RoleGrantInput } from '../schemas.ts';
import { checkGrants, mayGrant } from './grant-rules.ts';

async function accountViews(ctx: Context, accountIds: string[]): Promise<AccountView[]> {
  if (accountIds.length === 0) return [];
  const rows = await accounts(ctx.db)
    .selectFrom('accounts_account')
    .innerJoin('accounts_person', 'accounts_person.id', 'accounts_account.person_id')
    .select([
      'accounts_account.id',
      'accounts_account.email',
      'accounts_account.status',
      'accounts_account.created_at',
      'accounts_person.display_name',
    ])
    .where('accounts_account.id', 'in', accountIds)
    .orderBy('accounts_account.email')
    .execute();
  const grants = await selectGrants(ctx.db, accountIds);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    grants: grants
      .filter((grant) => grant.account_id === row.id)
      .map((grant) => ({
        id: grant.id,
        role: grant.role,
        scopeType: grant.scope_type,
        scopeId: grant.scope_id,
      })),
  }));
}

/** Network admins and staff see every account; an organization's admins, the accounts with a role in it. */
export async function findAccounts(ctx: Context): Promise<{ items: AccountView[] }> {
  const actor = requireAccount(ctx.actor);
  if (actor.token)
    throw new AppError('forbidden', 'Accounts are managed by people, not by API tokens.');
  if (isNetworkAdmin(actor) || hasGrant(actor, { role: 'network-staff' })) {
    const ids = await accounts(ctx.db)
      .selectFrom('accounts_account')
      .select('id')
      .orderBy('email')
      .limit(1000)
      .execute();
    return {
      items: await accountViews(
        ctx,
        ids.map((row) => row.id),
      ),
    };
  }
  const organizations = organizationsWhere(actor, ['organization-admin']);
  if (organizations.length === 0) {
    throw new AppError('forbidden', 'Only network staff and organization admins see accounts.');
  }
  const ids = await accounts(ctx.db)
    .selectFrom('accounts_role_grant')
    .select('account_id')
    .distinct()
    .where('scope_type', '=', 'organization')
    .where('scope_id', 'in', organizations)
    .execute();
  const views = await accountViews(
    ctx,
    ids.map((row) => row.account_id),
  );
  // Show only the roles within their organizations: the rest is not theirs to know.
  return {
    items: views.map((view) => ({
      ...view,
      grants: view.grants.filter(
        (grant) =>
          grant.scopeType === 'organization' && organizations.includes(grant.scopeId ?? ''),
      ),
    })),
  };
}

export async function grantRole(
  ctx: Context,
  accountId: string,
  input: z.input<typeof RoleGrantInput>,
): Promise<AccountView> {
  const actor = requireAccount(ctx.actor);
  const grant = RoleGrantInput.parse(input);
  if (actor.token) throw new AppError('forbidden', 'Roles are given by people, not by API tokens.');
  await checkGrants(ctx.db, actor, [grant], '');
  return inTransaction(ctx, async (tx) => {
    if (!(await selectAccount(tx.db, accountId)))
      throw new AppError('not-found', 'There is no account with this id.');
    const [before] = await accountViews(tx, [accountId]);
    await insertGrant(tx.db, {
      id: newId(),
      account_id: accountId,
      role: grant.role,
      scope_type: grant.scopeType,
      scope_id: grant.scopeId,
      granted_by: actor.accountId,
      created_at: tx.now(),
    });
    const [after] = await accountViews(tx, [accountId]);
    await recordAudit(tx, {
      action: 'grant-role',
      entityType: 'account',
      entityId: accountId,
      organizationId: grant.scopeType === 'organization' ? grant.scopeId : null,
      before: before?.grants,
      after: after?.grants,
    });
    if (!after) throw new Error('account vanished inside its transaction');
    return after;
  });
}

export async function revokeRole(
  ctx: Context,
  accountId: string,
  grantId: string,
): Promise<AccountView> {
  const actor = requireAccount(ctx.actor);
  if (actor.token)
    throw new AppError('forbidden', 'Roles are taken back by people, not by API tokens.');
  return inTransaction(ctx, async (tx) => {
    const row = await accounts(tx.db)
      .selectFrom('accounts_role_grant')
      .selectAll()
      .where('id', '=', grantId)
      .where('account_id', '=', accountId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('not-found', 'This account has no role with this id.');
    const grant = { role: row.role, scopeType: row.scope_type, scopeId: row.scope_id };
    if (!mayGrant(actor, grant))
      throw new AppError('forbidden', `You may not take back the role ${row.role} here.`);
    if (row.role === 'network-admin') {
      const admins = await accounts(tx.db)
        .selectFrom('accounts_role_grant')
        .select('id')
        .where('role', '=', 'network-admin')
        .execute();
      if (admins.length <= 1)
        throw new AppError('conflict', 'This is the last network admin; make another one first.');
    }
    const [before] = await accountViews(tx, [accountId]);
    await accounts(tx.db).deleteFrom('accounts_role_grant').where('id', '=', grantId).execute();
    const [after] = await accountViews(tx, [accountId]);
    await recordAudit(tx, {
      action: 'revoke-role',
      entityType: 'account',
      entityId: accountId,
      organizationId: row.scope_type === 'organization' ? row.scope_id : null,
      before: before?.grants,
      after: after?.grants,
    });
    if (!after) throw new Error('account vanished inside its transaction');
    return after;
  });
}
