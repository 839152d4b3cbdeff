// Amounts between the wire (decimal strings) and the database (integer minor units for money,
// numeric quantities for the rest), exact both ways: no float ever holds an amount.
import { currencyDecimals } from './project-schemas.ts';

/** "700000.5" USD -> 70000050n minor units. The input has been checked against the currency. */
export function toMinorUnits(amount: string, currency: string): bigint {
  const decimals = currencyDecimals(currency);
  const [whole = '0', fraction = ''] = amount.split('.');
  if (fraction.replace(/0+$/, '').length > decimals)
    throw new Error(`${amount} has more decimals than ${currency} allows`);
  return BigInt(whole + fraction.padEnd(decimals, '0').slice(0, decimals));
}

/** 70000050n USD -> "700000.50": always with the currency's decimals. */
export function fromMinorUnits(minor: bigint | string, currency: string): string {
  const decimals = currencyDecimals(currency);
  const digits = BigInt(minor)
    .toString()
    .padStart(decimals + 1, '0');
  if (decimals === 0) return digits;
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** "350.000" or "12.500" from the database -> "350", "12.5". */
export function plainQuantity(quantity: string): string {
  if (!quantity.includes('.')) return quantity;
  return quantity.replace(/0+$/, '').replace(/\.$/, '');
}
