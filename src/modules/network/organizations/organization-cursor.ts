// Cursors are opaque to clients: base64url of the last row's sort key and id.
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import type { OrganizationKeyset } from '../queries.ts';

const Keyset = z.tuple([z.string(), z.uuid()]);

export function encodeOrganizationCursor(keyset: OrganizationKeyset): string {
  return Buffer.from(JSON.stringify([keyset.sortKey, keyset.id])).toString('base64url');
}

export function decodeOrganizationCursor(cursor: string): OrganizationKeyset {
  try {
    const [sortKey, id] = Keyset.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return { sortKey, id };
  } catch {
    throw new AppError(
      'validation-failed',
      'This cursor is not one this server gave; start again without it.',
      {
        errors: [
          { pointer: '/cursor', detail: 'Use the nextCursor of a previous page, unchanged.' },
        ],
      },
    );
  }
}
