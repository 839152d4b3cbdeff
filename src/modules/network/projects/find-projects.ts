import { z } from 'zod';
import type { Context } from '../../../platform/context.ts';
import { invalidCursor } from '../../../platform/errors.ts';
import { selectProjectPage } from './project-queries.ts';
import { FindProjectsQuery, type ProjectPage } from './project-schemas.ts';

// Opaque to clients: base64url of the last row's folded title and id.
const Cursor = z.tuple([z.literal('title'), z.string(), z.uuid()]);

function decodeCursor(cursor: string) {
  try {
    const [, sortKey, id] = Cursor.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return { sortKey, id };
  } catch {
    throw invalidCursor('Use the nextCursor of a previous page of the same list, unchanged.');
  }
}

/**
 * Projects in title order, filtered by country, sector, status, participating organization and
 * text in the title or summary. Keyset paging: rows added meanwhile never make a client miss or
 * repeat one. Projects are public.
 */
export async function findProjects(ctx: Context, query: FindProjectsQuery): Promise<ProjectPage> {
  const valid = FindProjectsQuery.parse(query);
  const after = valid.cursor ? decodeCursor(valid.cursor) : undefined;
  const rows = await selectProjectPage(
    ctx.db,
    {
      text: valid.q || undefined,
      country: valid.country,
      sector: valid.sector,
      status: valid.status,
      organizationId: valid.organizationId,
    },
    after,
    valid.limit,
  );
  const page = rows.slice(0, valid.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortKey: _sortKey, ...item }) => item),
    nextCursor:
      rows.length > valid.limit && last
        ? Buffer.from(JSON.stringify(['title', last.sortKey, last.id])).toString('base64url')
        : null,
  };
}
