import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { kpiMessage } from '../messages.ts';
import {
  catalogueLimit,
  countIndicators,
  type IndicatorRow,
  indicatorView,
  kpi,
  lockCatalogue,
  selectIndicatorByCode,
} from '../queries.ts';
import { CreateIndicatorInput, type Indicator } from '../schemas.ts';
import { indicatorColumns, prepareIndicator } from './prepare-indicator.ts';

/**
 * Adds an indicator to the network's catalogue (network admins only). A code already in the
 * catalogue is refused with the indicator that holds it; a formula is checked against the
 * whole catalogue under its lock.
 */
export async function createIndicator(
  ctx: Context,
  input: CreateIndicatorInput,
  options: { pack?: string } = {},
): Promise<Indicator> {
  authorize(ctx.actor, { anyOf: [], write: true });
  const valid = CreateIndicatorInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    await lockCatalogue(tx.db);
    const existing = await selectIndicatorByCode(tx.db, valid.code);
    if (existing) {
      throw new AppError('conflict', kpiMessage('indicator.code-taken', { code: valid.code }), {
        current: indicatorView(existing),
      });
    }
    if ((await countIndicators(tx.db)) >= catalogueLimit) {
      throw new AppError(
        'conflict',
        kpiMessage('indicator.catalogue-full', { limit: catalogueLimit }),
      );
    }
    const prepared = await prepareIndicator(tx.db, valid.code, valid);
    const now = tx.now();
    const row = (await kpi(tx.db)
      .insertInto('kpi_indicator')
      .values({
        id: newId(),
        code: valid.code,
        ...indicatorColumns(valid, prepared),
        pack: options.pack ?? null,
        archived_at: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()) as IndicatorRow;
    const indicator = indicatorView(row);
    await recordAudit(tx, {
      action: 'create-indicator',
      entityType: 'indicator',
      entityId: indicator.id,
      organizationId: null,
      before: null,
      after: indicator,
    });
    return indicator;
  });
}
