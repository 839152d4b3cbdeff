// Currencies and exact amounts as the wire carries them, shared by the server and the web app
// (pure: zod and a JSON table, nothing else). The decimals of each currency's minor unit come
// from ISO 4217 list one (currency-table.json, generated from the currency-codes package), never
// from Intl: its CLDR data gives IQD, COP, HUF and a dozen more other decimals than ISO 4217.
// Amounts are bigint minor units; decimal strings are read and written digit by digit.
// The schemas at the end are marked pure so that a bundle taking only the table and the
// functions (the web app's) leaves zod out: a test builds the web's money helpers to check it.
import { z } from 'zod';
import table from './currency-table.json' with { type: 'json' };
import type { FieldErrorCode, FieldErrorParams } from './field-errors.ts';

/** An amount of money: integer minor units (cents for USD, fils for BHD) of an ISO 4217 code. */
export type Money = { readonly minor: bigint; readonly currency: string };

const minorUnits: Readonly<Record<string, number>> = table.minorUnits;
const withoutMinorUnit: ReadonlySet<string> = new Set(table.withoutMinorUnit);

/** Where the table comes from: the package, its version and licence, the list's date. */
export const currencyTableSource = table.source;
/** Every code money may be recorded in, in alphabetical order. */
export const currencyCodes: readonly string[] = Object.keys(minorUnits);

/** Decimals of a currency's minor unit (USD 2, XOF 0, BHD 3, CLF 4); undefined for an unknown code. */
export function minorUnitsOf(currency: string): number | undefined {
  return Object.hasOwn(minorUnits, currency) ? minorUnits[currency] : undefined;
}

export function isCurrencyCode(value: string): boolean {
  return minorUnitsOf(value) !== undefined;
}

/** The decimals of a currency known to be in the table (a stored or checked amount's). */
export function decimalsOf(currency: string): number {
  const decimals = minorUnitsOf(currency);
  if (decimals === undefined) throw new Error(`${currency} is not a currency of ISO 4217 list one`);
  return decimals;
}

/** The most minor units an amount may have: what a PostgreSQL bigint column holds. */
export const maxMinorUnits = 2n ** 63n - 1n;

/**
 * `-12.5` with 2 decimals -> -1250n; or why it is not such a number. Past 30 digits before the
 * point it says 'too-large' rather than read them (no amount or quantity is that large).
 */
export function decimalToScaled(
  amount: string,
  decimals: number,
): bigint | 'format' | 'decimals' | 'too-large' {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) return 'format';
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > decimals) return 'decimals';
  if (whole.replace(/^0+/, '').length > 30) return 'too-large';
  const magnitude = BigInt(whole + fraction.padEnd(decimals, '0'));
  return sign ? -magnitude : magnitude;
}

/** -1250n with 2 decimals -> "-12.50": always with that many decimals, never a float. */
export function scaledToDecimal(value: bigint, decimals: number): string {
  const digits = (value < 0n ? -value : value).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return value < 0n ? `-${text}` : text;
}

/** Why an amount or a currency was refused, as a field error's code, params and English detail. */
export type MoneyError = {
  field: 'amount' | 'currency';
  code: FieldErrorCode;
  params: FieldErrorParams;
  detail: string;
};

/** The English detail of a code that ISO 4217 lists without a minor unit, such as XAU or XDR. */
const notMoney = (currency: string) =>
  `${currency} has no minor unit in ISO 4217 (a precious metal, a fund or a unit of account): record the amount in a currency such as USD or EUR.`;

const codePattern = /^[A-Z]{3}$/;
const codeFormat = 'Use a three-letter ISO 4217 currency code in capitals, such as USD or XOF.';

