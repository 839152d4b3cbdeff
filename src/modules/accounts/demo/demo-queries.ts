// The accounts module's queries about demo accounts: who they are, what outside the demo refers
// to demo organizations, and removing the demo accounts with everything that hangs on them.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { accounts } from '../queries.ts';

/** Demo accounts are known by their email domain: the accounts tables carry no demo mark. */
export const demoEmailDomain = 'demo.intercoop.localhost';
const demoEmails = `%@${demoEmailDomain}`;

export async function selectDemoAccountIds(db: Db): Promise<string[]> {
  const rows = await accounts(db)
    .selectFrom('accounts_account')
    .select('id')
    .where('email', 'like', demoEmails)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Rows outside the demo that refer to these (demo) organizations or to demo accounts (demo
 * members without an account, `demoMemberIds`, are the demo's): people's
 * memberships, role grants, API tokens and open invitations of accounts that are not demo ones.
 */
export async function selectNonDemoReferences(
  db: Db,
  organizationIds: string[],
  demoMemberIds: readonly string[] = [],
): Promise<string[]> {
  const none = '00000000-0000-0000-0000-000000000000';
  const ids = organizationIds.length > 0 ? organizationIds : [none];
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`));
  const members = sql.join(
    (demoMemberIds.length > 0 ? demoMemberIds : [none]).map((id) => sql`${id}::uuid`),
  );
  const result = await sql<{ description: string }>`
    select 'membership ' || m.id || ' of person ' || p.display_name as description
      from accounts_membership m
      join accounts_person p on p.id = m.person_id
     where m.organization_id in (${idList})
       and m.person_id not in (${members})
       and not exists (select 1 from accounts_account a
                        where a.person_id = m.person_id and a.email like ${demoEmails})
    union all
    select 'role ' || g.role || ' of ' || a.email
      from accounts_role_grant g
      join accounts_account a on a.id = g.account_id
     where g.scope_type = 'organization' and g.scope_id in (${idList})
       and a.email not like ${demoEmails}
    union all
    select 'role ' || g.role || ' of ' || a.email || ' granted by a demo account'
      from accounts_role_grant g
      join accounts_account a on a.id = g.account_id
      join accounts_account granter on granter.id = g.granted_by
     where granter.email like ${demoEmails} and a.email not like ${demoEmails}
    union all
    select 'API token ' || t.prefix || ' of ' || a.email
      from accounts_api_token t
      join accounts_account a on a.id = t.account_id
     where t.organization_id in (${idList}) and t.revoked_at is null
       and a.email not like ${demoEmails}
    union all
    select 'invitation of ' || i.email
      from accounts_invitation i
     where i.accepted_at is null and i.revoked_at is null
       and exists (select 1 from jsonb_array_elements(i.roles) r
                    where r->>'scopeId' in (${sql.join(ids.map((id) => sql`${id}`))}))
       and not exists (select 1 from accounts_account inviter
                        where inviter.id = i.invited_by and inviter.email like ${demoEmails})
     order by 1`.execute(accounts(db));
  return result.rows.map((row) => row.description);
}

export type DemoAccountsRemoval = { accounts: number; people: number };

/** Deletes the demo accounts and what hangs on them; the audit log keeps their ids. */
export async function deleteDemoAccounts(db: Db): Promise<DemoAccountsRemoval> {
  const ids = await selectDemoAccountIds(db);
  if (ids.length === 0) return { accounts: 0, people: 0 };
  const people = await accounts(db)
    .selectFrom('accounts_account')
    .select('person_id')
    .where('id', 'in', ids)
    .execute();
  const personIds = people.map((row) => row.person_id);
  await accounts(db).deleteFrom('accounts_session').where('account_id', 'in', ids).execute();
  await accounts(db).deleteFrom('accounts_password_reset').where('account_id', 'in', ids).execute();
  await accounts(db).deleteFrom('accounts_api_token').where('account_id', 'in', ids).execute();
  await accounts(db)
    .deleteFrom('accounts_invitation')
    .where((eb) => eb.or([eb('invited_by', 'in', ids), eb('accepted_account_id', 'in', ids)]))
    .execute();
  // Grants they hold, and grants they handed to each other (others' are refused beforehand).
  await accounts(db)
    .deleteFrom('accounts_role_grant')
    .where((eb) => eb.or([eb('account_id', 'in', ids), eb('granted_by', 'in', ids)]))
    .execute();
  await accounts(db).deleteFrom('accounts_attempt').where('email', 'like', demoEmails).execute();
  await accounts(db)
    .deleteFrom('accounts_membership')
    .where('person_id', 'in', personIds)
    .execute();
  const removed = await accounts(db)
    .deleteFrom('accounts_account')
    .where('id', 'in', ids)
    .executeTakeFirst();
  await accounts(db).deleteFrom('accounts_person').where('id', 'in', personIds).execute();
  return { accounts: Number(removed.numDeletedRows), people: personIds.length };
}

/** Deletes these people, who have no account, with their memberships; how many people. */
export async function deletePeopleWithoutAccount(db: Db, personIds: readonly string[]) {
  if (personIds.length === 0) return 0;
  const withAccount = await accounts(db)
    .selectFrom('accounts_account')
    .select('person_id')
    .where('person_id', 'in', personIds)
    .execute();
  if (withAccount.length > 0) throw new Error('a demo member without an account has one');
  await accounts(db)
    .deleteFrom('accounts_membership')
    .where('person_id', 'in', personIds)
    .execute();
  const removed = await accounts(db)
    .deleteFrom('accounts_person')
    .where('id', 'in', personIds)
    .executeTakeFirst();
  return Number(removed.numDeletedRows);
}
