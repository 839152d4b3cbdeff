import type { Context } from '../../platform/context.ts';
import { amountText } from './amounts.ts';
import { type ImpactSumRow, sumFigures } from './queries.ts';
import {
  type Impact,
  ImpactQuery,
  type ImpactTotal,
  impactRule,
  indicatorUnits,
} from './schemas.ts';

export function impactTotal(row: ImpactSumRow): ImpactTotal {
  return {
    indicator: row.indicator,
    unit: row.currency ?? indicatorUnits[row.indicator],
    amount: amountText(row.total, row.currency),
    currency: row.currency,
    results: row.results,
    projects: row.projects,
  };
}

/**
 * The network's impact: results summed by indicator (and currency), grouped by indicator,
 * sector, year or country. Computed from the results each time (nothing stored to drift). See
 * `impactRule` for how multi-country projects are shown and why nothing is counted twice.
 */
export async function getImpact(ctx: Context, query: ImpactQuery): Promise<Impact> {
  const valid = ImpactQuery.parse(query);
  const filters = {
    kind: valid.kind,
    indicator: valid.indicator,
    sector: valid.sector,
    country: valid.country,
    year: valid.year,
    status: valid.status,
    organizationId: valid.organizationId,
  };
  const rows = await sumFigures(ctx.db, valid.by, filters);
  const groups = new Map<string, ImpactTotal[]>();
  for (const row of rows) {
    const list = groups.get(row.key) ?? [];
    list.push(impactTotal(row));
    groups.set(row.key, list);
  }
  const totals = (await sumFigures(ctx.db, 'all', filters)).map(impactTotal);
  return {
    by: valid.by,
    kind: valid.kind,
    rule: impactRule,
    groups: [...groups].map(([key, list]) => ({ key, totals: list })),
    totals,
  };
}
