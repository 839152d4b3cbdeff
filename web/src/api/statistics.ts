import type { NetworkStatistics } from '../../../src/modules/network/graph/graph-schemas.ts';
import type { Impact, ImpactTotal } from '../../../src/modules/projects/schemas.ts';
import { apiRequest } from './http.ts';

export type { Impact, ImpactTotal, NetworkStatistics };
export type ImpactGrouping = 'indicator' | 'sector' | 'year' | 'country';

/** The label the server gives results not attributable to one country, in by-country views. */
export const multiCountry = 'multi-country';

export function getNetworkStatistics(signal?: AbortSignal): Promise<NetworkStatistics> {
  return apiRequest<NetworkStatistics>('GET', '/api/network/statistics', { signal });
}

/** The network's results summed by indicator (money per currency), grouped one way. */
export function getImpact(by: ImpactGrouping, signal?: AbortSignal): Promise<Impact> {
  return apiRequest<Impact>('GET', `/api/projects/impact?by=${by}`, { signal });
}
