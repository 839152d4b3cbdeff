import { queryOptions } from '@tanstack/react-query';
import type { Me } from '../../../src/modules/accounts/schemas.ts';
import type { LogoInfo } from '../../../src/modules/network/logos/logo-schemas.ts';
import type {
  Affiliation,
  CreateOrganizationInput,
  Organization,
  OrganizationListItem,
  OrganizationPage,
  Partnership,
  Ties,
  UpdateOrganizationInput,
} from '../../../src/modules/network/schemas.ts';
import { afterWrite } from '../data/query-client.ts';
import { api } from './client.ts';
import { apiRequest } from './http.ts';
import { problemFromBody } from './problem.ts';
import type { SubmissionKeys } from './submission-keys.ts';

export type {
  Affiliation,
  CreateOrganizationInput,
  LogoInfo,
  Organization,
  OrganizationListItem,
  OrganizationPage,
  Partnership,
  Ties,
  UpdateOrganizationInput,
};
export type OrganizationKind = OrganizationListItem['kind'];
export type OrganizationSector = OrganizationListItem['sector'];
export type Facets = NonNullable<OrganizationPage['facets']>;
export type FacetName = keyof Facets;

export type OrganizationFilters = {
  q: string;
  country: string;
  kind: string;
  sector: string;
  language: string;
};

/** A screenful on a phone; the server allows up to 100. */
export const organizationPageSize = 20;

/**
 * A page of the search. The first page comes with the facet counts the filters show (they cost
 * the server a scan of every match); the next pages, which only add items, do without them.
 */
export async function findOrganizations(
  filters: OrganizationFilters,
  cursor: string | null,
  signal: AbortSignal,
): Promise<OrganizationPage> {
  const params = new URLSearchParams();
  // Empty filters are left out: the server reads `country=` as an invalid country code.
  for (const name of ['q', 'country', 'kind', 'sector', 'language'] as const) {
    if (filters[name]) params.set(name, filters[name]);
  }
  params.set('limit', String(organizationPageSize));
  if (cursor) params.set('cursor', cursor);
  else params.set('facets', 'true');
  return apiRequest<OrganizationPage>('GET', `/api/network/organizations?${params}`, { signal });
}

/** An organization offered while one types its name. */
export type OrganizationSuggestion = OrganizationListItem;

/** How many suggestions a search box shows at once. */
export const suggestionCount = 8;

/** Organizations whose name matches what was typed, for a search box (no facets: they cost). */
export async function suggestOrganizations(
  query: string,
  signal: AbortSignal,
): Promise<OrganizationSuggestion[]> {
  const params = new URLSearchParams({ q: query, limit: String(suggestionCount) });
  const page = await apiRequest<OrganizationPage>('GET', `/api/network/organizations?${params}`, {
    signal,
  });
  return page.items;
}

export function getOrganization(id: string, signal?: AbortSignal): Promise<Organization> {
  return apiRequest<Organization>('GET', `/api/network/organizations/${encodeURIComponent(id)}`, {
    signal,
  });
}

export function getTies(id: string, signal?: AbortSignal): Promise<Ties> {
  return apiRequest<Ties>('GET', `/api/network/organizations/${encodeURIComponent(id)}/ties`, {
    signal,
  });
}

/** The loading layer's keys and loaders of one organization's profile (data/query-client.ts). */
export const organizationQueries = {
  profile: (id: string) =>
    queryOptions({
      queryKey: ['network', 'organizations', id],
      queryFn: ({ signal }) => getOrganization(id, signal),
    }),
  ties: (id: string) =>
    queryOptions({
      queryKey: ['network', 'organizations', id, 'ties'],
      queryFn: ({ signal }) => getTies(id, signal),
    }),
  jsonLd: (id: string) =>
    queryOptions({
      queryKey: ['network', 'organizations', id, 'json-ld'],
      queryFn: ({ signal }) => getOrganizationJsonLd(id, signal),
    }),
};

export function updateOrganization(
  id: string,
  change: UpdateOrganizationInput,
): Promise<Organization> {
  return afterWrite(
    apiRequest<Organization>('PATCH', `/api/network/organizations/${encodeURIComponent(id)}`, {
      body: change,
    }),
    ['network'],
  );
}

/** Network staff (and network admins) add organizations; the server refuses anyone else. */
export function canCreateOrganization(me: Me | null): boolean {
  return (
    me?.grants.some((grant) => grant.role === 'network-admin' || grant.role === 'network-staff') ??
    false
  );
}

export function createOrganization(
  input: CreateOrganizationInput,
  keys?: SubmissionKeys,
): Promise<Organization> {
  return afterWrite(
    apiRequest<Organization>('POST', '/api/network/organizations', { body: input, keys }),
    ['network'],
  );
}

/** The kinds of image the server takes as a logo, and how large a file may be (1 MiB). */
export const logoMediaTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const maxLogoBytes = 1024 * 1024;

/** Sends the image file itself as the body, with its own Content-Type. */
export function uploadLogo(id: string, file: Blob): Promise<LogoInfo> {
  return afterWrite(
    apiRequest<LogoInfo>('PUT', `/api/network/organizations/${encodeURIComponent(id)}/logo`, {
      body: file,
    }),
    ['network'],
  );
}

export function removeLogo(id: string): Promise<void> {
  return afterWrite(
    apiRequest('DELETE', `/api/network/organizations/${encodeURIComponent(id)}/logo`),
    ['network'],
  );
}

/**
 * The organization as schema.org JSON-LD, when the server offers it; null when it answers with
 * something else (an older server), so the page can describe itself instead.
 */
export async function getOrganizationJsonLd(
  id: string,
  signal?: AbortSignal,
): Promise<Record<string, unknown> | null> {
  const { data, error, response } = await api.GET('/api/network/organizations/{id}', {
    params: { path: { id } },
    headers: { accept: 'application/ld+json' },
    parseAs: 'text',
    signal,
  });
  if (!response.ok) throw problemFromBody(response, error);
  if (!(response.headers.get('content-type') ?? '').includes('ld+json') || !data) return null;
  return JSON.parse(data) as Record<string, unknown>;
}
