import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { kpiMessage } from '../messages.ts';
import { selectRate, upsertRate } from '../queries.ts';
import { type ExchangeRate, SetExchangeRateInput } from '../schemas.ts';
import { rateView } from './rate-view.ts';

/**
 * Sets the rate of a currency against a base for a period (network staff): the roll-ups of that
 * period convert with it from then on. Setting it again replaces it; the audit log keeps both.
 */
export async function setExchangeRate(
  ctx: Context,
  key: { period: string; currency: string; base: string },
  input: SetExchangeRateInput,
): Promise<ExchangeRate> {
  authorize(ctx.actor, { anyOf: [{ role: 'network-staff' }], write: true });
  if (key.currency === key.base) {
    throw new AppError('validation-failed', kpiMessage('rate.same-currency'));
  }
  const valid = SetExchangeRateInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await selectRate(tx.db, key);
    const row = await upsertRate(tx.db, {
      ...key,
      rate: valid.rate,
      source: valid.source ?? null,
      set_by_label: tx.actor.label,
      set_at: tx.now(),
    });
    const rate = rateView(row);
    await recordAudit(tx, {
      action: 'set-exchange-rate',
      entityType: 'exchange-rate',
      entityId: `${key.period} ${key.currency}/${key.base}`,
      organizationId: null,
      before: before ? rateView(before) : null,
      after: rate,
    });
    return rate;
  });
}
