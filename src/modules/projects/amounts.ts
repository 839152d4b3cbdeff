// Figures' amounts from the database back to the wire's decimal strings, exactly: money from
// integer minor units through the platform's table of currencies, quantities (numeric(18,3))
// without their trailing zeros.
import { formatMoney } from '../../platform/money.ts';

/** "350.000" or "12.500" from the database -> "350", "12.5". */
export function plainQuantity(quantity: string): string {
  if (!quantity.includes('.')) return quantity;
  return quantity.replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * A stored amount or sum as the API gives it: minor units of its currency ("70000050" USD ->
 * "700000.50"), or a quantity when there is no currency.
 */
export function amountText(stored: string, currency: string | null): string {
  return currency === null
    ? plainQuantity(stored)
    : formatMoney({ minor: BigInt(stored), currency });
}
