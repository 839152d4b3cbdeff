// The Idempotency-Key header's value (IETF draft "The Idempotency-Key HTTP Header Field"): a
// structured-field string, `"8e03978e-40d5-43e8-bc93-6894a57f9324"`, as the draft shows, or the
// same characters bare. Both mean the same key: 1 to 255 visible ASCII characters.

export type ParsedIdempotencyKey = { ok: true; key: string } | { ok: false; reason: string };

const visible = /^[\x21-\x7e]{1,255}$/;

export function parseIdempotencyKey(header: string): ParsedIdempotencyKey {
  const value = header.trim();
  let key = value;
  if (value.startsWith('"')) {
    if (value.length < 2 || !value.endsWith('"')) {
      return { ok: false, reason: 'a quoted key must end with a quote' };
    }
    let unquoted = '';
    const inner = value.slice(1, -1);
    for (let index = 0; index < inner.length; index++) {
      const character = inner[index] as string;
      if (character === '\\') {
        const next = inner[index + 1];
        if (next !== '"' && next !== '\\') {
          return { ok: false, reason: 'inside quotes, a backslash may only escape " or \\' };
        }
        unquoted += next;
        index++;
      } else if (character === '"') {
        return { ok: false, reason: 'a quote inside the key must be escaped as \\"' };
      } else {
        unquoted += character;
      }
    }
    key = unquoted;
  }
  if (!visible.test(key)) {
    return {
      ok: false,
      reason:
        'a key is 1 to 255 visible ASCII characters (letters, digits, punctuation), such as a UUID',
    };
  }
  return { ok: true, key };
}
