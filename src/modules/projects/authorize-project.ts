// Who may change a project: network staff, and the admins of any of its lead organizations.
// Who may start one: network staff, and an organization's admin naming their organization a lead.
import {
  type Actor,
  type Allowance,
  authorize,
  hasGrant,
  isNetworkAdmin,
  organizationsWhere,
} from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { projectsMessage } from './messages.ts';

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

/**
 * Starting a project is the same right as editing it once it exists: the leads named in the
 * request decide. An organization's admin who names no organization of theirs as a lead is told
 * so, rather than only that a role is missing.
 */
export function authorizeProjectStart(actor: Actor, leadIds: string[]): void {
  const administered = organizationsWhere(actor, ['organization-admin']);
  const staff = isNetworkAdmin(actor) || hasGrant(actor, { role: 'network-staff' });
  if (!staff && administered.length > 0 && !leadIds.some((id) => administered.includes(id)))
    throw new AppError('forbidden', projectsMessage('project.lead-required'));
  authorizeProjectEdit(actor, leadIds);
}
