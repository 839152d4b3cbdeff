import type { AccountActor } from '../../../platform/access.ts';
import type { Db } from '../../../platform/db.ts';
import {
  selectAccount,
  selectAccountWithLanguage,
  selectGrants,
  selectPerson,
  toGrant,
} from '../queries.ts';
import type { Me } from '../schemas.ts';

/** The actor an account acts as: its roles, read fresh on every request so a revoked role bites at once. */
export async function actorForAccount(
  db: Db,
  accountId: string,
): Promise<AccountActor | undefined> {
  const account = await selectAccountWithLanguage(db, accountId);
  if (account?.status !== 'active') return undefined;
  const grants = await selectGrants(db, [account.id]);
  return {
    type: 'account',
    label: account.email,
    accountId: account.id,
    personId: account.person_id,
    email: account.email,
    grants: grants.map(toGrant),
    preferredLanguage: account.preferred_language,
  };
}

export async function describeAccount(
  db: Db,
  accountId: string,
  session: { csrfToken: string; expiresAt: Date } | undefined,
): Promise<Me> {
  const account = await selectAccount(db, accountId);
  if (!account) throw new Error(`account ${accountId} vanished`);
  const [person, grants] = await Promise.all([
    selectPerson(db, account.person_id),
    selectGrants(db, [accountId]),
  ]);
  return {
    signedIn: true,
    accountId: account.id,
    personId: account.person_id,
    email: account.email,
    displayName: person.display_name,
    preferredLanguage: person.preferred_language,
    grants: grants.map((grant) => ({
      id: grant.id,
      role: grant.role,
      scopeType: grant.scope_type,
      scopeId: grant.scope_id,
    })),
    csrfToken: session?.csrfToken ?? null,
    sessionExpiresAt: session?.expiresAt.toISOString() ?? null,
  };
}
