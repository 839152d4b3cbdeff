import { describe, expect, it } from 'vitest';
import { fromMinorUnits, plainQuantity, toMinorUnits } from './amounts.ts';

describe('amounts', () => {
  it('turns decimal strings into minor units and back, per currency', () => {
    expect(toMinorUnits('700000.00', 'USD')).toBe(70_000_000n);
    expect(toMinorUnits('700000.5', 'USD')).toBe(70_000_050n);
    expect(toMinorUnits('3000000000', 'XOF')).toBe(3_000_000_000n);
    expect(toMinorUnits('1.234', 'BHD')).toBe(1234n);
    expect(fromMinorUnits(70_000_050n, 'USD')).toBe('700000.50');
    expect(fromMinorUnits('5', 'USD')).toBe('0.05');
    expect(fromMinorUnits('3000000000', 'XOF')).toBe('3000000000');
    expect(fromMinorUnits('123456789012345678901', 'EUR')).toBe('1234567890123456789.01');
  });

  it('refuses more decimals than the currency has', () => {
    expect(() => toMinorUnits('1.5', 'XOF')).toThrow();
    expect(() => toMinorUnits('1.001', 'USD')).toThrow();
  });

  it('shows quantities without trailing zeros', () => {
    expect(plainQuantity('350.000')).toBe('350');
    expect(plainQuantity('12.500')).toBe('12.5');
    expect(plainQuantity('1200')).toBe('1200');
  });
});
