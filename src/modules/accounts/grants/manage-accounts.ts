// Accounts and their roles, for those who run the network or an organization.
import { sql } from 'kysely';
import type { z } from 'zod';
import {
  type AccountActor,
  hasGrant,
  isNetworkAdmin,
  organizationsWhere,
  requireAccount,
} from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { decodeCursorText, encodeCursorText, invalidCursor } from '../../../platform/cursor.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { accountsMessage } from '../messages.ts';
import { accounts, insertGrant, selectAccount, selectGrants, toGrant } from '../queries.ts';
import { AccountListQuery, type AccountView, RoleGrantInput } from '../schemas.ts';
import { checkGrants, mayGrant } from './grant-rules.ts';

type AccountRowForView = {
  id: string;
  email: string;
  status: 'active' | 'disabled';
  created_at: Date;
  display_name: string;
};

function accountRows(ctx: Context) {
  return accounts(ctx.db)
    .selectFrom('accounts_account')
    .innerJoin('accounts_person', 'accounts_person.id', 'accounts_account.person_id')
    .select([
      'accounts_account.id',
      'accounts_account.email',
      'accounts_account.status',
      'accounts_account.created_at',
      'accounts_person.display_name',
    ]);
}

async function viewsOf(ctx: Context, rows: AccountRowForView[]): Promise<AccountView[]> {
  const grants = await selectGrants(
    ctx.db,
    rows.map((row) => row.id),
  );
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

export async function accountViews(ctx: Context, accountIds: string[]): Promise<AccountView[]> {
  if (accountIds.length === 0) return [];
  const rows = await accountRows(ctx)
    .where('accounts_account.id', 'in', accountIds)
    .orderBy('accounts_account.email')
    .execute();
  return viewsOf(ctx, rows);
}

/**
 * An account as the actor may see it: network admins and staff see every role; an
 * organization's admins only the roles within their organizations.
 */
export function asSeenBy(actor: AccountActor, view: AccountView): AccountView {
  if (isNetworkAdmin(actor) || hasGrant(actor, { role: 'network-staff' })) return view;
  const organizations = organizationsWhere(actor, ['organization-admin']);
  return {
    ...view,
    grants: view.grants.filter(
      (grant) => grant.scopeType === 'organization' && organizations.includes(grant.scopeId ?? ''),
    ),
  };
}

/** The email a page ends with, carried opaquely: accounts are listed by email, which is unique. */
function emailAfter(cursor: string): string {
  const email = decodeCursorText(cursor);
  if (email.length < 3 || email.length > 254 || !email.includes('@')) throw invalidCursor();
  return email;
}

/** The search text with the LIKE wildcards (and the escape character) taken literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Accounts by email, a page at a time, optionally those whose name or email contains `q`.
 * Network admins and staff see every account; an organization's admins, the accounts with a
 * role in it, and of those only the roles within their organizations.
 */
export async function findAccounts(
  ctx: Context,
  query: z.input<typeof AccountListQuery> = {},
): Promise<{ items: AccountView[]; nextCursor: string | null }> {
  const actor = requireAccount(ctx.actor);
  if (actor.token) throw new AppError('forbidden', accountsMessage('accounts.not-by-tokens'));
  const { q, cursor, limit } = AccountListQuery.parse(query);
  const everyone = isNetworkAdmin(actor) || hasGrant(actor, { role: 'network-staff' });
  const organizations = everyone ? [] : organizationsWhere(actor, ['organization-admin']);
  if (!everyone && organizations.length === 0) {
    throw new AppError('forbidden', accountsMessage('accounts.staff-and-admins-only'));
  }
  let select = accountRows(ctx);
  if (!everyone) {
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('accounts_role_grant')
          .select('accounts_role_grant.id')
          .whereRef('accounts_role_grant.account_id', '=', 'accounts_account.id')
          .where('accounts_role_grant.scope_type', '=', 'organization')
          .where('accounts_role_grant.scope_id', 'in', organizations),
      ),
    );
  }
  if (q) {
    // Compared folded (lower case, no accents), as the registry's search does.
    const escaped = escapeLike(q);
    select = select.where(
      sql<boolean>`(search_fold(accounts_person.display_name) like '%' || search_fold(${escaped}) || '%'
        or search_fold(accounts_account.email) like '%' || search_fold(${escaped}) || '%')`,
    );
  }
  if (cursor) select = select.where('accounts_account.email', '>', emailAfter(cursor));
  const rows = await select
    .orderBy('accounts_account.email')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const views = await viewsOf(ctx, page);
  return {
    // Show only the roles within their organizations: the rest is not theirs to know.
    items: views.map((view) => asSeenBy(actor, view)),
    nextCursor: rows.length > limit && last ? encodeCursorText(last.email) : null,
  };
}

