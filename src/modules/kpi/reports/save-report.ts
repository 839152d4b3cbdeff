import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { scopeNames } from '../../../platform/scopes.ts';
import { kpiMessage } from '../messages.ts';
import { parsePeriod } from '../periods/period.ts';
import {
  insertReportEvent,
  replaceReportValues,
  reports,
  selectIndicatorsByCode,
  selectReport,
  selectReportValues,
} from '../queries.ts';
import { type Report, SaveReportInput } from '../schemas.ts';
import { authorizeReportWrite } from './authorize-report.ts';
import { actorAccountId, changeReport } from './change-report.ts';
import { checkReportValues } from './check-values.ts';
import { reportView } from './report-view.ts';

/**
 * Saves an organization's draft for a period (its admins, its writing API tokens, network
 * staff): the first save starts the report, later ones replace its values while it is a draft
 * or was returned. A submitted report waits for staff; a validated one is corrected with a
 * revision, which says why.
 */
export async function saveReport(
  ctx: Context,
  organizationId: string,
  period: string,
  input: SaveReportInput,
): Promise<{ report: Report; created: boolean }> {
  authorizeReportWrite(ctx.actor, organizationId);
  const valid = SaveReportInput.parse(input);
  const parsed = parsePeriod(period);
  if (!parsed) throw new AppError('validation-failed', kpiMessage('report.invalid-period'));
  return inTransaction(ctx, async (tx) => {
    const named = await scopeNames(tx.db, 'organization', [organizationId]);
    if (named.length === 0) {
      throw new AppError('not-found', kpiMessage('report.organization-not-found'));
    }
    const catalogue = await selectIndicatorsByCode(
      tx.db,
      valid.values.map((entry) => entry.indicator),
    );
    const { stored, errors } = checkReportValues(valid.values, catalogue, parsed.periodicity);
    if (errors.length > 0) {
      throw new AppError('validation-failed', kpiMessage('report.invalid-values'), { errors });
    }
    const existing = await selectReport(tx.db, organizationId, period, { forUpdate: true });
    if (existing) {
      if (valid.version === undefined) {
        throw new AppError('conflict', kpiMessage('report.exists', { period }), {
          current: await reportView(tx.db, existing),
        });
      }
      const report = await changeReport(tx, organizationId, period, {
        action: 'save',
        from: ['draft', 'returned'],
        to: 'draft',
        version: valid.version,
        values: stored,
      });
      return { report, created: false };
    }
    const now = tx.now();
    const id = newId();
    // Two first saves at once: the second waits on the unique key and is told to read first.
    const inserted = await reports(tx.db)
      .insertInto('kpi_report')
      .values({
        id,
        organization_id: organizationId,
        period,
        periodicity: parsed.periodicity,
        status: 'draft',
        return_comment: null,
        submitted_at: null,
        submitted_by: null,
        validated_at: null,
        validated_by: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) => conflict.columns(['organization_id', 'period']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const current = await selectReport(tx.db, organizationId, period);
      throw new AppError('conflict', kpiMessage('report.exists', { period }), {
        current: current ? await reportView(tx.db, current) : null,
      });
    }
    await replaceReportValues(tx.db, id, stored);
    const values = await selectReportValues(tx.db, id);
    await insertReportEvent(tx.db, {
      reportId: id,
      action: 'save',
      revision: 0,
      valuesBefore: null,
      valuesAfter: values,
      reason: null,
      actorAccountId: actorAccountId(tx.actor),
      actorLabel: tx.actor.label,
      at: now,
    });
    const row = await selectReport(tx.db, organizationId, period);
    if (!row) throw new Error('report vanished inside its transaction');
    const report = await reportView(tx.db, row);
    await recordAudit(tx, {
      action: 'save-kpi-report',
      entityType: 'kpi-report',
      entityId: id,
      organizationId,
      before: null,
      after: { ...report, history: undefined },
    });
    return { report, created: true };
  });
}
