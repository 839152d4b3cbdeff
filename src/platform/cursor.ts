// Cursors are opaque to clients: base64url of what the server wrote (JSON, or a plain text). One
// sent back is read as any input: tampered, or holding a NUL or bytes that are not UTF-8 (which
// the database would refuse with a 500), it is a 400 that points at the cursor.
import type { z } from 'zod';
import { AppError } from './errors.ts';
import { platformMessage } from './messages/platform-messages.ts';
import { bytesProblem, findTextProblem } from './well-formed-text.ts';

export function invalidCursor(): AppError {
  return new AppError('validation-failed', platformMessage('cursor.not-ours'), {
    errors: [
      {
        pointer: '/cursor',
        in: 'query',
        detail: 'Use the nextCursor of a previous page of the same list, unchanged.',
        code: 'invalid-cursor',
      },
    ],
  });
}

export function encodeCursorText(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function encodeCursor(value: unknown): string {
  return encodeCursorText(JSON.stringify(value));
}

/** The text of a cursor, which must be well-formed: refused with `invalidCursor` otherwise. */
export function decodeCursorText(cursor: string): string {
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.length === 0 || bytesProblem(bytes)) throw invalidCursor();
  return bytes.toString('utf8');
}

/** A JSON cursor of the given shape (each string well-formed), or `invalidCursor`. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(decodeCursorText(cursor));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success || findTextProblem(parsed.data)) throw invalidCursor();
  return parsed.data;
}
