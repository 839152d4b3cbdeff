import { queryOptions } from '@tanstack/react-query';
import type {
  CreateIntentInput,
  Intent,
  IntentDirection,
  IntentKind,
  IntentPage,
  Suggestion,
  SuggestionList,
  SuggestionReason,
  UpdateIntentInput,
} from '../../../src/modules/network/intents/intent-schemas.ts';
import { afterWrite } from '../data/query-client.ts';
import { apiRequest } from './http.ts';
import type { SubmissionKeys } from './submission-keys.ts';

export type {
  CreateIntentInput,
  Intent,
  IntentDirection,
  IntentKind,
  IntentPage,
  Suggestion,
  SuggestionList,
  SuggestionReason,
  UpdateIntentInput,
};

/** The board's filters as the page keeps them (and as its address shows them); '' is "any". */
export type BoardFilters = {
  direction: '' | IntentDirection;
  kind: '' | IntentKind;
  sector: string;
  country: string;
  organizationId: string;
  /** Only those open and within their dates (the server's default), or closed and expired too. */
  openOnly: boolean;
};

/** A screenful on a phone; the server allows up to 100. */
export const boardPageSize = 20;

export function boardQuery(filters: BoardFilters, cursor: string | null): URLSearchParams {
  const params = new URLSearchParams();
  // Empty filters are left out: the server reads `country=` as an invalid country code.
  for (const name of ['direction', 'kind', 'sector', 'country', 'organizationId'] as const) {
    if (filters[name]) params.set(name, filters[name]);
  }
  if (!filters.openOnly) {
    params.set('status', 'any');
    params.set('includeExpired', 'true');
  }
  params.set('limit', String(boardPageSize));
  if (cursor) params.set('cursor', cursor);
  return params;
}

export function findIntents(
  filters: BoardFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<IntentPage> {
  return apiRequest<IntentPage>('GET', `/api/network/intents?${boardQuery(filters, cursor)}`, {
    signal,
  });
}

const path = (id: string) => `/api/network/intents/${encodeURIComponent(id)}`;

export function getIntent(id: string, signal?: AbortSignal): Promise<Intent> {
  return apiRequest<Intent>('GET', path(id), { signal });
}

export function getSuggestions(id: string, signal?: AbortSignal): Promise<SuggestionList> {
  return apiRequest<SuggestionList>('GET', `${path(id)}/suggestions?limit=10`, { signal });
}

/** Offers and needs in the loading layer: every write below invalidates them all. */
export const intentKeys = { all: ['intents'] as const };

export const intentQuery = (id: string) =>
  queryOptions({ queryKey: ['intents', id], queryFn: ({ signal }) => getIntent(id, signal) });

export const suggestionsQuery = (id: string) =>
  queryOptions({
    queryKey: ['intents', id, 'suggestions'],
    queryFn: ({ signal }) => getSuggestions(id, signal),
  });

export function createIntent(input: CreateIntentInput, keys?: SubmissionKeys): Promise<Intent> {
  return afterWrite(
    apiRequest<Intent>('POST', '/api/network/intents', { body: input, keys }),
    intentKeys.all,
  );
}

export function updateIntent(id: string, change: UpdateIntentInput): Promise<Intent> {
  return afterWrite(apiRequest<Intent>('PATCH', path(id), { body: change }), intentKeys.all);
}

export function closeIntent(id: string, version: number): Promise<Intent> {
  return afterWrite(
    apiRequest<Intent>('POST', `${path(id)}/close`, { body: { version } }),
    intentKeys.all,
  );
}
