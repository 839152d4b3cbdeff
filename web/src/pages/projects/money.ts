// Money between what a person types, the API's decimal strings and integer minor units, exactly:
// digits are moved as text and held as BigInt, never in a float. The decimals of each currency
// are ISO 4217's, from the table the server uses too (never the browser's Intl, whose CLDR data
// gives IQD, COP, HUF and others other decimals).
import {
  decimalToScaled,
  isCurrencyCode,
  minorUnitsOf,
  scaledToDecimal,
} from '../../../../src/platform/money-schemas.ts';

export { isCurrencyCode, minorUnitsOf, scaledToDecimal };

export type MoneyParse =
  | { ok: true; minor: bigint }
  | { ok: false; reason: 'empty' | 'format' | 'negative' | 'decimals' | 'too-large' };

/** As the API allows: at most 15 digits before the decimal point. */
const maxWholeDigits = 15;

/**
 * Reads an amount typed in a currency's units ("1 250,50", "1,250.50", "3000000") into minor
 * units. Spaces and apostrophes may group digits; the decimal separator is a point or a comma
 * (when both appear, the last one is the decimal separator). More decimals than the currency has
 * are refused, unless they are zeros.
 */
export function parseMoney(input: string, decimals: number): MoneyParse {
  const compact = input.trim().replace(/[\s\u00a0\u202f\u2009'’]/g, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  if (/^[-−]/.test(compact)) return { ok: false, reason: 'negative' };
  if (!/^[0-9.,]+$/.test(compact) || !/[0-9]/.test(compact)) return { ok: false, reason: 'format' };
  const points = compact.split('.').length - 1;
  const commas = compact.split(',').length - 1;
  let whole: string;
  let fraction = '';
  if (points > 0 && commas > 0) {
    const at = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
    const separator = compact[at];
    const group = separator === '.' ? ',' : '.';
    whole = compact.slice(0, at);
    fraction = compact.slice(at + 1);
    if (whole.includes(separator as string)) return { ok: false, reason: 'format' };
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})*$`).test(whole))
      return { ok: false, reason: 'format' };
    whole = whole.replaceAll(group, '');
  } else if (points + commas === 1) {
    [whole = '', fraction = ''] = compact.split(/[.,]/);
  } else if (points + commas > 1) {
    // One kind of separator, several times: it groups thousands.
    if (!/^\d{1,3}([.,]\d{3})+$/.test(compact)) return { ok: false, reason: 'format' };
    whole = compact.replace(/[.,]/g, '');
  } else {
    whole = compact;
  }
  if (!/^\d*$/.test(fraction) || (whole === '' && fraction === ''))
    return { ok: false, reason: 'format' };
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > decimals) return { ok: false, reason: 'decimals' };
  const wholeDigits = whole.replace(/^0+(?=\d)/, '');
  if (wholeDigits.length > maxWholeDigits) return { ok: false, reason: 'too-large' };
  return { ok: true, minor: BigInt((whole || '0') + significant.padEnd(decimals, '0')) };
}

/**
 * Minor units shown as money in the reader's language, with all the decimals ISO 4217 gives the
 * currency (IQD 1,250.500, JPY 1,250): what is shown is exactly what is recorded.
 */
export function formatMinor(minor: bigint, currency: string, locale: string): string {
  const decimals = minorUnitsOf(currency) ?? 2;
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return format.format(scaledToDecimal(minor, decimals) as `${number}`);
}

/** An exact decimal string (a count, kWh) in the reader's language, without passing a float. */
export function formatDecimal(amount: string, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(amount as `${number}`);
}

/** A figure's amount as the API gives it, in the reader's language: money with its currency. */
export function formatAmount(amount: string, currency: string | null, locale: string): string {
  const minor = currency ? decimalToScaled(amount, minorUnitsOf(currency) ?? 0) : null;
  if (typeof minor !== 'bigint' || !currency) return formatDecimal(amount, locale);
  return formatMinor(minor, currency, locale);
}

/** Exact decimal strings (as the API gives them) as integers on one scale, the finest of them. */
function onOneScale(amounts: string[]): { values: bigint[]; decimals: number } {
  const decimals = Math.max(0, ...amounts.map((amount) => amount.split('.')[1]?.length ?? 0));
  const values = amounts.map((amount) => {
    const scaled = decimalToScaled(amount, decimals);
    return typeof scaled === 'bigint' ? scaled : 0n;
  });
  return { values, decimals };
}

/** How far a result has come towards its target, from their exact amounts (0 to 1 or more). */
export function progressRatio(result: string, target: string): number | null {
  const {
    values: [done = 0n, goal = 0n],
  } = onOneScale([result, target]);
  if (goal === 0n) return null;
  // Per ten thousand, in integers, then one division: close enough for a percentage.
  return Number((done * 10000n) / goal) / 10000;
}

/** Sums exact decimal strings (as the API gives them) without floats. */
export function addDecimals(amounts: string[]): string {
  const { values, decimals } = onOneScale(amounts);
  return scaledToDecimal(
    values.reduce((total, value) => total + value, 0n),
    decimals,
  );
}
