import type { Context } from '../../../platform/context.ts';
import { type Report, ReturnReportInput } from '../schemas.ts';
import { authorizeReportReview } from './authorize-report.ts';
import { changeReport } from './change-report.ts';

/** Network staff send a submitted report back to its organization, saying what to look at. */
export async function returnReport(
  ctx: Context,
  organizationId: string,
  period: string,
  input: { version: number; comment: string },
): Promise<Report> {
  authorizeReportReview(ctx.actor);
  const valid = ReturnReportInput.parse(input);
  return changeReport(ctx, organizationId, period, {
    action: 'return',
    from: ['submitted'],
    to: 'returned',
    version: valid.version,
    returnComment: valid.comment,
  });
}
