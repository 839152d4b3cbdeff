// The accounts module: people (who may have no login), their memberships of organizations,
// their accounts, roles, sessions, invitations, password resets and API tokens.
// Other modules and adapters use it only through this file.

export {
  createNetworkAdmin,
  ensureNetworkAdmin,
  type NewAdmin,
} from './admins/create-network-admin.ts';
export { removeDemoMembers } from './demo/remove-demo-accounts.ts';
export {
  type AdminContact,
  findOrganizationAdminContacts,
} from './people/find-organization-admin-contacts.ts';
export { findPeopleByPhone } from './people/find-people-by-phone.ts';
export { findPeopleOfOrganization } from './people/find-people-of-organization.ts';
export { getMemberships } from './people/get-memberships.ts';
export { getPerson } from './people/get-person.ts';
export { addMember } from './people/members.ts';
export { setPersonPhone } from './people/set-person-phone.ts';
export { accountsRoutes, authRoutes, clearSessionCookie, sessionCookie } from './routes.ts';
export type { Membership, Person } from './schemas.ts';
export {
  type Authentication,
  authenticateRequest,
  type Credentials,
} from './sessions/authenticate-request.ts';
