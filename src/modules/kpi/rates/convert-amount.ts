import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { convert } from '../../../platform/money.ts';
import type { Money } from '../../../platform/money-schemas.ts';
import { kpiMessage } from '../messages.ts';
import { selectRate } from '../queries.ts';

/**
 * An amount of a period in another currency, at the period's rate: a missing rate is an error
 * that names the period and the pair, for staff to fill in; it is never taken as 1.
 */
export async function convertAmount(
  db: Db,
  period: string,
  money: Money,
  to: string,
): Promise<Money> {
  if (money.currency === to) return money;
  const row = await selectRate(db, { period, currency: money.currency, base: to });
  if (!row) {
    throw new AppError(
      'conflict',
      kpiMessage('rate.missing', { period, currency: money.currency, base: to }),
    );
  }
  return convert(money, to, String(row.rate));
}
