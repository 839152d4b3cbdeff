// The text of a request's address and headers, checked before anything reads it: a NUL, bytes
// that are not UTF-8 or a lone surrogate is named by where it is (a query parameter, a segment of
// the path, a header), since the parsers would otherwise pass it on, or turn it into U+FFFD.
import type { FieldError } from '../field-errors.ts';
import { bytesProblem, type TextProblem, textProblemDetails } from '../well-formed-text.ts';

export type TextFault =
  | { in: 'query'; name: string; problem: TextProblem }
  | { in: 'path'; segment: number; problem: TextProblem }
  | { in: 'header'; name: string; problem: TextProblem };

// What may need a closer look: a percent sign, a control character, anything outside ASCII.
const suspectInAddress = /[%\p{Cc}]|[^\p{ASCII}]/u;
const suspectInHeader = /\p{Cc}|[^\p{ASCII}]/u;

/**
 * The bytes of a text as Node gives it: each character a byte (Node reads the request line and
 * headers as Latin-1), or UTF-8 when a caller in the same process (a test) passed wider ones.
 */
function bytesOf(text: string): Buffer {
  return /[\u0100-\u{10ffff}]/u.test(text)
    ? Buffer.from(text, 'utf8')
    : Buffer.from(text, 'latin1');
}

const hexDigit = (byte: number | undefined) =>
  byte !== undefined &&
  ((byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x46) ||
    (byte >= 0x61 && byte <= 0x66));

/** The bytes a part of an address stands for, its %XX escapes decoded. */
function percentDecoded(raw: string): Buffer {
  const bytes = bytesOf(raw);
  if (!bytes.includes(0x25)) return bytes;
  const decoded = Buffer.alloc(bytes.length);
  let length = 0;
  for (let at = 0; at < bytes.length; at += 1) {
    if (bytes[at] === 0x25 && hexDigit(bytes[at + 1]) && hexDigit(bytes[at + 2])) {
      decoded[length] = Number.parseInt(bytes.toString('latin1', at + 1, at + 3), 16);
      at += 2;
    } else decoded[length] = bytes[at] as number;
    length += 1;
  }
  return decoded.subarray(0, length);
}

/** The faults in a raw request target (`/path?query`): each query parameter, each path segment. */
export function addressFaults(url: string): TextFault[] {
  if (!suspectInAddress.test(url)) return [];
  const faults: TextFault[] = [];
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  path.split('/').forEach((segment, index) => {
    const problem = suspectInAddress.test(segment)
      ? bytesProblem(percentDecoded(segment))
      : undefined;
    if (problem) faults.push({ in: 'path', segment: index, problem });
  });
  if (queryStart === -1) return faults;
  for (const pair of url.slice(queryStart + 1).split('&')) {
    if (!suspectInAddress.test(pair)) continue;
    const equals = pair.indexOf('=');
    const rawName = (equals === -1 ? pair : pair.slice(0, equals)).replaceAll('+', ' ');
    const rawValue = equals === -1 ? '' : pair.slice(equals + 1).replaceAll('+', ' ');
    const nameBytes = percentDecoded(rawName);
    const problem = bytesProblem(nameBytes) ?? bytesProblem(percentDecoded(rawValue));
    if (problem) faults.push({ in: 'query', name: nameBytes.toString('utf8'), problem });
  }
  return faults;
}

/** The faults in headers, as Node gives them (`rawHeaders`: names and values in turn). */
export function headerFaults(rawHeaders: string[]): TextFault[] {
  const faults: TextFault[] = [];
  for (let at = 0; at + 1 < rawHeaders.length; at += 2) {
    const name = rawHeaders[at] as string;
    const value = rawHeaders[at + 1] as string;
    if (!suspectInHeader.test(name) && !suspectInHeader.test(value)) continue;
    const problem = bytesProblem(bytesOf(name)) ?? bytesProblem(bytesOf(value));
    if (problem) faults.push({ in: 'header', name: name.toLowerCase(), problem });
  }
  return faults;
}

const places = { query: 'query parameter', path: 'path parameter', header: 'header' } as const;

/**
 * A fault as a field error, and the sentence that names it. `name` is the path parameter's name
 * for a fault in the path; a segment that is no parameter is pointed at as the whole address.
 */
export function faultAsFieldError(
  fault: TextFault,
  name: string | undefined,
): { error: FieldError; sentence: string } {
  const field = fault.in === 'path' ? name : fault.name;
  const detail = textProblemDetails[fault.problem];
  return {
    error: {
      pointer: field === undefined ? '/' : `/${field.replaceAll('~', '~0').replaceAll('/', '~1')}`,
      in: fault.in,
      detail,
      code: fault.problem,
    },
    sentence: `${field === undefined ? 'The address' : `The ${places[fault.in]} ${field}`}: ${detail}`,
  };
}
