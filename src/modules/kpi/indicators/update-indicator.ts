import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { updateAtVersion } from '../../../platform/versioned-update.ts';
import { kpiMessage } from '../messages.ts';
import {
  type IndicatorRow,
  indicatorView,
  kpi,
  lockCatalogue,
  selectIndicatorByCode,
} from '../queries.ts';
import { type Indicator, UpdateIndicatorInput } from '../schemas.ts';
import { indicatorColumns, prepareIndicator } from './prepare-indicator.ts';

/**
 * Changes an indicator (network admins only); its code stays, since reports and formulas name it.
 * The edit carries the version it was read at: a stale one gets 409 with the current copy.
 * Archiving keeps the history and takes no new reports; an indicator another formula reads, or
 * another weighs by, cannot be archived while they are not.
 */
export async function updateIndicator(
  ctx: Context,
  code: string,
  input: UpdateIndicatorInput,
): Promise<Indicator> {
  authorize(ctx.actor, { anyOf: [], write: true });
  const valid = UpdateIndicatorInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    await lockCatalogue(tx.db);
    const before = await selectIndicatorByCode(tx.db, code);
    if (!before) throw new AppError('not-found', kpiMessage('indicator.not-found', { code }));
    const prepared = await prepareIndicator(tx.db, code, valid);
    const archiving = valid.archived === true && before.archived_at === null;
    if (archiving) {
      const readers = await kpi(tx.db)
        .selectFrom('kpi_indicator')
        .select('code')
        .where('archived_at', 'is', null)
        .where('code', '!=', code)
        .where((eb) =>
          eb.or([eb(eb.val(code), '=', eb.fn.any('inputs')), eb('weight_code', '=', code)]),
        )
        .orderBy('code')
        .execute();
      if (readers.length > 0) {
        throw new AppError(
          'conflict',
          kpiMessage('indicator.still-read', { codes: readers.map((row) => row.code).join(', ') }),
          { current: indicatorView(before) },
        );
      }
    }
    const now = tx.now();
    const row = await updateAtVersion(tx, {
      update: async (inner) =>
        (await kpi(inner.db)
          .updateTable('kpi_indicator')
          .set({
            ...indicatorColumns(valid, prepared),
            archived_at:
              valid.archived === undefined
                ? before.archived_at
                : valid.archived
                  ? (before.archived_at ?? now)
                  : null,
            version: valid.version + 1,
            updated_at: now,
          })
          .where('code', '=', code)
          .where('version', '=', valid.version)
          .returningAll()
          .executeTakeFirst()) as IndicatorRow | undefined,
      current: async (inner) =>
        indicatorView((await selectIndicatorByCode(inner.db, code)) as IndicatorRow),
      stale: (current) =>
        kpiMessage('indicator.stale', { sent: valid.version, current: current.version }),
    });
    const after = indicatorView(row);
    await recordAudit(tx, {
      action: 'update-indicator',
      entityType: 'indicator',
      entityId: after.id,
      organizationId: null,
      before: indicatorView(before),
      after,
    });
    return after;
  });
}
