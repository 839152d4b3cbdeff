import type { Indicator, ParticipantRole, ProjectStatus } from '../../api/projects.ts';

export function statusMessageId(status: ProjectStatus) {
  return `projects.status.${status}` as const;
}

export function roleMessageId(role: ParticipantRole) {
  return `projects.role.${role}` as const;
}

/** The role's name in the plural, as a heading over its participants. */
export function rolesMessageId(role: ParticipantRole) {
  return `projects.roles.${role}` as const;
}

export function indicatorMessageId(indicator: Indicator) {
  return `projects.indicator.${indicator}` as const;
}
