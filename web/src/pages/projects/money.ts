// Money between what a person types, the API's decimal strings and integer minor units, exactly:
// digits are moved as text and held as BigInt, never in a float.

/** Decimals of a currency's minor unit (USD 2, XOF 0, BHD 3), from ISO 4217 via the browser. */
export function currencyDecimals(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits as number;
}

const supported = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
);

export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value) && supported.has(value);
}

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

/** 70000050n with 2 decimals -> "700000.50": the API's decimal string. */
export function minorToDecimal(minor: bigint, decimals: number): string {
  const digits = minor.toString().padStart(decimals + 1, '0');
  if (decimals === 0) return digits;
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** The API's exact decimal string -> minor units ("700000.5" USD -> 70000050n). */
export function decimalToMinor(amount: string, decimals: number): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole + fraction.padEnd(decimals, '0').slice(0, decimals));
}

/**
 * Minor units shown as money in the reader's language. The decimals come from the formatter
 * itself, so what is shown and how the digits are placed always agree (JPY 0, BHD 3).
 */
export function formatMinor(minor: bigint, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorToDecimal(minor, decimals) as `${number}`);
}

/** An exact decimal string (a count, kWh) in the reader's language, without passing a float. */
export function formatDecimal(amount: string, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(amount as `${number}`);
}

/** A figure's amount as the API gives it, in the reader's language: money with its currency. */
export function formatAmount(amount: string, currency: string | null, locale: string): string {
  if (!currency) return formatDecimal(amount, locale);
  return formatMinor(decimalToMinor(amount, currencyDecimals(currency)), currency, locale);
}

/** How far a result has come towards its target, from their exact amounts (0 to 1 or more). */
export function progressRatio(result: string, target: string): number | null {
  const scale = (value: string) => {
    const [whole = '0', fraction = ''] = value.split('.');
    return BigInt(whole + fraction.padEnd(3, '0').slice(0, 3));
  };
  const goal = scale(target);
  if (goal === 0n) return null;
  // Per ten thousand, in integers, then one division: close enough for a percentage.
  return Number((scale(result) * 10000n) / goal) / 10000;
}

/** Sums exact decimal strings (as the API gives them) without floats. */
export function addDecimals(amounts: string[]): string {
  const decimals = Math.max(0, ...amounts.map((amount) => amount.split('.')[1]?.length ?? 0));
  const sum = amounts.reduce((total, amount) => total + decimalToMinor(amount, decimals), 0n);
  return minorToDecimal(sum, decimals);
}
