// Who may change a project: network staff, and the admins of any of its lead organizations.
import { type Actor, type Allowance, authorize } from '../../../platform/access.ts';

export function authorizeProjectEdit(actor: Actor, leadIds: string[]): void {
  const admins = (id: string): Allowance => ({
    role: 'organization-admin',
    scope: { type: 'organization', id },
  });
  // An API token acts within one organization: the edit concerns it when it leads the project.
  const tokenOrganization =
    actor.type === 'account' && actor.token ? actor.token.organizationId : undefined;
  authorize(actor, {
    anyOf: [{ role: 'network-staff' }, ...leadIds.map(admins)],
    write: true,
    organizationId:
      tokenOrganization && leadIds.includes(tokenOrganization)
        ? tokenOrganization
        : (leadIds[0] ?? null),
  });
}
