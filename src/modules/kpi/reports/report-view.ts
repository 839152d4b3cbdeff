import type { Db } from '../../../platform/db.ts';
import { type ReportRow, selectReportEvents, selectReportValues } from '../queries.ts';
import type { Report } from '../schemas.ts';

/** A report as the API shows it: its values and its whole history, oldest first. */
export async function reportView(db: Db, row: ReportRow): Promise<Report> {
  // One after the other: inside a transaction both run on its one connection anyway.
  const values = await selectReportValues(db, row.id);
  const events = await selectReportEvents(db, row.id);
  return {
    id: row.id,
    organizationId: row.organization_id,
    period: row.period,
    periodicity: row.periodicity,
    status: row.status,
    returnComment: row.return_comment,
    revision: row.revision,
    values,
    history: events.map((event) => ({
      action: event.action,
      revision: event.revision,
      reason: event.reason,
      by: event.actor_label,
      at: event.at.toISOString(),
      valuesBefore: event.values_before,
      valuesAfter: event.values_after,
    })),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
