import type { Context } from '../../../platform/context.ts';
import type { Report } from '../schemas.ts';
import { VersionInput } from '../schemas.ts';
import { authorizeReportReview } from './authorize-report.ts';
import { changeReport } from './change-report.ts';

/** Network staff accept a submitted report: its values count in roll-ups and benchmarks. */
export async function validateReport(
  ctx: Context,
  organizationId: string,
  period: string,
  input: { version: number },
): Promise<Report> {
  authorizeReportReview(ctx.actor);
  const { version } = VersionInput.parse(input);
  return changeReport(ctx, organizationId, period, {
    action: 'validate',
    from: ['submitted'],
    to: 'validated',
    version,
  });
}
