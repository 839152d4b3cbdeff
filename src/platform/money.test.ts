import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOfZodIssue } from './field-errors.ts';
import {
  allocate,
  applyRate,
  CurrencyCode,
  convert,
  currencyCodes,
  formatMoney,
  type Money,
  MoneyAmount,
  maxMinorUnits,
  minorUnitsOf,
  moneyOf,
  parseMoney,
  percentageOf,
} from './money.ts';

const minor = (amount: string, currency: string) => {
  const parsed = parseMoney(amount, currency);
  return parsed.ok ? parsed.money.minor : parsed.error.code;
};
const money = (minorUnits: bigint, currency = 'USD'): Money => ({ minor: minorUnits, currency });
const minors = (parts: Money[]) => parts.map((part) => part.minor);

describe('the currency table', () => {
  it('gives the decimals of ISO 4217, where Intl (CLDR) says otherwise too', () => {
    expect(minorUnitsOf('USD')).toBe(2);
    expect(minorUnitsOf('XOF')).toBe(0);
    expect(minorUnitsOf('JPY')).toBe(0);
    expect(minorUnitsOf('BHD')).toBe(3);
    expect(minorUnitsOf('CLF')).toBe(4);
    // Intl on Node 20 gives 0 for these three.
    expect(minorUnitsOf('IQD')).toBe(3);
    expect(minorUnitsOf('COP')).toBe(2);
    expect(minorUnitsOf('HUF')).toBe(2);
  });

  it('knows only codes of list one that have a minor unit', () => {
    expect(minorUnitsOf('XAU')).toBeUndefined();
    expect(minorUnitsOf('XXX')).toBeUndefined();
    expect(minorUnitsOf('ABC')).toBeUndefined();
    expect(minorUnitsOf('usd')).toBeUndefined();
    expect(minorUnitsOf('toString')).toBeUndefined();
    expect(currencyCodes).toContain('EUR');
    expect(currencyCodes).not.toContain('XDR');
  });
});

describe('reading a decimal string into minor units', () => {
  it('reads exactly, with the currency’s decimals or fewer', () => {
    expect(minor('700000.00', 'USD')).toBe(70_000_000n);
    expect(minor('700000.5', 'USD')).toBe(70_000_050n);
    expect(minor('0.05', 'USD')).toBe(5n);
    expect(minor('3000000000', 'XOF')).toBe(3_000_000_000n);
    expect(minor('1.234', 'BHD')).toBe(1234n);
    expect(minor('1.234', 'IQD')).toBe(1234n);
    expect(minor('1.5', 'HUF')).toBe(150n);
    expect(minor('1.2345', 'CLF')).toBe(12345n);
    expect(minor('-12.50', 'USD')).toBe(-1250n);
    expect(minor('-0.00', 'USD')).toBe(0n);
    expect(minor('0012.5', 'USD')).toBe(1250n);
  });

  it('refuses more decimals than the currency has, even zeros', () => {
    expect(minor('1.001', 'USD')).toBe('too-many-decimals');
    expect(minor('1.500', 'USD')).toBe('too-many-decimals');
    expect(minor('1.5', 'XOF')).toBe('too-many-decimals');
    expect(minor('5.0', 'JPY')).toBe('too-many-decimals');
    expect(minor('1.2345', 'BHD')).toBe('too-many-decimals');
    const refused = parseMoney('1.001', 'USD');
    expect(refused).toEqual({
      ok: false,
      error: {
        field: 'amount',
        code: 'too-many-decimals',
        params: { currency: 'USD', maximum: 2 },
        detail: 'USD has 2 decimal places; write the amount with at most 2.',
      },
    });
  });

  it('refuses what is not a plain decimal string', () => {
    for (const bad of [
      '',
      ' 5',
      '5 ',
      '12,5',
      '1,250.00',
      '.5',
      '5.',
      '+5',
      '1e5',
      '0x10',
      '--5',
      '5-',
      'NaN',
      'Infinity',
      '١٢',
    ])
      expect(minor(bad, 'USD'), bad).toBe('invalid-format');
    const refused = parseMoney('12,5', 'USD');
    expect(refused.ok ? null : refused.error).toMatchObject({
      field: 'amount',
      params: { format: 'decimal' },
    });
  });

  it('refuses amounts beyond what a bigint column holds', () => {
    expect(minor('92233720368547758.07', 'USD')).toBe(maxMinorUnits);
    expect(minor('-92233720368547758.07', 'USD')).toBe(-maxMinorUnits);
    expect(minor('92233720368547758.08', 'USD')).toBe('amount-too-large');
    expect(minor('9'.repeat(5000), 'USD')).toBe('amount-too-large');
    const refused = parseMoney('9223372036854775808', 'JPY');
    expect(refused.ok ? null : refused.error).toEqual({
      field: 'amount',
      code: 'amount-too-large',
      params: { currency: 'JPY', largest: '9223372036854775807' },
      detail: 'This amount is too large to record: at most 9223372036854775807 JPY.',
    });
  });

  it('names what is wrong with the currency', () => {
    const error = (currency: string) => {
      const parsed = parseMoney('1', currency);
      return parsed.ok
        ? null
        : { field: parsed.error.field, code: parsed.error.code, params: parsed.error.params };
    };
    expect(error('ABC')).toEqual({
      field: 'currency',
      code: 'unknown-code',
      params: { kind: 'currency' },
    });
    expect(error('usd')).toEqual({
      field: 'currency',
      code: 'invalid-format',
      params: { format: 'currency-code' },
    });
    expect(error('XAU')).toEqual({
      field: 'currency',
      code: 'currency-without-minor-unit',
      params: { currency: 'XAU' },
    });
    expect(() => moneyOf('1', 'XDR')).toThrow(/no minor unit/);
  });
});

