import type { Context } from '../../../platform/context.ts';
import { selectOrganizationPage } from '../queries.ts';
import { FindOrganizationsQuery, type OrganizationPage } from '../schemas.ts';
import { decodeOrganizationCursor, encodeOrganizationCursor } from './organization-cursor.ts';

/**
 * The directory: organizations in name order, filtered, a page at a time. Keyset paging means
 * that rows inserted while a client pages through never make it miss or repeat an item.
 */
export async function findOrganizations(
  ctx: Context,
  query: FindOrganizationsQuery,
): Promise<OrganizationPage> {
  const valid = FindOrganizationsQuery.parse(query);
  const rows = await selectOrganizationPage(ctx.db, {
    text: valid.q || undefined,
    country: valid.country,
    kind: valid.kind,
    after: valid.cursor ? decodeOrganizationCursor(valid.cursor) : undefined,
    limit: valid.limit + 1,
  });
  const page = rows.slice(0, valid.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      name: row.name,
      shortName: row.short_name,
      kind: row.kind,
      country: row.country,
      sector: row.sector,
    })),
    nextCursor:
      rows.length > valid.limit && last
        ? encodeOrganizationCursor({ sortKey: last.sort_key, id: last.id })
        : null,
  };
}