export async function grantRole(
  ctx: Context,
  accountId: string,
  input: z.input<typeof RoleGrantInput>,
): Promise<AccountView> {
  const actor = requireAccount(ctx.actor);
  const grant = RoleGrantInput.parse(input);
  if (actor.token) throw new AppError('forbidden', accountsMessage('roles.not-given-by-tokens'));
  await checkGrants(ctx.db, actor, [grant], '');
  return inTransaction(ctx, async (tx) => {
    if (!(await selectAccount(tx.db, accountId)))
      throw new AppError('not-found', accountsMessage('account.not-found'));
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
    return asSeenBy(actor, after);
  });
}

async function refuseLastNetworkAdmin(tx: Context): Promise<void> {
  const admins = await accounts(tx.db)
    .selectFrom('accounts_role_grant')
    .select('id')
    .where('role', '=', 'network-admin')
    .execute();
  if (admins.length <= 1)
    throw new AppError('conflict', accountsMessage('roles.last-network-admin'));
}

export async function revokeRole(
  ctx: Context,
  accountId: string,
  grantId: string,
): Promise<AccountView> {
  const actor = requireAccount(ctx.actor);
  if (actor.token)
    throw new AppError('forbidden', accountsMessage('roles.not-taken-back-by-tokens'));
  return inTransaction(ctx, async (tx) => {
    const row = await accounts(tx.db)
      .selectFrom('accounts_role_grant')
      .selectAll()
      .where('id', '=', grantId)
      .where('account_id', '=', accountId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('not-found', accountsMessage('roles.grant-not-found'));
    const grant = { role: row.role, scopeType: row.scope_type, scopeId: row.scope_id };
    if (!mayGrant(actor, grant))
      throw new AppError(
        'forbidden',
        accountsMessage('roles.may-not-take-back', { role: row.role }),
      );
    if (row.role === 'network-admin') await refuseLastNetworkAdmin(tx);
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
    return asSeenBy(actor, after);
  });
}

/**
 * Replaces one role of an account with another in one transaction, so that the person never
 * holds both, nor neither. The same rules as giving and taking back: the caller must be allowed
 * to take back the old role and to give the new one. The grant is locked while it changes; if it
 * was taken back or changed meanwhile, the answer is 409 and nothing changes.
 */
export async function changeRole(
  ctx: Context,
  accountId: string,
  grantId: string,
  input: z.input<typeof RoleGrantInput>,
): Promise<AccountView> {
  const actor = requireAccount(ctx.actor);
  const grant = RoleGrantInput.parse(input);
  if (actor.token) throw new AppError('forbidden', accountsMessage('roles.not-changed-by-tokens'));
  await checkGrants(ctx.db, actor, [grant], '');
  return inTransaction(ctx, async (tx) => {
    if (!(await selectAccount(tx.db, accountId)))
      throw new AppError('not-found', accountsMessage('account.not-found'));
    const row = await accounts(tx.db)
      .selectFrom('accounts_role_grant')
      .selectAll()
      .where('id', '=', grantId)
      .where('account_id', '=', accountId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) {
      throw new AppError('conflict', accountsMessage('roles.changed-meanwhile'));
    }
    if (!mayGrant(actor, toGrant(row)))
      throw new AppError(
        'forbidden',
        accountsMessage('roles.may-not-take-back', { role: row.role }),
      );
    const [before] = await accountViews(tx, [accountId]);
    if (
      before?.grants.some(
        (held) =>
          held.role === grant.role &&
          held.scopeType === grant.scopeType &&
          held.scopeId === grant.scopeId,
      )
    ) {
      throw new AppError('validation-failed', accountsMessage('roles.already-held'), {
        errors: [
          {
            pointer: '/role',
            code: 'role-already-held',
            detail: 'The account already holds this role here.',
          },
        ],
      });
    }
    if (row.role === 'network-admin' && grant.role !== 'network-admin')
      await refuseLastNetworkAdmin(tx);
    await accounts(tx.db).deleteFrom('accounts_role_grant').where('id', '=', grantId).execute();
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
    if (!after) throw new Error('account vanished inside its transaction');
    // Each organization concerned gets the entry, so that its admins can read it.
    const concerned = new Set<string | null>();
    for (const scope of [toGrant(row), grant])
      if (scope.scopeType === 'organization') concerned.add(scope.scopeId);
    if (concerned.size === 0) concerned.add(null);
    for (const organizationId of concerned) {
      await recordAudit(tx, {
        action: 'change-role',
        entityType: 'account',
        entityId: accountId,
        organizationId,
        before: before?.grants,
        after: after.grants,
      });
    }
    return asSeenBy(actor, after);
  });
}
