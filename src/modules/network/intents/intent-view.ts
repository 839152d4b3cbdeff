import type { IntentRow } from './intent-queries.ts';
import type { Intent } from './intent-schemas.ts';

/** Today, as the dates of intents are written (UTC). */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Whether today falls outside the intent's dates (before it starts, or after it ends). */
export function isOutsideDates(
  dates: { validFrom: string | null; validUntil: string | null },
  today: string,
): boolean {
  return (
    (dates.validFrom !== null && dates.validFrom > today) ||
    (dates.validUntil !== null && dates.validUntil < today)
  );
}

/** A stored intent as the API shows it, marked expired as of `today`. */
export function intentView(row: IntentRow, today: string): Intent {
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    direction: row.direction,
    title: row.title,
    description: row.description,
    sector: row.sector,
    countries: row.countries,
    kind: row.kind,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status,
    expired: isOutsideDates({ validFrom: row.valid_from, validUntil: row.valid_until }, today),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    isDemo: row.is_demo,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
