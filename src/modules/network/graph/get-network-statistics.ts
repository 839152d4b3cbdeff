// The network in figures: organizations by country, sector and kind; ties by kind; people
// (members, women and men members, employees).
import type { Context } from '../../../platform/context.ts';
import { countOrganizations, countTies } from './graph-queries.ts';
import type { NetworkStatistics } from './graph-schemas.ts';
import { sumMembersBySex } from './statistics-queries.ts';

/**
 * Public. One scan of the organizations (grouping sets) and one of each kind of tie: about 100 ms
 * on 100,000 organizations and 300,000 ties, so the route lets caches keep it for a minute. Women
 * and men members are a second, simpler scan of the organizations, run alongside.
 */
export async function getNetworkStatistics(ctx: Context): Promise<NetworkStatistics> {
  // In force today as the other graph reads count it (UTC).
  const today = ctx.now().toISOString().slice(0, 10);
  // Connections in parallel: the scans are independent, and figures a moment apart are fine.
  const [organizationRows, tieRows, bySex] = await Promise.all([
    countOrganizations(ctx.db),
    countTies(ctx.db, today),
    sumMembersBySex(ctx.db),
  ]);
  const counts = (dimension: string) =>
    organizationRows
      .filter((row) => row.dimension === dimension)
      .map((row) => ({ value: row.value ?? '', count: Number(row.count) }));
  const total = organizationRows.find((row) => row.dimension === 'total');
  const ties = (type: string) =>
    tieRows
      .filter((row) => row.type === type && row.kind !== null)
      .map((row) => ({ value: row.kind ?? '', count: Number(row.count) }));
  return {
    organizations: {
      total: Number(total?.count ?? 0),
      byCountry: counts('country'),
      bySector: counts('sector'),
      byKind: counts('kind'),
    },
    ties: {
      affiliations: ties('affiliation'),
      partnerships: ties('partnership'),
      notInForce: tieRows
        .filter((row) => row.kind === null)
        .reduce((sum, row) => sum + Number(row.count), 0),
    },
    members: {
      total: Number(total?.members ?? 0),
      organizationsStating: Number(total?.members_stating ?? 0),
    },
    womenMembers: bySex.women,
    menMembers: bySex.men,
    employees: {
      total: Number(total?.employees ?? 0),
      organizationsStating: Number(total?.employees_stating ?? 0),
    },
  };
}
