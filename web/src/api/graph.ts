import { queryOptions } from '@tanstack/react-query';
import type {
  Chain,
  ChainTie,
  GraphEdge,
  GraphNode,
  Neighbours,
} from '../../../src/modules/network/graph/graph-schemas.ts';
import type {
  Affiliation,
  CreateAffiliationInput,
  CreatePartnershipInput,
  Partnership,
} from '../../../src/modules/network/schemas.ts';
import { afterWrite } from '../data/query-client.ts';
import { apiRequest } from './http.ts';
import type { SubmissionKeys } from './submission-keys.ts';

export type {
  Affiliation,
  Chain,
  ChainTie,
  CreateAffiliationInput,
  CreatePartnershipInput,
  GraphEdge,
  GraphNode,
  Neighbours,
  Partnership,
};

export function getNeighbours(id: string, depth: 1 | 2, signal?: AbortSignal): Promise<Neighbours> {
  return apiRequest<Neighbours>(
    'GET',
    `/api/network/organizations/${encodeURIComponent(id)}/neighbours?depth=${depth}`,
    { signal },
  );
}

/** The registry in the loading layer: a write to it invalidates every read of it. */
export const networkKeys = { all: ['network'] as const };

/** An organization's neighbours in the loading layer, with the depth they were read at. */
export const neighboursQuery = (id: string, depth: 1 | 2) =>
  queryOptions({
    queryKey: ['network', 'organizations', id, 'neighbours', depth],
    queryFn: async ({ signal }) => ({ data: await getNeighbours(id, depth, signal), depth }),
  });

/** The longest chain asked for: the server's default. */
export const chainMaxLength = 6;

export function findChain(from: string, to: string, signal?: AbortSignal): Promise<Chain> {
  const params = new URLSearchParams({ from, to, maxLength: String(chainMaxLength) });
  return apiRequest<Chain>('GET', `/api/network/chain?${params}`, { signal });
}

/** The shortest chain between two organizations, in the loading layer. */
export const chainQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: ['network', 'chain', from, to],
    queryFn: ({ signal }) => findChain(from, to, signal),
  });

export function createAffiliation(
  input: CreateAffiliationInput,
  keys?: SubmissionKeys,
): Promise<Affiliation> {
  return afterWrite(
    apiRequest<Affiliation>('POST', '/api/network/affiliations', { body: input, keys }),
    networkKeys.all,
  );
}

export function createPartnership(
  input: CreatePartnershipInput,
  keys?: SubmissionKeys,
): Promise<Partnership> {
  return afterWrite(
    apiRequest<Partnership>('POST', '/api/network/partnerships', { body: input, keys }),
    networkKeys.all,
  );
}

/** Ends a tie on a date (ties are kept as history). */
export function endTie(
  type: 'affiliation' | 'partnership',
  id: string,
  change: { version: number; endedOn: string },
): Promise<Affiliation | Partnership> {
  const path = type === 'affiliation' ? 'affiliations' : 'partnerships';
  return afterWrite(
    apiRequest('PATCH', `/api/network/${path}/${encodeURIComponent(id)}`, { body: change }),
    networkKeys.all,
  );
}
