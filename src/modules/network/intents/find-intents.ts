import { z } from 'zod';
import type { Context } from '../../../platform/context.ts';
import { invalidCursor } from '../../../platform/errors.ts';
import { selectBoardPage } from './intent-queries.ts';
import { FindIntentsQuery, type IntentPage } from './intent-schemas.ts';
import { intentView, todayOf } from './intent-view.ts';

// Cursors are opaque to clients: base64url of the last row's id (the board's order is by id).
const Cursor = z.tuple([z.literal('board'), z.uuid()]);

function decodeCursor(cursor: string): string {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))[1];
  } catch {
    throw invalidCursor('Use the nextCursor of a previous page of the board, unchanged.');
  }
}

/**
 * The board of offers and needs: newest first, filtered; open and within their dates unless
 * asked otherwise. Keyset paging by id (UUIDv7, time-ordered): new posts never shift a page.
 */
export async function findIntents(ctx: Context, query: FindIntentsQuery): Promise<IntentPage> {
  const valid = FindIntentsQuery.parse(query);
  const today = todayOf(ctx.now());
  const after = valid.cursor ? decodeCursor(valid.cursor) : undefined;
  const rows = await selectBoardPage(
    ctx.db,
    {
      direction: valid.direction,
      kind: valid.kind,
      sector: valid.sector,
      country: valid.country,
      organizationId: valid.organizationId,
      text: valid.q || undefined,
      status: valid.status,
      includeExpired: valid.includeExpired === 'true',
      today,
    },
    after,
    valid.limit + 1,
  );
  const page = rows.slice(0, valid.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => intentView(row, today)),
    nextCursor:
      rows.length > valid.limit && last
        ? Buffer.from(JSON.stringify(['board', last.id])).toString('base64url')
        : null,
  };
}
