import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { kpiMessage } from '../messages.ts';
import { selectReport } from '../queries.ts';
import type { Report } from '../schemas.ts';
import { authorizeReportRead } from './authorize-report.ts';
import { reportView } from './report-view.ts';

/** An organization's report for a period, with its history (its own people and network staff). */
export async function getReport(
  ctx: Context,
  organizationId: string,
  period: string,
): Promise<Report> {
  authorizeReportRead(ctx.actor, organizationId);
  const row = await selectReport(ctx.db, organizationId, period);
  if (!row) throw new AppError('not-found', kpiMessage('report.not-found', { period }));
  return reportView(ctx.db, row);
}
