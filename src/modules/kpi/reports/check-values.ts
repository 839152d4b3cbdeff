// A report's values checked against the catalogue: each indicator exists, takes reports (not
// archived, not a formula, which is computed), is of the report's periodicity, carries its unit
// (money with a currency, whole numbers for people and counts) and lies in its valid range.
import type { FieldError } from '../../../platform/errors.ts';
import { decimalsOf, parseMoney } from '../../../platform/money-schemas.ts';
import type { IndicatorRow, StoredValue } from '../queries.ts';
import type { ReportValueInput } from '../schemas.ts';

const wholeUnits = new Set(['people', 'count']);

export function checkReportValues(
  values: readonly ReportValueInput[],
  catalogue: ReadonlyMap<string, IndicatorRow>,
  periodicity: 'month' | 'quarter' | 'year',
): { stored: StoredValue[]; errors: FieldError[] } {
  const stored: StoredValue[] = [];
  const errors: FieldError[] = [];
  values.forEach((entry, index) => {
    const at = `/values/${index}`;
    const indicator = catalogue.get(entry.indicator);
    if (!indicator || indicator.archived_at !== null) {
      errors.push({
        pointer: `${at}/indicator`,
        detail: `There is no indicator ${entry.indicator} to report in the catalogue.`,
        code: 'indicator-unknown',
        params: { codes: entry.indicator },
      });
      return;
    }
    if (indicator.formula !== null) {
      errors.push({
        pointer: `${at}/indicator`,
        detail: `${entry.indicator} is computed from ${indicator.inputs.join(', ')}: report those instead.`,
        code: 'indicator-computed',
        params: { inputs: indicator.inputs.join(', ') },
      });
      return;
    }
    if (indicator.periodicity !== periodicity) {
      errors.push({
        pointer: `${at}/indicator`,
        detail: `${entry.indicator} is reported per ${indicator.periodicity}, not per ${periodicity}.`,
        code: 'wrong-periodicity',
        params: { periodicity: indicator.periodicity },
      });
      return;
    }
    let number: number;
    if (indicator.unit === 'currency') {
      if (entry.amount === undefined || entry.currency === undefined) {
        errors.push({
          pointer: `${at}/amount`,
          detail: `${entry.indicator} is money: send amount and currency, such as "1200.50" and INR.`,
          code: 'currency-required',
        });
        return;
      }
      if (entry.value !== undefined) {
        errors.push({
          pointer: `${at}/value`,
          detail: 'Money travels as amount and currency: leave value out.',
          code: 'value-not-allowed',
        });
        return;
      }
      const parsed = parseMoney(entry.amount, entry.currency);
      if (!parsed.ok) {
        errors.push({
          pointer: `${at}/${parsed.error.field}`,
          detail: parsed.error.detail,
          code: parsed.error.code,
          params: parsed.error.params,
        });
        return;
      }
      number = Number(parsed.money.minor) / 10 ** decimalsOf(parsed.money.currency);
      stored.push({
        indicator: entry.indicator,
        quantity: null,
        amountMinor: parsed.money.minor,
        currency: parsed.money.currency,
      });
    } else {
      if (entry.amount !== undefined || entry.currency !== undefined) {
        errors.push({
          pointer: `${at}/${entry.amount !== undefined ? 'amount' : 'currency'}`,
          detail: `Only money has an amount and a currency; ${entry.indicator} is in ${indicator.unit}: send value.`,
          code: 'currency-not-allowed',
          params: { unit: indicator.unit },
        });
        return;
      }
      if (entry.value === undefined) {
        errors.push({
          pointer: `${at}/value`,
          detail: `Send the value of ${entry.indicator}.`,
          code: 'required',
        });
        return;
      }
      if (wholeUnits.has(indicator.unit) && entry.value.includes('.')) {
        errors.push({
          pointer: `${at}/value`,
          detail: `${entry.indicator} is counted whole: use a whole number.`,
          code: 'whole-number-required',
        });
        return;
      }
      number = Number(entry.value);
      stored.push({
        indicator: entry.indicator,
        quantity: entry.value,
        amountMinor: null,
        currency: null,
      });
    }
    const { min_value: min, max_value: max } = indicator;
    if ((min !== null && number < min) || (max !== null && number > max)) {
      stored.pop();
      errors.push({
        pointer: `${at}/${indicator.unit === 'currency' ? 'amount' : 'value'}`,
        detail: `${entry.indicator} lies between ${min ?? '−∞'} and ${max ?? '∞'}; check the figure.`,
        code: 'out-of-range',
        params: { minimum: min ?? '−∞', maximum: max ?? '∞' },
      });
    }
  });
  return { stored, errors };
}
