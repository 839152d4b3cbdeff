import { sql } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access.ts';
import type { Context } from '../context.ts';
import { decodeCursor, keysetPage } from '../paging.ts';
import { outboxMessageView, viewColumns } from './outbox-message-view.ts';
import { outboxTable } from './queries.ts';
import { FindOutboxMessagesQuery, type OutboxMessagePage } from './schemas.ts';

/** The outbox, newest first (all, or by status), for network admins only; never the texts. */
export async function findOutboxMessages(
  ctx: Context,
  query: FindOutboxMessagesQuery,
): Promise<OutboxMessagePage> {
  authorize(ctx.actor, { anyOf: [], write: false });
  const valid = FindOutboxMessagesQuery.parse(query);
  let select = outboxTable(ctx.db)
    .selectFrom('platform_outbox_message')
    .select([...viewColumns, sql<boolean>`body is not null`.as('has_body')]);
  if (valid.status) select = select.where('status', '=', valid.status);
  // Ids are UUIDv7, in order of creation: the id alone is the keyset.
  if (valid.cursor) select = select.where('id', '<', decodeCursor(valid.cursor, z.uuid()));
  const rows = await select
    .orderBy('id', 'desc')
    .limit(valid.limit + 1)
    .execute();
  const { page, nextCursor } = keysetPage(rows, valid.limit, (last) => last.id);
  return { items: page.map(outboxMessageView), nextCursor };
}
