import { queryOptions } from '@tanstack/react-query';
import type { NetworkStatistics } from '../../../src/modules/network/graph/graph-schemas.ts';
import type { Impact, ImpactTotal } from '../../../src/modules/projects/schemas.ts';
import { answerOf, api } from './client.ts';

export type { Impact, ImpactTotal, NetworkStatistics };
export type ImpactGrouping = 'indicator' | 'sector' | 'year' | 'country';

/** The label the server gives results not attributable to one country, in by-country views. */
export const multiCountry = 'multi-country';

export function getNetworkStatistics(signal?: AbortSignal): Promise<NetworkStatistics> {
  return answerOf(api.GET('/api/network/statistics', { signal }));
}

/** The network's results summed by indicator (money per currency), grouped one way. */
export function getImpact(by: ImpactGrouping, signal?: AbortSignal): Promise<Impact> {
  return answerOf(api.GET('/api/projects/impact', { params: { query: { by } }, signal }));
}

/** The network's figures, for the loading layer (data/query-client.ts). */
export const networkStatisticsQuery = () =>
  queryOptions({
    queryKey: ['network', 'statistics'],
    queryFn: ({ signal }) => getNetworkStatistics(signal),
  });

/** The impact grouped one way, for the loading layer; any write to a project invalidates it. */
export const impactQuery = (by: ImpactGrouping) =>
  queryOptions({
    queryKey: ['projects', 'impact', by],
    queryFn: ({ signal }) => getImpact(by, signal),
  });
