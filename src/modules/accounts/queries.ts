// The only file that touches the accounts module's tables.
import { sql } from 'kysely';
import type { Role, RoleGrant, ScopeType } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';

type Timestamps = { created_at: Date; updated_at: Date };

export type AccountsTables = {
  accounts_person: {
    id: string;
    display_name: string;
    phone: string | null;
    preferred_language: string | null;
    version: number;
  } & Timestamps;
  accounts_membership: {
    id: string;
    person_id: string;
    organization_id: string;
    kind: 'worker-member' | 'farmer-member' | 'member' | 'employee';
    started_on: string;
    ended_on: string | null;
    version: number;
  } & Timestamps;
  accounts_account: {
    id: string;
    person_id: string;
    email: string;
    password_hash: string | null;
    status: 'active' | 'disabled';
    version: number;
  } & Timestamps;
  accounts_role_grant: {
    id: string;
    account_id: string;
    role: Role;
    scope_type: ScopeType;
    scope_id: string | null;
    granted_by: string | null;
    created_at: Date;
  };
  accounts_session: {
    id: string;
    secret_hash: string;
    account_id: string;
    csrf_token: string;
    created_at: Date;
    last_seen_at: Date;
    idle_expires_at: Date;
    absolute_expires_at: Date;
    revoked_at: Date | null;
    user_agent: string | null;
    address: string | null;
  };
  accounts_attempt: {
    key: string;
    email: string | null;
    attempts: number;
    last_attempt_at: Date;
    blocked_until: Date;
  };
  accounts_invitation: {
    id: string;
    email: string;
    token_hash: string;
    roles: string;
    invited_by: string | null;
    created_at: Date;
    expires_at: Date;
    accepted_at: Date | null;
    accepted_account_id: string | null;
    revoked_at: Date | null;
    /** ISO 639-1; null for invitations made before invitations had a language. */
    language: string | null;
  };
  accounts_password_reset: {
    id: string;
    account_id: string;
    token_hash: string;
    created_at: Date;
    expires_at: Date;
    used_at: Date | null;
  };
  accounts_api_token: {
    id: string;
    account_id: string;
    name: string;
    token_hash: string;
    prefix: string;
    organization_id: string;
    access: 'read' | 'write';
    created_at: Date;
    last_used_at: Date | null;
    revoked_at: Date | null;
  };
};

export const accounts = (db: Db) => db.withTables<AccountsTables>();

export type AccountRow = AccountsTables['accounts_account'];

