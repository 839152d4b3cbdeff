import type { RateRow } from '../queries.ts';
import type { ExchangeRate } from '../schemas.ts';

export function rateView(row: RateRow): ExchangeRate {
  return {
    period: row.period,
    currency: row.currency,
    base: row.base,
    // numeric comes back as PostgreSQL writes it: exact, with no float between.
    rate: String(row.rate),
    source: row.source,
    setBy: row.set_by_label,
    setAt: row.set_at.toISOString(),
  };
}
