// The Idempotency-Key header's value (IETF draft "The Idempotency-Key HTTP Header Field"): a
// structured-field string, `"8e03978e-40d5-43e8-bc93-6894a57f9324"`, as the draft shows, or the
// same characters bare. Both mean the same key: 1 to 255 visible ASCII characters.

/** What is wrong with a key that is not one. */
export type IdempotencyKeyFault =
  | 'unclosed-quote'
  | 'bad-escape'
  | 'unescaped-quote'
  | 'not-visible';

export type ParsedIdempotencyKey =
  | { ok: true; key: string }
  | { ok: false; reason: IdempotencyKeyFault };

const visible = /^[\x21-\x7e]{1,255}$/;

export function parseIdempotencyKey(header: string): ParsedIdempotencyKey {
  const value = header.trim();
  let key = value;
  if (value.startsWith('"')) {
    if (value.length < 2 || !value.endsWith('"')) {
      return { ok: false, reason: 'unclosed-quote' };
    }
    let unquoted = '';
    const inner = value.slice(1, -1);
    for (let index = 0; index < inner.length; index++) {
      const character = inner[index] as string;
      if (character === '\\') {
        const next = inner[index + 1];
        if (next !== '"' && next !== '\\') {
          return { ok: false, reason: 'bad-escape' };
        }
        unquoted += next;
        index++;
      } else if (character === '"') {
        return { ok: false, reason: 'unescaped-quote' };
      } else {
        unquoted += character;
      }
    }
    key = unquoted;
  }
  if (!visible.test(key)) {
    return { ok: false, reason: 'not-visible' };
  }
  return { ok: true, key };
}
