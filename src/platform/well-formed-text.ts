// Text from outside (the address, headers, request bodies, imported files) must be Unicode in
// UTF-8 and hold no NUL. PostgreSQL refuses NUL in text (a 500, were it to reach it); bytes that
// are not UTF-8, and lone surrogates, would be stored as U+FFFD: silently changed. Each is refused
// where it enters, with the field it is in, rather than left to each use case.
import { isUtf8 } from 'node:buffer';

/** What is wrong with a text, as a field error code. */
export type TextProblem = 'control-characters' | 'invalid-encoding';

export const textProblemDetails: Record<TextProblem, string> = {
  'control-characters': 'Must not contain the NUL character (U+0000).',
  'invalid-encoding':
    'Must be text encoded as UTF-8: this holds bytes that are not, or half of a surrogate pair.',
};

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a decoded text (a NUL, a lone surrogate), if anything. */
export function textProblem(text: string): TextProblem | undefined {
  if (text.includes('\u0000')) return 'control-characters';
  if (loneSurrogate.test(text)) return 'invalid-encoding';
  return undefined;
}

/** What is wrong with text as bytes: not UTF-8, or a NUL, if anything. */
export function bytesProblem(bytes: Uint8Array): TextProblem | undefined {
  if (!isUtf8(bytes)) return 'invalid-encoding';
  return bytes.includes(0) ? 'control-characters' : undefined;
}

/**
 * The offset of the first byte that is not part of well-formed UTF-8 (Unicode's table 3-7: no
 * overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut short), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let at = from;
  while (at < bytes.length) {
    const lead = bytes[at] as number;
    if (lead < 0x80) {
      at += 1;
      continue;
    }
    let following: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) following = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      following = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      following = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return at;
    if (at + following >= bytes.length) return at;
    const second = bytes[at + 1] as number;
    if (second < low || second > high) return at;
    for (let next = 2; next <= following; next += 1) {
      const continuation = bytes[at + next] as number;
      if (continuation < 0x80 || continuation > 0xbf) return at;
    }
    at += following + 1;
  }
  return -1;
}

/**
 * Decodes UTF-8 so that every byte that is not part of well-formed UTF-8 becomes a lone surrogate
 * (which no well-formed input decodes to), so that `textProblem` finds it wherever it ends up,
 * in a JSON string or a key, where a replacement character would pass for text.
 */
export function decodeMarkingInvalid(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const parts: string[] = [];
  let from = 0;
  for (let bad = firstInvalidUtf8(bytes); bad !== -1; bad = firstInvalidUtf8(bytes, from)) {
    parts.push(bytes.toString('utf8', from, bad), '\ud800');
    from = bad + 1;
  }
  parts.push(bytes.toString('utf8', from));
  return parts.join('');
}

function pointerPart(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * The first string of a parsed JSON value (keys included) that has a problem, with its JSON
 * pointer. Walked without recursion, so that deeply nested input cannot exhaust the stack.
 */
export function findTextProblem(
  value: unknown,
  pointer = '',
): { pointer: string; problem: TextProblem } | undefined {
  // Each entry: a value, its pointer, and the key it is under (checked when it is reached).
  const pending: Array<[unknown, string, string]> = [[value, pointer, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, at, key] = next;
    const problem = textProblem(key) ?? (typeof item === 'string' ? textProblem(item) : undefined);
    if (problem) return { pointer: at || '/', problem };
    if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index -= 1)
        pending.push([item[index], `${at}/${index}`, '']);
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [name, member] = entries[index] as [string, unknown];
        pending.push([member, `${at}/${pointerPart(name)}`, name]);
      }
    }
  }
  return undefined;
}
