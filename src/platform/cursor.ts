// Keyset cursors the platform's lists give: the last row's sort key, as base64url JSON. A cursor
// this server did not give is a 400 that points at it.
import type { z } from 'zod';
import { AppError } from './errors.ts';

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError(
      'validation-failed',
      'This cursor is not one this server gave; start again without it.',
      {
        errors: [
          {
            pointer: '/cursor',
            detail: 'Use the nextCursor of a previous page, unchanged.',
            code: 'invalid-cursor',
          },
        ],
      },
    );
  }
}