describe('writing minor units as a decimal string', () => {
  it('always gives the currency’s decimals, negative amounts included', () => {
    expect(formatMoney(money(70_000_050n))).toBe('700000.50');
    expect(formatMoney(money(5n))).toBe('0.05');
    expect(formatMoney(money(-5n))).toBe('-0.05');
    expect(formatMoney(money(-1250n))).toBe('-12.50');
    expect(formatMoney(money(0n))).toBe('0.00');
    expect(formatMoney(money(3_000_000_000n, 'XOF'))).toBe('3000000000');
    expect(formatMoney(money(-7n, 'JPY'))).toBe('-7');
    expect(formatMoney(money(1n, 'BHD'))).toBe('0.001');
    expect(formatMoney(money(-12_500_250n, 'IQD'))).toBe('-12500.250');
    expect(formatMoney(money(maxMinorUnits, 'EUR'))).toBe('92233720368547758.07');
  });

  it('throws for a currency outside the table: a stored amount always has a known one', () => {
    expect(() => formatMoney(money(1n, 'XDR'))).toThrow(/not a currency of ISO 4217 list one/);
  });
});

const currency = fc.constantFrom(...currencyCodes);
const amount = fc.bigInt({ min: -maxMinorUnits, max: maxMinorUnits });

describe('round trips', () => {
  it('parse ∘ format is the identity on minor units', () => {
    fc.assert(
      fc.property(currency, amount, (code, minorUnits) => {
        expect(moneyOf(formatMoney(money(minorUnits, code)), code)).toEqual(
          money(minorUnits, code),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('format ∘ parse writes back the same number with all its decimals', () => {
    const written = currency.chain((code) => {
      const decimals = minorUnitsOf(code) ?? 0;
      return fc.record({
        code: fc.constant(code),
        negative: fc.boolean(),
        // Up to 10^14: within a bigint with four decimals (CLF).
        whole: fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fraction: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: decimals }),
      });
    });
    fc.assert(
      fc.property(written, ({ code, negative, whole, fraction }) => {
        const decimals = minorUnitsOf(code) ?? 0;
        const text = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
        const digits = `${whole}${decimals > 0 ? `.${fraction.padEnd(decimals, '0')}` : ''}`;
        const zero = /^[0.]+$/.test(digits);
        expect(formatMoney(moneyOf(text, code))).toBe(negative && !zero ? `-${digits}` : digits);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('allocating an amount over weights', () => {
  it('gives the units left over to the largest remainders, the earlier part first on a tie', () => {
    expect(minors(allocate(money(100n), [1, 1, 1]))).toEqual([34n, 33n, 33n]);
    expect(minors(allocate(money(200n), [1, 1, 1]))).toEqual([67n, 67n, 66n]);
    // 10 over 3:7 is 3 and 7 exactly; 11 over 3:7 is 3.3 and 7.7: the larger remainder gets it.
    expect(minors(allocate(money(10n), [3, 7]))).toEqual([3n, 7n]);
    expect(minors(allocate(money(11n), [3, 7]))).toEqual([3n, 8n]);
    expect(minors(allocate(money(5n), [1, 1, 1, 1, 1, 1]))).toEqual([1n, 1n, 1n, 1n, 1n, 0n]);
  });

  it('gives nothing to a zero weight, everything to a single weight', () => {
    expect(minors(allocate(money(100n), [0, 1, 0, 2]))).toEqual([0n, 33n, 0n, 67n]);
    expect(minors(allocate(money(101n), [5]))).toEqual([101n]);
    expect(minors(allocate(money(0n), [1, 2]))).toEqual([0n, 0n]);
  });

  it('splits a negative amount as the opposite of its opposite', () => {
    expect(minors(allocate(money(-100n), [1, 1, 1]))).toEqual([-34n, -33n, -33n]);
    expect(minors(allocate(money(-11n), [3, 7]))).toEqual([-3n, -8n]);
  });

  it('keeps the currency and takes bigint weights', () => {
    expect(allocate(money(7n, 'JPY'), [2n ** 70n, 2n ** 70n])).toEqual([
      money(4n, 'JPY'),
      money(3n, 'JPY'),
    ]);
  });

  it('refuses weights that cannot share anything', () => {
    expect(() => allocate(money(100n), [])).toThrow(RangeError);
    expect(() => allocate(money(100n), [0, 0])).toThrow(/at least one weight above zero/);
    expect(() => allocate(money(100n), [1, -1])).toThrow(/cannot be negative/);
    expect(() => allocate(money(100n), [0.5, 1])).toThrow(/whole numbers/);
  });

  it('always adds up exactly, each part within one unit of its exact share', () => {
    const weights = fc
      .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })), {
        minLength: 1,
        maxLength: 20,
      })
      .filter((list) => list.some((weight) => weight > 0));
    fc.assert(
      fc.property(amount, weights, (minorUnits, list) => {
        const parts = minors(allocate(money(minorUnits), list));
        expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(minorUnits);
        const total = BigInt(list.reduce((sum, weight) => sum + weight, 0));
        list.forEach((weight, index) => {
          const part = parts[index] as bigint;
          const gap = part * total - minorUnits * BigInt(weight);
          expect(gap < 0n ? -gap : gap).toBeLessThan(total);
          if (weight === 0) expect(part).toBe(0n);
        });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('rates and percentages', () => {
  it('applies a rate exactly and rounds once, half to even', () => {
    expect(applyRate(money(1000n), '0.125')).toEqual(money(125n));
    expect(applyRate(money(25n), '0.5')).toEqual(money(12n));
    expect(applyRate(money(35n), '0.5')).toEqual(money(18n));
    expect(applyRate(money(-25n), '0.5')).toEqual(money(-12n));
    expect(applyRate(money(-35n), '0.5')).toEqual(money(-18n));
    // 0.1 + 0.2 is not 0.30000000000000004 here.
    expect(applyRate(money(10n ** 18n), '0.3')).toEqual(money(3n * 10n ** 17n));
    expect(applyRate(money(maxMinorUnits), '1')).toEqual(money(maxMinorUnits));
  });

  it('takes a percentage of an amount', () => {
    expect(percentageOf(money(1050n), '10')).toEqual(money(105n));
    expect(percentageOf(money(1050n), '12.5')).toEqual(money(131n)); // 131.25
    expect(percentageOf(money(10n), '25')).toEqual(money(2n)); // 2.5 -> 2
    expect(percentageOf(money(30n), '25')).toEqual(money(8n)); // 7.5 -> 8
    expect(percentageOf(money(333n, 'JPY'), '100')).toEqual(money(333n, 'JPY'));
  });

  it('converts between currencies with their own decimals', () => {
    // 100 EUR at 655.957 XOF per euro: 65595.7 -> 65596 XOF.
    expect(convert(money(10_000n, 'EUR'), 'XOF', '655.957')).toEqual(money(65_596n, 'XOF'));
    // 1 BHD (1000 fils) at 2.65 USD: 265 cents.
    expect(convert(money(1000n, 'BHD'), 'USD', '2.65')).toEqual(money(265n, 'USD'));
    // 1 JPY at 0.5 IQD: 500 of its thousandths.
    expect(convert(money(1n, 'JPY'), 'IQD', '0.5')).toEqual(money(500n, 'IQD'));
    // 0.05 USD at 0.5 JPY: 0.025 -> 0 JPY; 3 cents at 50: 1.5 -> 2 JPY.
    expect(convert(money(5n), 'JPY', '0.5')).toEqual(money(0n, 'JPY'));
    expect(convert(money(3n), 'JPY', '50')).toEqual(money(2n, 'JPY'));
  });

  it('refuses rates that are not decimal strings, and unknown currencies', () => {
    expect(() => applyRate(money(1n), '1e3')).toThrow(/decimal string/);
    expect(() => applyRate(money(1n), '')).toThrow(/decimal string/);
    expect(() => percentageOf(money(1n), '5%')).toThrow(/decimal string/);
    expect(() => convert(money(1n), 'XAU', '1')).toThrow(/not a currency/);
  });

  it('converting at rate 1 between currencies of equal decimals changes nothing', () => {
    fc.assert(
      fc.property(amount, (minorUnits) => {
        expect(convert(money(minorUnits, 'EUR'), 'USD', '1')).toEqual(money(minorUnits, 'USD'));
        expect(applyRate(money(minorUnits), '1.0')).toEqual(money(minorUnits));
      }),
    );
  });
});

describe('the wire schemas', () => {
  it('take money as a decimal string with its currency, and point at the field at fault', () => {
    expect(MoneyAmount.parse({ amount: '12.50', currency: 'USD' })).toEqual({
      amount: '12.50',
      currency: 'USD',
    });
    const issues = (value: unknown) =>
      (MoneyAmount.safeParse(value).error?.issues ?? []).map((issue) => ({
        path: issue.path,
        code: codeOfZodIssue(issue).code,
      }));
    expect(issues({ amount: '12.501', currency: 'USD' })).toEqual([
      { path: ['amount'], code: 'too-many-decimals' },
    ]);
    expect(issues({ amount: '12', currency: 'XAU' })).toEqual([
      { path: ['currency'], code: 'currency-without-minor-unit' },
    ]);
    expect(issues({ amount: '12', currency: 'US' })).toEqual([
      { path: ['currency'], code: 'invalid-format' },
    ]);
    expect(CurrencyCode.safeParse('IQD').success).toBe(true);
  });
});
