import { queryOptions } from '@tanstack/react-query';
import type {
  AddParticipantInput,
  CreateProjectInput,
  Figure,
  Indicator,
  Participant,
  ParticipantRole,
  Project,
  ProjectListItem,
  ProjectPage,
  ProjectStatus,
  RecordFigureInput,
  ResultTotal,
  UpdateProjectInput,
} from '../../../src/modules/projects/schemas.ts';
import { afterWrite } from '../data/query-client.ts';
import type { Me } from './auth.ts';
import { apiRequest } from './http.ts';
import type { SubmissionKeys } from './submission-keys.ts';

export type {
  AddParticipantInput,
  CreateProjectInput,
  Figure,
  Indicator,
  Participant,
  ParticipantRole,
  Project,
  ProjectListItem,
  ProjectPage,
  ProjectStatus,
  RecordFigureInput,
  ResultTotal,
  UpdateProjectInput,
};

// The web app may not import values from src/: the lists are repeated, and `satisfies` with
// the checks below make TypeScript fail when the server's lists gain a member.
export const projectStatuses = [
  'planned',
  'active',
  'completed',
  'cancelled',
] as const satisfies readonly ProjectStatus[];
export const participantRoles = [
  'lead',
  'funder',
  'technical-partner',
  'beneficiary',
  'offtaker',
] as const satisfies readonly ParticipantRole[];
export const indicators = [
  'households-connected',
  'customers-connected',
  'kwh-delivered',
  'people-trained',
  'jobs-created',
  'money-mobilised',
] as const satisfies readonly Indicator[];

type Missing<Union, Listed> = Exclude<Union, Listed> extends never ? true : false;
export const statusesAreComplete: Missing<ProjectStatus, (typeof projectStatuses)[number]> = true;
export const rolesAreComplete: Missing<ParticipantRole, (typeof participantRoles)[number]> = true;
export const indicatorsAreComplete: Missing<Indicator, (typeof indicators)[number]> = true;

/** Indicators that count things: whole numbers only (as the server checks). */
export const countIndicators: ReadonlySet<Indicator> = new Set([
  'households-connected',
  'customers-connected',
  'people-trained',
  'jobs-created',
]);

export type ProjectFilters = {
  q: string;
  status: string;
  sector: string;
  country: string;
  organizationId: string;
};

/** A screenful on a phone; the server allows up to 100. */
export const projectPageSize = 20;

export function findProjects(
  filters: ProjectFilters,
  cursor: string | null,
  signal: AbortSignal,
): Promise<ProjectPage> {
  const params = new URLSearchParams();
  // Empty filters are left out: the server reads `country=` as an invalid country code.
  for (const name of ['q', 'status', 'sector', 'country', 'organizationId'] as const) {
    if (filters[name]) params.set(name, filters[name]);
  }
  params.set('limit', String(projectPageSize));
  if (cursor) params.set('cursor', cursor);
  return apiRequest<ProjectPage>('GET', `/api/projects?${params}`, { signal });
}

const projectPath = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

export function getProject(id: string, signal?: AbortSignal): Promise<Project> {
  return apiRequest<Project>('GET', projectPath(id), { signal });
}

/** Projects in the loading layer: every write below invalidates them all (lists, impact). */
export const projectKeys = { all: ['projects'] as const };

export const projectQuery = (id: string) =>
  queryOptions({ queryKey: ['projects', id], queryFn: ({ signal }) => getProject(id, signal) });

export function createProject(input: CreateProjectInput, keys?: SubmissionKeys): Promise<Project> {
  return afterWrite(
    apiRequest<Project>('POST', '/api/projects', { body: input, keys }),
    projectKeys.all,
  );
}

export function updateProject(id: string, change: UpdateProjectInput): Promise<Project> {
  return afterWrite(
    apiRequest<Project>('PATCH', projectPath(id), { body: change }),
    projectKeys.all,
  );
}

export function addParticipant(
  id: string,
  input: AddParticipantInput,
  keys?: SubmissionKeys,
): Promise<Project> {
  return afterWrite(
    apiRequest<Project>('POST', `${projectPath(id)}/participants`, { body: input, keys }),
    projectKeys.all,
  );
}

export function recordFigure(
  id: string,
  input: RecordFigureInput,
  keys?: SubmissionKeys,
): Promise<Project> {
  return afterWrite(
    apiRequest<Project>('POST', `${projectPath(id)}/figures`, { body: input, keys }),
    projectKeys.all,
  );
}

/** Removes an organization from one role; the server refuses to remove the only lead (409). */
export function removeParticipant(
  id: string,
  participant: { organizationId: string; role: ParticipantRole },
  version: number,
): Promise<Project> {
  return afterWrite(
    apiRequest<Project>(
      'DELETE',
      `${projectPath(id)}/participants/${encodeURIComponent(participant.organizationId)}/${participant.role}?version=${version}`,
    ),
    projectKeys.all,
  );
}

/** Withdraws a target or a result recorded by mistake: no total counts it any more. */
export function withdrawFigure(id: string, figureId: string, version: number): Promise<Project> {
  return afterWrite(
    apiRequest<Project>(
      'DELETE',
      `${projectPath(id)}/figures/${encodeURIComponent(figureId)}?version=${version}`,
    ),
    projectKeys.all,
  );
}

const isNetworkStaff = (me: Me) =>
  me.grants.some((grant) => grant.role === 'network-admin' || grant.role === 'network-staff');

/** The organizations of which the reader is an admin. */
export function administeredOrganizations(me: Me | null): string[] {
  if (!me) return [];
  return me.grants.flatMap((grant) =>
    grant.role === 'organization-admin' && grant.scopeType === 'organization' && grant.scopeId
      ? [grant.scopeId]
      : [],
  );
}

/** Whether the reader starts projects only as an organization's admin (one of theirs must lead). */
export function startsAsOrganizationAdmin(me: Me | null): boolean {
  return me !== null && !isNetworkStaff(me) && administeredOrganizations(me).length > 0;
}

/**
 * Network staff start any project; an organization's admin one that their organization leads
 * (the server refuses anyone else, and an admin who names no organization of theirs as lead).
 */
export function canCreateProject(me: Me | null): boolean {
  return me !== null && (isNetworkStaff(me) || administeredOrganizations(me).length > 0);
}

/** Network staff, and the admins of a lead organization, change a project. */
export function canEditProject(me: Me | null, project: Pick<Project, 'participants'>): boolean {
  if (!me) return false;
  if (isNetworkStaff(me)) return true;
  const leads = new Set(
    project.participants
      .filter((participant) => participant.role === 'lead')
      .map((participant) => participant.organizationId),
  );
  return me.grants.some(
    (grant) =>
      grant.role === 'organization-admin' &&
      grant.scopeType === 'organization' &&
      grant.scopeId !== null &&
      leads.has(grant.scopeId),
  );
}

export type OrganizationChoice = { id: string; name: string; country: string };
