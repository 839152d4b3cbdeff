import { queryOptions } from '@tanstack/react-query';
// The administration's calls: accounts and their roles, invitations, API tokens, the audit log,
// the registry's export and import, and the outbox and job queues.
import type { z } from 'zod';
import type {
  AccountView,
  ApiTokenView,
  CreatedApiToken,
  InvitationView,
  MemberView,
  Person,
  RoleGrantInput,
} from '../../../src/modules/accounts/schemas.ts';
import type {
  AuditEntry,
  AuditEntryPage,
  AuditVocabulary,
} from '../../../src/platform/audit/schemas.ts';
import type { QueueSummary } from '../../../src/platform/jobs/schemas.ts';
import type { OutboxMessagePage, OutboxMessageView } from '../../../src/platform/outbox/schemas.ts';
import { queryClient } from '../data/query-client.ts';
import { api } from './client.ts';
import { apiRequest } from './http.ts';
import { getOrganization } from './organizations.ts';
import { problemFromBody } from './problem.ts';
import type { SubmissionKeys } from './submission-keys.ts';

export type { AccountView, ApiTokenView, AuditEntry, AuditEntryPage, InvitationView, MemberView };
export type Role = AccountView['grants'][number]['role'];
export type Grant = AccountView['grants'][number];
export type GrantInput = z.input<typeof RoleGrantInput>;
export type NewApiToken = z.infer<typeof CreatedApiToken>;

export type AccountPage = { items: AccountView[]; nextCursor: string | null };

/** A page of accounts by email, those whose name or email contains `q` if given. */
export function findAccounts(
  { q, cursor, limit }: { q?: string; cursor?: string | null; limit: number },
  signal?: AbortSignal,
): Promise<AccountPage> {
  const params = new URLSearchParams({ limit: String(limit) });
  if (q) params.set('q', q);
  if (cursor) params.set('cursor', cursor);
  return apiRequest('GET', `/api/accounts/accounts?${params}`, { signal });
}

/** The audit log's actions and kinds of records, worded in the language shown. */
export function getAuditVocabulary(signal?: AbortSignal): Promise<AuditVocabulary> {
  return apiRequest('GET', '/api/audit/vocabulary', { signal });
}

/** The first thousand accounts, for choosing a person in a list. */
export async function listAccounts(signal?: AbortSignal): Promise<AccountView[]> {
  return (await findAccounts({ limit: 1000 }, signal)).items;
}

/** Replaces one role with another at once; 409 if it was taken back or changed meanwhile. */
export function changeRole(
  accountId: string,
  grantId: string,
  grant: GrantInput,
): Promise<AccountView> {
  return apiRequest(
    'PUT',
    `/api/accounts/accounts/${encodeURIComponent(accountId)}/roles/${encodeURIComponent(grantId)}`,
    { body: grant },
  );
}

/** Disables or enables an account (network admins). Disabling ends its sessions and tokens. */
export function setAccountEnabled(accountId: string, enabled: boolean): Promise<AccountView> {
  return apiRequest(
    'POST',
    `/api/accounts/accounts/${encodeURIComponent(accountId)}/${enabled ? 'enable' : 'disable'}`,
  );
}

export function grantRole(accountId: string, grant: GrantInput): Promise<AccountView> {
  return apiRequest('POST', `/api/accounts/accounts/${encodeURIComponent(accountId)}/roles`, {
    body: grant,
  });
}

export function revokeRole(accountId: string, grantId: string): Promise<AccountView> {
  return apiRequest(
    'DELETE',
    `/api/accounts/accounts/${encodeURIComponent(accountId)}/roles/${encodeURIComponent(grantId)}`,
  );
}

export async function listInvitations(signal?: AbortSignal): Promise<InvitationView[]> {
  return (
    await apiRequest<{ items: InvitationView[] }>('GET', '/api/accounts/invitations', { signal })
  ).items;
}

/** `language`: that of the invitation's mail and of the new account (by default, the inviter's). */
export function invite(
  email: string,
  roles: GrantInput[],
  language?: string,
  keys?: SubmissionKeys,
): Promise<InvitationView> {
  return apiRequest('POST', '/api/accounts/invitations', {
    body: { email, roles, language },
    keys,
  });
}

export function revokeInvitation(id: string): Promise<InvitationView> {
  return apiRequest('POST', `/api/accounts/invitations/${encodeURIComponent(id)}/revoke`);
}

export async function listTokens(signal?: AbortSignal): Promise<ApiTokenView[]> {
  return (await apiRequest<{ items: ApiTokenView[] }>('GET', '/api/accounts/tokens', { signal }))
    .items;
}

export function createToken(input: {
  name: string;
  organizationId: string;
  access: 'read' | 'write';
}): Promise<NewApiToken> {
  return apiRequest('POST', '/api/accounts/tokens', { body: input });
}

export function revokeToken(id: string): Promise<ApiTokenView> {
  return apiRequest('POST', `/api/accounts/tokens/${encodeURIComponent(id)}/revoke`);
}

export type AuditFilters = {
  actorAccountId: string;
  action: string;
  entityType: string;
  entityId: string;
  organizationId: string;
  /** Instants (ISO 8601): from inclusive, to exclusive. */
  from: string;
  to: string;
};

export const noAuditFilters: AuditFilters = {
  actorAccountId: '',
  action: '',
  entityType: '',
  entityId: '',
  organizationId: '',
  from: '',
  to: '',
};

export const auditPageSize = 20;

