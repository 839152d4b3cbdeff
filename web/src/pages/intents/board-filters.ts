import type { BoardFilters } from '../../api/intents.ts';
import { isCountryCode, isSector } from '../../vocabulary.ts';
import { isIntentDirection, isIntentKind } from './intent-facts.tsx';

export const emptyBoardFilters: BoardFilters = {
  direction: '',
  kind: '',
  sector: '',
  country: '',
  organizationId: '',
  openOnly: true,
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The filters in the page's address (`?direction=need&country=IN&show=all`), so a view can be
 * shared and reloaded. A hand-edited or outdated link must not turn into a 400 for the reader:
 * unknown values are dropped.
 */
export function readBoardFilters(params: URLSearchParams): BoardFilters {
  const direction = params.get('direction') ?? '';
  const kind = params.get('kind') ?? '';
  const sector = params.get('sector') ?? '';
  const country = (params.get('country') ?? '').toUpperCase();
  const organizationId = (params.get('organization') ?? '').toLowerCase();
  return {
    direction: isIntentDirection(direction) ? direction : '',
    kind: isIntentKind(kind) ? kind : '',
    sector: isSector(sector) ? sector : '',
    country: isCountryCode(country) ? country : '',
    organizationId: uuid.test(organizationId) ? organizationId : '',
    openOnly: params.get('show') !== 'all',
  };
}

export function boardSearchParams(filters: BoardFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.direction) params.set('direction', filters.direction);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.sector) params.set('sector', filters.sector);
  if (filters.country) params.set('country', filters.country);
  if (filters.organizationId) params.set('organization', filters.organizationId);
  if (!filters.openOnly) params.set('show', 'all');
  return params;
}

export function hasBoardFilters(filters: BoardFilters): boolean {
  return boardSearchParams(filters).toString() !== '';
}
