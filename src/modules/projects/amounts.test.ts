import { describe, expect, it } from 'vitest';
import { amountText, plainQuantity } from './amounts.ts';

describe('amounts', () => {
  it('shows quantities without trailing zeros', () => {
    expect(plainQuantity('350.000')).toBe('350');
    expect(plainQuantity('12.500')).toBe('12.5');
    expect(plainQuantity('1200')).toBe('1200');
  });

  it('shows stored money in its currency’s decimals, sums past 2^63 included', () => {
    expect(amountText('70000050', 'USD')).toBe('700000.50');
    expect(amountText('3000000000', 'XOF')).toBe('3000000000');
    expect(amountText('12500', 'IQD')).toBe('12.500');
    expect(amountText('123456789012345678901', 'EUR')).toBe('1234567890123456789.01');
    expect(amountText('30.500', null)).toBe('30.5');
  });
});
