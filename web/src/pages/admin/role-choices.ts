// Which roles a person may hand out, and where, as the server decides it (grant-rules.ts):
// network admins give any role; network staff the roles inside any organization; an
// organization's admins the roles of their own organization. The page offers only these; the
// server refuses anything else anyway.
import type { Grant, Role } from '../../api/admin.ts';

/** Roles that live in an organization. */
export const organizationRoles = [
  'organization-admin',
  'organization-member',
  'partner-viewer',
] as const satisfies readonly Role[];

/** Network-wide roles, which only network admins give. */
export const networkRoles = ['network-admin', 'network-staff'] as const satisfies readonly Role[];

export type RoleChoices = {
  roles: Role[];
  /** Every organization, or only these. */
  organizations: 'any' | string[];
};

type HasRole = Pick<Grant, 'role' | 'scopeType' | 'scopeId'>;

export function isNetworkRole(role: Role): boolean {
  return (networkRoles as readonly Role[]).includes(role);
}

export function isOrganizationRole(role: Role): boolean {
  return (organizationRoles as readonly Role[]).includes(role);
}

/** The roles offered to someone with these grants. */
export function roleChoices(grants: readonly HasRole[]): RoleChoices {
  if (grants.some((grant) => grant.role === 'network-admin')) {
    return { roles: [...networkRoles, ...organizationRoles], organizations: 'any' };
  }
  if (grants.some((grant) => grant.role === 'network-staff')) {
    return { roles: [...organizationRoles], organizations: 'any' };
  }
  const administered = [
    ...new Set(
      grants
        .filter(
          (grant) =>
            grant.role === 'organization-admin' &&
            grant.scopeType === 'organization' &&
            grant.scopeId,
        )
        .map((grant) => grant.scopeId as string),
    ),
  ];
  if (administered.length > 0)
    return { roles: [...organizationRoles], organizations: administered };
  return { roles: [], organizations: [] };
}

/** Whether these choices cover a grant someone holds (to change it or take it back). */
export function mayHandOut(choices: RoleChoices, grant: HasRole): boolean {
  if (!choices.roles.includes(grant.role)) return false;
  if (isNetworkRole(grant.role)) return grant.scopeType === 'network';
  if (grant.scopeType !== 'organization' || !grant.scopeId) return false;
  return choices.organizations === 'any' || choices.organizations.includes(grant.scopeId);
}

/** Who may open the administration at all. */
export function administers(grants: readonly HasRole[]): boolean {
  return roleChoices(grants).roles.length > 0;
}

export function isNetworkAdmin(grants: readonly HasRole[]): boolean {
  return grants.some((grant) => grant.role === 'network-admin');
}
