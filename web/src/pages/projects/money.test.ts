import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  addDecimals,
  formatAmount,
  formatMinor,
  minorUnitsOf,
  parseMoney,
  progressRatio,
  scaledToDecimal,
} from './money.ts';

const minor = (input: string, decimals: number) => {
  const parsed = parseMoney(input, decimals);
  return parsed.ok ? parsed.minor : parsed.reason;
};

describe('money typed by a person, read into minor units', () => {
  it('takes the decimals from the server’s ISO 4217 table, where the browser’s Intl differs', () => {
    expect([minorUnitsOf('XOF'), minorUnitsOf('USD'), minorUnitsOf('KWD')]).toEqual([0, 2, 3]);
    expect([minorUnitsOf('IQD'), minorUnitsOf('HUF'), minorUnitsOf('COP')]).toEqual([3, 2, 2]);
  });

  it('reads amounts exactly, beyond what a float holds', () => {
    expect(minor('1250.50', 2)).toBe(125050n);
    expect(minor('1250,5', 2)).toBe(125050n);
    expect(minor('0.1', 2)).toBe(10n);
    expect(minor('0.29', 2)).toBe(29n);
    expect(minor('3000000000', 0)).toBe(3000000000n);
    expect(minor('12500.25', 3)).toBe(12500250n);
    expect(minor('0.001', 3)).toBe(1n);
    // 15 digits and cents: 2^53 is far below this many cents.
    expect(minor('999999999999999.99', 2)).toBe(99999999999999999n);
    expect(minor('.5', 2)).toBe(50n);
    expect(minor('7.', 2)).toBe(700n);
  });

  it('takes digit groups with spaces, points or commas, the last separator as the decimal one', () => {
    expect(minor('1 250 000,50', 2)).toBe(125000050n);
    expect(minor('1\u202f250,50', 2)).toBe(125050n);
    expect(minor('1,250,000.50', 2)).toBe(125000050n);
    expect(minor('1.250.000,50', 2)).toBe(125000050n);
    expect(minor('1,250,000', 0)).toBe(1250000n);
    expect(minor("1'250.50", 2)).toBe(125050n);
  });

  it('accepts trailing zeros beyond the currency’s decimals, nothing more', () => {
    expect(minor('5.000', 2)).toBe(500n);
    expect(minor('5.001', 2)).toBe('decimals');
    expect(minor('5.5', 0)).toBe('decimals');
    expect(minor('5.0', 0)).toBe(5n);
    expect(minor('1.2345', 3)).toBe('decimals');
  });

  it('refuses what is not an amount', () => {
    expect(minor('', 2)).toBe('empty');
    expect(minor('   ', 2)).toBe('empty');
    expect(minor('-5', 2)).toBe('negative');
    expect(minor('−5', 2)).toBe('negative');
    expect(minor('12a', 2)).toBe('format');
    expect(minor('1e5', 2)).toBe('format');
    expect(minor('.', 2)).toBe('format');
    expect(minor('1.2.3', 2)).toBe('format');
    expect(minor('12,34,5', 2)).toBe('format');
    expect(minor('1,2.5', 2)).toBe('format');
    expect(minor('$5', 2)).toBe('format');
    expect(minor('Infinity', 2)).toBe('format');
    expect(minor('1234567890123456', 2)).toBe('too-large');
  });
});

describe('minor units on the wire and on screen', () => {
  it('writes the API’s decimal strings with the currency’s decimals', () => {
    expect(scaledToDecimal(125050n, 2)).toBe('1250.50');
    expect(scaledToDecimal(5n, 2)).toBe('0.05');
    expect(scaledToDecimal(3000000000n, 0)).toBe('3000000000');
    expect(scaledToDecimal(12500250n, 3)).toBe('12500.250');
  });

  it('formats with the currency’s ISO 4217 decimals in the reader’s language', () => {
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(formatMinor(125050n, 'USD', 'en')).toBe('$1,250.50');
    expect(plain(formatMinor(125050n, 'EUR', 'fr'))).toBe('1 250,50 €');
    expect(formatMinor(3000000000n, 'XOF', 'en')).toMatch(/3,000,000,000$/);
    expect(plain(formatMinor(12500250n, 'BHD', 'en'))).toBe('BHD 12,500.250');
    expect(formatMinor(10000000n, 'INR', 'hi')).toContain('1,00,000.00');
    // Intl alone would show IQD, HUF and COP without decimals, hiding what was recorded.
    expect(plain(formatMinor(12500250n, 'IQD', 'en'))).toBe('IQD 12,500.250');
    expect(plain(formatAmount('1250.5', 'HUF', 'fr'))).toBe('1 250,50 HUF');
    expect(plain(formatAmount('99.99', 'COP', 'es'))).toMatch(/^99,99 COP$/);
    expect(formatAmount('1250', 'JPY', 'en')).toBe('¥1,250');
    // Exact past 2^53: no float in the way.
    expect(formatMinor(99999999999999999n, 'USD', 'en')).toBe('$999,999,999,999,999.99');
  });

  it('adds exact decimals and measures progress without floats in the sums', () => {
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(addDecimals(['120', '30.5', '0.25'])).toBe('150.75');
    expect(progressRatio('120', '500')).toBe(0.24);
    expect(progressRatio('1', '0')).toBeNull();
    expect(progressRatio('0.6172', '1.2345')).toBe(0.4999);
  });
});

describe('the weight of the money helpers in the browser', () => {
  it('brings the ISO 4217 table, and neither zod nor big.js', async () => {
    const entry = fileURLToPath(new URL('./money.ts', import.meta.url));
    const built = await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, lib: { entry, formats: ['es'] } },
    });
    const outputs = (Array.isArray(built) ? built : [built]) as Rollup.RollupOutput[];
    const code = outputs
      .flatMap((bundle) => bundle.output)
      .map((chunk) => (chunk.type === 'chunk' ? chunk.code : ''))
      .join('\n');
    expect(code).toMatch(/"?IQD"?: 3/);
    expect(code).not.toMatch(/ZodType|_zod/);
    expect(code).not.toMatch(/roundHalfEven|\[big\.js\]/);
    expect(code.length).toBeLessThan(20_000);
  });
});
