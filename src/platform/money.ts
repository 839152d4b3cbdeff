// Exact money for every module: amounts are bigint minor units beside their ISO 4217 code, read
// from and written to decimal strings by money-schemas.ts (shared with the web app), split by
// largest remainder so the parts always add up, and multiplied by rates with big.js, rounded
// once, half to even. No float ever holds an amount.
import { Big } from 'big.js';
import { decimalsOf, type Money } from './money-schemas.ts';

export {
  CurrencyCode,
  currencyCodes,
  currencyTableSource,
  decimalsOf,
  formatMoney,
  isCurrencyCode,
  type Money,
  MoneyAmount,
  type MoneyError,
  type MoneyParse,
  maxMinorUnits,
  minorUnitsOf,
  moneyOf,
  parseMoney,
} from './money-schemas.ts';

/**
 * Splits an amount over weights (non-negative integers, at least one above zero) so that the
 * parts add up to the amount exactly. Each part first gets the whole minor units of its share
 * (amount × weight / total, towards zero); the units left over go one each to the parts whose
 * shares lost the largest remainders; between equal remainders, the earlier part comes first.
 * A part of weight zero gets nothing. A negative amount is split as its opposite, then negated,
 * so that the same weights give the same shape of split either way.
 */
export function allocate(money: Money, weights: readonly (bigint | number)[]): Money[] {
  const shares = weights.map((weight) => {
    if (typeof weight === 'number' && !Number.isSafeInteger(weight))
      throw new RangeError(`Weights are whole numbers; ${weight} is not one.`);
    const share = BigInt(weight);
    if (share < 0n) throw new RangeError(`Weights cannot be negative; ${weight} is.`);
    return share;
  });
  const total = shares.reduce((sum, share) => sum + share, 0n);
  if (total === 0n)
    throw new RangeError('An amount is allocated over at least one weight above zero.');
  const negative = money.minor < 0n;
  const amount = negative ? -money.minor : money.minor;
  const parts = shares.map((share) => (amount * share) / total);
  const remainders = shares.map((share) => (amount * share) % total);
  let left = amount - parts.reduce((sum, part) => sum + part, 0n);
  // The remainders add up to `left` times the total and each is below the total, so at least
  // `left` parts have one: every unit left goes to a part of positive weight.
  const order = parts
    .map((_, index) => index)
    .sort((a, b) => {
      const byRemainder = (remainders[b] as bigint) - (remainders[a] as bigint);
      return byRemainder > 0n ? 1 : byRemainder < 0n ? -1 : a - b;
    });
  for (const index of order) {
    if (left === 0n) break;
    parts[index] = (parts[index] as bigint) + 1n;
    left -= 1n;
  }
  return parts.map((part) => ({ minor: negative ? -part : part, currency: money.currency }));
}

// A constructor of our own: strict (no floats taken in), rounding half to even; only `times` is
// used, which is exact, so the one rounding is the last step's.
const Exact = Big();
Exact.strict = true;
Exact.RM = Exact.roundHalfEven;

const decimalPattern = /^-?\d+(\.\d+)?$/;
function decimal(value: string, what: string): Big {
  if (!decimalPattern.test(value))
    throw new RangeError(`A ${what} is a decimal string such as "0.05"; "${value}" is not.`);
  return new Exact(value);
}

/** A product in minor units, rounded to a whole minor unit, half to even. */
function wholeUnits(product: Big): bigint {
  return BigInt(product.round(0, Exact.roundHalfEven).toFixed(0));
}

/** The amount times a rate ("0.05" for 5 % interest), in its own currency, rounded half to even. */
export function applyRate(money: Money, rate: string): Money {
  return {
    minor: wholeUnits(new Exact(money.minor.toString()).times(decimal(rate, 'rate'))),
    currency: money.currency,
  };
}

/** A percentage ("12.5" for 12.5 %) of an amount, rounded half to even to a minor unit. */
export function percentageOf(money: Money, percent: string): Money {
  return {
    minor: wholeUnits(
      new Exact(money.minor.toString()).times(decimal(percent, 'percentage')).times('0.01'),
    ),
    currency: money.currency,
  };
}

/**
 * The amount in another currency at a rate given as units of `to` for one unit of the amount's
 * currency ("655.957" XOF for 1 EUR), rounded half to even to a minor unit of `to`.
 */
export function convert(money: Money, to: string, rate: string): Money {
  const shift = decimalsOf(to) - decimalsOf(money.currency);
  return {
    minor: wholeUnits(
      new Exact(money.minor.toString()).times(decimal(rate, 'rate')).times(`1e${shift}`),
    ),
    currency: to,
  };
}
