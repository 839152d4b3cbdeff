import type {
  OrganizationListItem,
  OrganizationPage,
} from '../../../src/modules/network/schemas.ts';
import { problemFromResponse } from './problem.ts';

export type { OrganizationListItem, OrganizationPage };
export type OrganizationKind = OrganizationListItem['kind'];
export type OrganizationSector = OrganizationListItem['sector'];

export type OrganizationFilters = {
  q: string;
  country: string;
  kind: string;
};

/** A screenful on a phone; the server allows up to 100. */
export const organizationPageSize = 20;

export async function findOrganizations(
  filters: OrganizationFilters,
  cursor: string | null,
  signal: AbortSignal,
): Promise<OrganizationPage> {
  const params = new URLSearchParams();
  // Empty filters are left out: the server reads `country=` as an invalid country code.
  if (filters.q) params.set('q', filters.q);
  if (filters.country) params.set('country', filters.country);
  if (filters.kind) params.set('kind', filters.kind);
  params.set('limit', String(organizationPageSize));
  if (cursor) params.set('cursor', cursor);

  const response = await fetch(`/api/network/organizations?${params}`, {
    headers: { accept: 'application/json' },
    signal,
  });
  if (!response.ok) throw await problemFromResponse(response);
  return (await response.json()) as OrganizationPage;
}
