// Who may hand out which role: network admins any; network staff any role inside an
// organization; an organization's admins the organization roles of their own organization.
import {
  type AccountActor,
  type Actor,
  hasGrant,
  isNetworkAdmin,
  scopesOfRole,
} from '../../../platform/access.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { listMessage } from '../../../platform/messages/catalogue.ts';
import { scopeExists } from '../../../platform/scopes.ts';
import { accountsMessage } from '../messages.ts';
import type { RoleGrantInput } from '../schemas.ts';

const organizationRoles = new Set(['organization-admin', 'organization-member', 'partner-viewer']);

export function mayGrant(actor: Actor, grant: RoleGrantInput): boolean {
  if (isNetworkAdmin(actor)) return true;
  if (actor.type !== 'account' || actor.token) return false;
  if (grant.scopeType !== 'organization' || !grant.scopeId || !organizationRoles.has(grant.role))
    return false;
  return (
    hasGrant(actor, { role: 'network-staff' }) ||
    hasGrant(actor, {
      role: 'organization-admin',
      scope: { type: 'organization', id: grant.scopeId },
    })
  );
}

/** Checks each grant's shape and that its scope exists; then that the actor may hand it out. */
export async function checkGrants(
  db: Db,
  actor: AccountActor,
  grants: RoleGrantInput[],
  pointer: string,
): Promise<void> {
  const errors: FieldError[] = [];
  for (const [index, grant] of grants.entries()) {
    const at = `${pointer}/${index}`;
    if (!scopesOfRole(grant.role).includes(grant.scopeType)) {
      errors.push({
        pointer: `${at}/scopeType`,
        detail: `The role ${grant.role} applies to: ${scopesOfRole(grant.role).join(', ')}.`,
        code: 'role-scope-mismatch',
        params: { role: grant.role, scopes: scopesOfRole(grant.role).join(', ') },
      });
    } else if (grant.scopeType === 'network' && grant.scopeId !== null) {
      errors.push({
        pointer: `${at}/scopeId`,
        detail: 'A network-wide role takes no scopeId; leave it null.',
        code: 'scope-id-not-allowed',
      });
    } else if (grant.scopeType !== 'network' && grant.scopeId === null) {
      errors.push({
        pointer: `${at}/scopeId`,
        detail: `Give the id of the ${grant.scopeType} this role applies to.`,
        code: 'scope-id-required',
        params: { scopeType: grant.scopeType },
      });
    } else if (
      grant.scopeType === 'organization' &&
      grant.scopeId &&
      !(await scopeExists(db, 'organization', grant.scopeId))
    ) {
      errors.push({
        pointer: `${at}/scopeId`,
        detail: 'There is no organization with this id.',
        code: 'organization-not-found',
      });
    }
  }
  if (errors.length > 0)
    throw new AppError('validation-failed', accountsMessage('roles.not-as-written'), {
      errors,
    });
  const refused = grants.filter((grant) => !mayGrant(actor, grant));
  if (refused.length > 0) {
    const roles = [...new Set(refused.map((grant) => grant.role))];
    throw new AppError(
      'forbidden',
      accountsMessage('roles.may-not-give', {
        count: roles.length,
        roles: listMessage(roles, 'conjunction'),
      }),
    );
  }
}
