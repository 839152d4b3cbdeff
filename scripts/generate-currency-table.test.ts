import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildCurrencyTable, tableFile } from './generate-currency-table.ts';

const codes = createRequire(import.meta.url)('currency-codes') as {
  data: { code: string; digits: number }[];
};

describe('the currency table shipped in src/platform', () => {
  it('is what the installed currency-codes package gives: regenerate it after an update', () => {
    expect(JSON.parse(fs.readFileSync(tableFile, 'utf8'))).toEqual(buildCurrencyTable());
  });

  it('agrees with the package’s own data, less the codes ISO 4217 gives no minor unit', () => {
    const table = buildCurrencyTable();
    const fromData = codes.data.filter((entry) => !table.withoutMinorUnit.includes(entry.code));
    expect(Object.fromEntries(fromData.map((entry) => [entry.code, entry.digits]))).toEqual(
      table.minorUnits,
    );
    expect(table.withoutMinorUnit).toEqual(expect.arrayContaining(['XAU', 'XDR', 'XTS', 'XXX']));
    expect(table.source).toMatchObject({ package: 'currency-codes', licence: 'MIT' });
  });
});
