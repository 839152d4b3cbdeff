// The secret a provider that signs nothing sends back (Africa's Talking): the `secret` query
// parameter, or the password of a basic Authorization header. Compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

function sameSecret(given: string, expected: string): boolean {
  // Hashed first, so that the comparison takes as long whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function basicPassword(authorization: string | undefined): string | undefined {
  const encoded = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/i)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}

export function carriesWebhookSecret(
  expected: string,
  query: string | undefined,
  authorization: string | undefined,
): boolean {
  const given = query ?? basicPassword(authorization);
  return given !== undefined && sameSecret(given, expected);
}
