import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { decodeCursor, keysetPage } from '../../platform/paging.ts';
import { nameLeads } from './project-view.ts';
import { selectProjectPage } from './queries.ts';
import { FindProjectsQuery, type ProjectPage } from './schemas.ts';

// Opaque to clients: base64url of the last row's folded title and id.
const Cursor = z.tuple([z.literal('title'), z.string(), z.uuid()]);

/**
 * Projects in title order, filtered by country, sector, status, participating organization and
 * text in the title or summary. Keyset paging: rows added meanwhile never make a client miss or
 * repeat one. Projects are public.
 */
export async function findProjects(ctx: Context, query: FindProjectsQuery): Promise<ProjectPage> {
  const valid = FindProjectsQuery.parse(query);
  const after = valid.cursor
    ? (([, sortKey, id]) => ({ sortKey, id }))(decodeCursor(valid.cursor, Cursor))
    : undefined;
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
  const { page, nextCursor } = keysetPage(rows, valid.limit, (last) => [
    'title',
    last.sortKey,
    last.id,
  ]);
  // The leads' names are the network's: one question for the whole page.
  const leads = await nameLeads(
    ctx.db,
    page.map((row) => row.leadIds),
  );
  return {
    items: page.map(({ sortKey: _sortKey, leadIds: _leadIds, resultTotals, ...item }, index) => ({
      ...item,
      leads: leads[index] ?? [],
      resultTotals,
    })),
    nextCursor,
  };
}