export async function selectAccountByEmail(db: Db, email: string) {
  return accounts(db)
    .selectFrom('accounts_account')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function selectAccount(db: Db, id: string) {
  return accounts(db)
    .selectFrom('accounts_account')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

/** An account with its person's preferred language, the two things a request's actor needs. */
export async function selectAccountWithLanguage(db: Db, id: string) {
  return accounts(db)
    .selectFrom('accounts_account')
    .innerJoin('accounts_person', 'accounts_person.id', 'accounts_account.person_id')
    .selectAll('accounts_account')
    .select('accounts_person.preferred_language')
    .where('accounts_account.id', '=', id)
    .executeTakeFirst();
}

/** The language an account's person reads messages and mail in; null to follow each request. */
export async function updatePreferredLanguage(
  db: Db,
  personId: string,
  language: string | null,
  now: Date,
) {
  await accounts(db)
    .updateTable('accounts_person')
    .set({ preferred_language: language, updated_at: now, version: sql`version + 1` })
    .where('id', '=', personId)
    .execute();
}

export async function selectPerson(db: Db, id: string) {
  return accounts(db)
    .selectFrom('accounts_person')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function selectGrants(db: Db, accountIds: string[]) {
  if (accountIds.length === 0) return [];
  return accounts(db)
    .selectFrom('accounts_role_grant')
    .select(['id', 'account_id', 'role', 'scope_type', 'scope_id'])
    .where('account_id', 'in', accountIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function toGrant(row: {
  role: Role;
  scope_type: ScopeType;
  scope_id: string | null;
}): RoleGrant {
  return { role: row.role, scopeType: row.scope_type, scopeId: row.scope_id };
}

export async function insertPerson(db: Db, row: AccountsTables['accounts_person']) {
  await accounts(db).insertInto('accounts_person').values(row).execute();
}

export async function insertAccount(db: Db, row: AccountsTables['accounts_account']) {
  await accounts(db).insertInto('accounts_account').values(row).execute();
}

export async function insertGrant(db: Db, row: AccountsTables['accounts_role_grant']) {
  // An identical grant already held is not an error: the account simply keeps it.
  await accounts(db)
    .insertInto('accounts_role_grant')
    .values(row)
    .onConflict((conflict) =>
      conflict
        .expression(
          sql`account_id, role, scope_type, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'::uuid)`,
        )
        .doNothing(),
    )
    .execute();
}

/** The attempts counted under `key`, locked until the transaction ends (a fresh row if none). */
export async function lockAttempts(db: Db, key: string, email: string | null, now: Date) {
  await accounts(db)
    .insertInto('accounts_attempt')
    .values({ key, email, attempts: 0, last_attempt_at: now, blocked_until: now })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  return accounts(db)
    .selectFrom('accounts_attempt')
    .selectAll()
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function setAttempts(
  db: Db,
  key: string,
  values: { attempts: number; last_attempt_at: Date; blocked_until: Date },
) {
  await accounts(db).updateTable('accounts_attempt').set(values).where('key', '=', key).execute();
}

export async function deleteAttempts(db: Db, key: string) {
  await accounts(db).deleteFrom('accounts_attempt').where('key', '=', key).execute();
}

export async function deleteAttemptsBefore(db: Db, before: Date) {
  await accounts(db)
    .deleteFrom('accounts_attempt')
    .where('last_attempt_at', '<', before)
    .where('blocked_until', '<', before)
    .execute();
}

export async function insertSession(db: Db, row: AccountsTables['accounts_session']) {
  await accounts(db).insertInto('accounts_session').values(row).execute();
}

export async function selectLiveSession(db: Db, secretHash: string, now: Date) {
  return accounts(db)
    .selectFrom('accounts_session')
    .selectAll()
    .where('secret_hash', '=', secretHash)
    .where('revoked_at', 'is', null)
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, now: Date, idleExpiresAt: Date) {
  await accounts(db)
    .updateTable('accounts_session')
    .set({ last_seen_at: now, idle_expires_at: idleExpiresAt })
    .where('id', '=', id)
    .execute();
}

export async function revokeSessions(
  db: Db,
  filter: { accountId: string; sessionId?: string },
  now: Date,
) {
  let update = accounts(db)
    .updateTable('accounts_session')
    .set({ revoked_at: now })
    .where('account_id', '=', filter.accountId)
    .where('revoked_at', 'is', null);
  if (filter.sessionId) update = update.where('id', '=', filter.sessionId);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function selectLiveSessions(db: Db, accountId: string, now: Date) {
  return accounts(db)
    .selectFrom('accounts_session')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * A reset link for the active account with this email, if there is one, in one statement that
 * does the same work either way. Whether a link was made.
 */
/**
 * A reset for the active account with this email, in one statement whether or not there is one;
 * the language its mail is to be worded in (the person's preferred one, or null), or undefined
 * when there is no such account.
 */
export async function insertPasswordResetForEmail(
  db: Db,
  email: string,
  reset: { id: string; tokenHash: string; createdAt: Date; expiresAt: Date },
): Promise<{ preferredLanguage: string | null } | undefined> {
  const result = await sql<{ preferred_language: string | null }>`
    with made as (
      insert into accounts_password_reset (id, account_id, token_hash, created_at, expires_at, used_at)
      select ${reset.id}::uuid, id, ${reset.tokenHash}, ${reset.createdAt}, ${reset.expiresAt}, null
        from accounts_account
       where email = ${email} and status = 'active'
      returning account_id
    )
    select person.preferred_language
      from made
      join accounts_account account on account.id = made.account_id
      join accounts_person person on person.id = account.person_id`.execute(db);
  const row = result.rows[0];
  return row && { preferredLanguage: row.preferred_language };
}

export async function setPasswordHash(db: Db, accountId: string, hash: string, now: Date) {
  await accounts(db)
    .updateTable('accounts_account')
    .set({ password_hash: hash, updated_at: now, version: sql`version + 1` })
    .where('id', '=', accountId)
    .execute();
}

export async function networkAdminExists(db: Db): Promise<boolean> {
  const row = await accounts(db)
    .selectFrom('accounts_role_grant')
    .select('id')
    .where('role', '=', 'network-admin')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A new person with a login and roles: the one way accounts come to exist. Returns the account id. */
export async function insertAccountWithPerson(
  db: Db,
  account: {
    email: string;
    displayName: string;
    passwordHash: string;
    grants: RoleGrant[];
    grantedBy: string | null;
    now: Date;
    preferredLanguage?: string | null;
  },
): Promise<string> {
  const personId = newId();
  const accountId = newId();
  await insertPerson(db, {
    id: personId,
    display_name: account.displayName,
    phone: null,
    preferred_language: account.preferredLanguage ?? null,
    version: 1,
    created_at: account.now,
    updated_at: account.now,
  });
  await insertAccount(db, {
    id: accountId,
    person_id: personId,
    email: account.email,
    password_hash: account.passwordHash,
    status: 'active',
    version: 1,
    created_at: account.now,
    updated_at: account.now,
  });
  await insertGrants(db, accountId, account.grants, account.grantedBy, account.now);
  return accountId;
}

export async function insertGrants(
  db: Db,
  accountId: string,
  grants: RoleGrant[],
  grantedBy: string | null,
  now: Date,
) {
  for (const grant of grants) {
    await insertGrant(db, {
      id: newId(),
      account_id: accountId,
      role: grant.role,
      scope_type: grant.scopeType,
      scope_id: grant.scopeId,
      granted_by: grantedBy,
      created_at: now,
    });
  }
}