export function findAuditEntries(
  filters: AuditFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<AuditEntryPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  params.set('limit', String(auditPageSize));
  if (cursor) params.set('cursor', cursor);
  return apiRequest('GET', `/api/audit/entries?${params}`, { signal });
}

/** The file name an attachment's Content-Disposition gives, if any. */
export function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  let name: string | null = null;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      name = decodeURIComponent(encoded.trim());
    } catch {
      // Fall back to the plain name.
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;\s]+)/i.exec(disposition);
    name = plain?.[1] ?? plain?.[2] ?? null;
  }
  // Only a file name, never a path.
  return name ? (name.split(/[\\/]/).pop() ?? null) : null;
}

/**
 * Downloads the registry's export. The file is fetched first, so that an error (a session that
 * has ended, a refusal) is shown in words instead of being saved as the file; then it is handed
 * to the browser as a download. The browser keeps a large file on disk rather than in memory.
 * Resolves with the file's name.
 */
export async function downloadExport(
  format: 'json' | 'csv',
  signal?: AbortSignal,
): Promise<string> {
  const { data, error, response } = await api.GET('/api/network/registry/export', {
    params: { query: { format } },
    headers: { accept: format === 'json' ? 'application/json' : 'application/zip' },
    parseAs: 'blob',
    signal,
  });
  if (!response.ok || !data) throw problemFromBody(response, error);
  const blob = data;
  const fileName =
    fileNameFrom(response.headers.get('content-disposition')) ??
    `intercoop-registry.${format === 'json' ? 'json' : 'zip'}`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the file when the download starts; then the memory can go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return fileName;
}

/** Rows stored per table of the registry. */
export type ImportCounts = Record<string, number>;

/** Sends an export file as it is (JSON, or the zip of CSV files) to be imported. */
export function importRegistry(file: File, keys?: SubmissionKeys): Promise<ImportCounts> {
  const isZip = file.name.toLowerCase().endsWith('.zip') || file.type === 'application/zip';
  return apiRequest('POST', '/api/network/registry/import', {
    body: file,
    contentType: isZip ? 'application/zip' : 'application/json',
    keys,
  });
}

// Organization names for the ids that roles, tokens and the log carry, in the loading layer's
// cache: each fetched once however many rows name it (a write to the registry invalidates them).
const organizationNameQuery = (id: string) =>
  queryOptions({
    queryKey: ['network', 'organizations', id, 'name'],
    queryFn: async ({ signal }) => (await getOrganization(id, signal)).name,
    staleTime: Number.POSITIVE_INFINITY,
  });

export async function organizationName(id: string): Promise<string | null> {
  try {
    return await queryClient.fetchQuery(organizationNameQuery(id));
  } catch {
    // Not found (or offline): nothing is kept, so a later look may succeed.
    return null;
  }
}

/** Keeps a name learned otherwise (a choice in a list), so that it is not asked for. */
export function rememberOrganizationName(id: string, name: string): void {
  queryClient.setQueryData(organizationNameQuery(id).queryKey, name);
}

export type { OutboxMessagePage, OutboxMessageView, QueueSummary };
export type OutboxStatus = OutboxMessageView['status'];

/** A page of the outbox, newest first: all messages, or those of one status (network admins). */
export function findOutboxMessages(
  {
    status,
    cursor,
    limit,
  }: { status?: OutboxStatus | undefined; cursor?: string | null; limit: number },
  signal?: AbortSignal,
): Promise<OutboxMessagePage> {
  const params = new URLSearchParams({ limit: String(limit) });
  if (status) params.set('status', status);
  if (cursor) params.set('cursor', cursor);
  return apiRequest('GET', `/api/platform/outbox?${params}`, { signal });
}

/** Sends a failed message again; 409 if it is not failed or its link has expired. */
export function retryOutboxMessage(id: string): Promise<OutboxMessageView> {
  return apiRequest('POST', `/api/platform/outbox/${encodeURIComponent(id)}/retry`);
}

/** Each job queue with its jobs by state. */
export async function listQueues(signal?: AbortSignal): Promise<QueueSummary[]> {
  return (await apiRequest<{ items: QueueSummary[] }>('GET', '/api/platform/queues', { signal }))
    .items;
}

export type MemberPage = { items: MemberView[]; nextCursor: string | null };
export type MembershipKind = MemberView['kind'];

/** A page of an organization's members (its admins and network staff). */
export function findMembers(
  organizationId: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<MemberPage> {
  const params = new URLSearchParams({ limit: '50' });
  if (cursor) params.set('cursor', cursor);
  return apiRequest(
    'GET',
    `/api/accounts/organizations/${encodeURIComponent(organizationId)}/members?${params}`,
    { signal },
  );
}

/** A phone without + is read as a number of `defaultCountry` (the organization's country). */
export function addMember(
  organizationId: string,
  input: {
    displayName: string;
    phone?: string;
    defaultCountry?: string;
    kind: MembershipKind;
    startedOn: string;
  },
): Promise<MemberView> {
  const { kind, startedOn, ...person } = input;
  return apiRequest(
    'POST',
    `/api/accounts/organizations/${encodeURIComponent(organizationId)}/members`,
    { body: { person, membership: { kind, startedOn } } },
  );
}

/** Sets (or, with null, clears) a person's phone, from the version read; 409 when stale. */
export function setPersonPhone(
  personId: string,
  input: { version: number; phone: string | null; defaultCountry?: string },
): Promise<Person> {
  return apiRequest('PATCH', `/api/accounts/people/${encodeURIComponent(personId)}`, {
    body: input,
  });
}
