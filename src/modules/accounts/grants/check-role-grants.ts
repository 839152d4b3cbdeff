import { isRole, isScopeType, scopesOfRole } from '../../../platform/access.ts';
import type { Db } from '../../../platform/db.ts';
import { scopeExists } from '../../../platform/scopes.ts';
import { accounts } from '../queries.ts';

/**
 * Every role grant names a role some module declares, in a scope that role lives in, and the
 * thing its scope names exists. The database cannot say so itself: roles are the modules'
 * declarations, not a list in a constraint, and a scope's thing is another module's row.
 */
export async function checkRoleGrants(db: Db): Promise<string[]> {
  const rows = await accounts(db)
    .selectFrom('accounts_role_grant')
    .select(['role', 'scope_type', 'scope_id'])
    .select((eb) => eb.fn.countAll<string>().as('grants'))
    .groupBy(['role', 'scope_type', 'scope_id'])
    .execute();
  const problems: string[] = [];
  for (const row of rows) {
    const grants = Number(row.grants);
    const what = `${grants} grant${grants === 1 ? '' : 's'} of the role ${row.role}`;
    if (!isRole(row.role)) {
      problems.push(`${what} name a role no module of this version declares.`);
    } else if (!isScopeType(row.scope_type) || !scopesOfRole(row.role).includes(row.scope_type)) {
      problems.push(`${what} are in the scope ${row.scope_type}, where that role does not live.`);
    } else if (row.scope_id !== null && !(await scopeExists(db, row.scope_type, row.scope_id))) {
      problems.push(`${what} name the ${row.scope_type} ${row.scope_id}, which does not exist.`);
    }
  }
  return problems;
}
