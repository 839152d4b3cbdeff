// What every step of a report shares: the report read under its lock, the step allowed only from
// the states it names (else 409 with the current copy), the version compared in the UPDATE, and
// the history and audit entries in the same transaction.
import type { Actor } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { updateAtVersion } from '../../../platform/versioned-update.ts';
import { kpiMessage } from '../messages.ts';
import {
  insertReportEvent,
  type ReportRow,
  type ReportTables,
  replaceReportValues,
  reports,
  type StoredValue,
  selectReport,
  selectReportValues,
} from '../queries.ts';
import type { Report, ReportStatus } from '../schemas.ts';
import { reportView } from './report-view.ts';

export type ReportStep = {
  action: ReportTables['kpi_report_event']['action'];
  /** The states the step starts from. */
  from: readonly ReportStatus[];
  to: ReportStatus;
  version: number;
  values?: StoredValue[];
  reason?: string;
  returnComment?: string | null;
  newRevision?: boolean;
};

export function actorAccountId(actor: Actor): string | null {
  return actor.type === 'account' ? actor.accountId : null;
}

export async function changeReport(
  ctx: Context,
  organizationId: string,
  period: string,
  step: ReportStep,
): Promise<Report> {
  return inTransaction(ctx, async (tx) => {
    const before = await selectReport(tx.db, organizationId, period, { forUpdate: true });
    if (!before) {
      throw new AppError('not-found', kpiMessage('report.not-found', { period }));
    }
    if (!step.from.includes(before.status)) {
      throw new AppError(
        'conflict',
        kpiMessage('report.wrong-state', { status: before.status, action: step.action }),
        { current: await reportView(tx.db, before) },
      );
    }
    const valuesBefore = await selectReportValues(tx.db, before.id);
    const now = tx.now();
    const account = actorAccountId(tx.actor);
    const after = await updateAtVersion(tx, {
      update: async (inner) =>
        reports(inner.db)
          .updateTable('kpi_report')
          .set({
            status: step.to,
            return_comment: step.to === 'returned' ? (step.returnComment ?? null) : null,
            revision: step.newRevision ? before.revision + 1 : before.revision,
            ...(step.to === 'submitted' ? { submitted_at: now, submitted_by: account } : {}),
            ...(step.to === 'validated' ? { validated_at: now, validated_by: account } : {}),
            version: step.version + 1,
            updated_at: now,
          })
          .where('id', '=', before.id)
          .where('version', '=', step.version)
          .returning([
            'id',
            'organization_id',
            'period',
            'periodicity',
            'status',
            'return_comment',
            'revision',
            'version',
            'created_at',
            'updated_at',
          ])
          .executeTakeFirst() as Promise<ReportRow | undefined>,
      current: async (inner) => reportView(inner.db, before),
      stale: (current) =>
        kpiMessage('report.stale', { sent: step.version, current: current.version }),
    });
    if (step.values) await replaceReportValues(tx.db, before.id, step.values);
    const valuesAfter = await selectReportValues(tx.db, before.id);
    await insertReportEvent(tx.db, {
      reportId: before.id,
      action: step.action,
      revision: after.revision,
      valuesBefore: step.values ? valuesBefore : null,
      valuesAfter: step.values ? valuesAfter : null,
      reason: step.reason ?? step.returnComment ?? null,
      actorAccountId: account,
      actorLabel: tx.actor.label,
      at: now,
    });
    const beforeView = await reportView(tx.db, { ...before });
    const report = await reportView(tx.db, after);
    await recordAudit(tx, {
      action: `${step.action}-kpi-report`,
      entityType: 'kpi-report',
      entityId: before.id,
      organizationId,
      before: { ...beforeView, values: valuesBefore, history: undefined },
      after: { ...report, history: undefined },
    });
    return report;
  });
}
