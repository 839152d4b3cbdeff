import type { Context } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { kpiMessage } from '../messages.ts';
import { parsePeriod } from '../periods/period.ts';
import { selectIndicatorsByCode } from '../queries.ts';
import { type Report, ReviseReportInput } from '../schemas.ts';
import { authorizeReportWrite } from './authorize-report.ts';
import { changeReport } from './change-report.ts';
import { checkReportValues } from './check-values.ts';

/**
 * Corrects a validated report: the new values replace the old, which the history keeps with who
 * corrected them, when and why; the report goes back to staff as a new revision.
 */
export async function reviseReport(
  ctx: Context,
  organizationId: string,
  period: string,
  input: ReviseReportInput,
): Promise<Report> {
  authorizeReportWrite(ctx.actor, organizationId);
  const valid = ReviseReportInput.parse(input);
  const parsed = parsePeriod(period);
  if (!parsed) throw new AppError('validation-failed', kpiMessage('report.invalid-period'));
  return inTransaction(ctx, async (tx) => {
    const catalogue = await selectIndicatorsByCode(
      tx.db,
      valid.values.map((entry) => entry.indicator),
    );
    const { stored, errors } = checkReportValues(valid.values, catalogue, parsed.periodicity);
    if (errors.length > 0) {
      throw new AppError('validation-failed', kpiMessage('report.invalid-values'), { errors });
    }
    return changeReport(tx, organizationId, period, {
      action: 'revise',
      from: ['validated'],
      to: 'submitted',
      version: valid.version,
      values: stored,
      reason: valid.reason,
      newRevision: true,
    });
  });
}
