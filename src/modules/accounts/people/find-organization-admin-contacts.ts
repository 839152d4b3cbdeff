import type { Db } from '../../../platform/db.ts';
import { accounts } from '../queries.ts';

export type AdminContact = { accountId: string; email: string; language: string | null };

/**
 * Where to tell an organization's admins of something that awaits them (a tie another
 * organization claims): the email and preferred language of each active account that holds the
 * organization-admin role there, in account id order. A system-side read for notices written by
 * another module's use case, which has already decided the notice is due: it checks no access,
 * and its answer must go only into messages to these admins.
 */
export async function findOrganizationAdminContacts(
  db: Db,
  organizationId: string,
): Promise<AdminContact[]> {
  const rows = await accounts(db)
    .selectFrom('accounts_role_grant as g')
    .innerJoin('accounts_account as a', 'a.id', 'g.account_id')
    .innerJoin('accounts_person as p', 'p.id', 'a.person_id')
    .select(['a.id as accountId', 'a.email', 'p.preferred_language as language'])
    .where('g.role', '=', 'organization-admin')
    .where('g.scope_type', '=', 'organization')
    .where('g.scope_id', '=', organizationId)
    .where('a.status', '=', 'active')
    .orderBy('a.id')
    .execute();
  return rows;
}