/** Why a currency code cannot carry an amount, or undefined when it can. */
export function currencyError(currency: string): MoneyError | undefined {
  if (isCurrencyCode(currency)) return undefined;
  if (!codePattern.test(currency))
    return {
      field: 'currency',
      code: 'invalid-format',
      params: { format: 'currency-code' },
      detail: codeFormat,
    };
  if (withoutMinorUnit.has(currency))
    return {
      field: 'currency',
      code: 'currency-without-minor-unit',
      params: { currency },
      detail: notMoney(currency),
    };
  return {
    field: 'currency',
    code: 'unknown-code',
    params: { kind: 'currency' },
    detail: 'This is not an ISO 4217 currency code; use one such as USD, EUR, GBP or XOF.',
  };
}

export type MoneyParse = { ok: true; money: Money } | { ok: false; error: MoneyError };

/**
 * Reads an API decimal string ("1250.50", "-3", "0.125") in a currency into minor units,
 * exactly: digits, an optional leading minus and at most the currency's decimals after a point.
 * Fewer decimals are fine ("12.5" USD is 1250 cents); more are refused, even zeros, since they
 * claim a precision the currency does not have.
 */
export function parseMoney(amount: string, currency: string): MoneyParse {
  const refused = currencyError(currency);
  if (refused) return { ok: false, error: refused };
  const decimals = decimalsOf(currency);
  const fail = (code: FieldErrorCode, params: FieldErrorParams, detail: string): MoneyParse => ({
    ok: false,
    error: { field: 'amount', code, params, detail },
  });
  const minor = decimalToScaled(amount, decimals);
  if (minor === 'format')
    return fail(
      'invalid-format',
      { format: 'decimal' },
      'Write the amount as a decimal string with a point, such as "350" or "700000.00".',
    );
  if (minor === 'decimals')
    return fail(
      'too-many-decimals',
      { currency, maximum: decimals },
      `${currency} has ${decimals} decimal places; write the amount with at most ${decimals}.`,
    );
  if (minor === 'too-large' || minor > maxMinorUnits || minor < -maxMinorUnits) {
    const largest = scaledToDecimal(maxMinorUnits, decimals);
    return fail(
      'amount-too-large',
      { currency, largest },
      `This amount is too large to record: at most ${largest} ${currency}.`,
    );
  }
  return { ok: true, money: { minor, currency } };
}

/** An amount already checked (by the schemas below, or stored): its minor units, or a throw. */
export function moneyOf(amount: string, currency: string): Money {
  const parsed = parseMoney(amount, currency);
  if (!parsed.ok) throw new Error(`${amount} ${currency}: ${parsed.error.detail}`);
  return parsed.money;
}

/** Minor units back to the API's decimal string, with all of the currency's decimals ("-12.50"). */
export function formatMoney(money: Money): string {
  return scaledToDecimal(money.minor, decimalsOf(money.currency));
}

/** A money error as a zod issue at the field it concerns (its code in params, as elsewhere). */
export function addMoneyIssue(
  context: z.RefinementCtx,
  error: MoneyError,
  path: (string | number)[] = [error.field],
) {
  context.addIssue({
    code: 'custom',
    path,
    message: error.detail,
    params: { code: error.code, ...error.params },
  });
}

/** An ISO 4217 code from list one that has a minor unit, such as USD, XOF or BHD. */
export const CurrencyCode = /* @__PURE__ */ z
  .string()
  .regex(codePattern, codeFormat)
  .superRefine((code, context) => {
    const error = codePattern.test(code) ? currencyError(code) : undefined;
    if (error) addMoneyIssue(context, error, []);
  });

/** Money on the wire: `{"amount": "12.50", "currency": "USD"}`, exact to the currency's minor unit. */
export const MoneyAmount = /* @__PURE__ */ z
  .strictObject({
    amount: z.string().max(40, 'Write the amount with at most 40 characters.'),
    currency: CurrencyCode,
  })
  .superRefine((value, context) => {
    const parsed = parseMoney(value.amount, value.currency);
    if (!parsed.ok && parsed.error.field === 'amount') addMoneyIssue(context, parsed.error);
  });
export type MoneyAmount = z.infer<typeof MoneyAmount>;
