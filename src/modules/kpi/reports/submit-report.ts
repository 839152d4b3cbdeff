import type { Context } from '../../../platform/context.ts';
import type { Report } from '../schemas.ts';
import { VersionInput } from '../schemas.ts';
import { authorizeReportWrite } from './authorize-report.ts';
import { changeReport } from './change-report.ts';

/** Sends a draft (or a returned report, once corrected) to network staff for validation. */
export async function submitReport(
  ctx: Context,
  organizationId: string,
  period: string,
  input: { version: number },
): Promise<Report> {
  authorizeReportWrite(ctx.actor, organizationId);
  const { version } = VersionInput.parse(input);
  return changeReport(ctx, organizationId, period, {
    action: 'submit',
    from: ['draft', 'returned'],
    to: 'submitted',
    version,
  });
}
