import { z } from 'zod';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { FindOrganizationsQuery, type OrganizationPage } from '../schemas.ts';
import {
  countMatchesAndFacets,
  type Ordering,
  orderingFor,
  type SearchFilters,
  selectSearchPage,
} from './search-query.ts';

// Cursors are opaque to clients: base64url of the ordering, the last row's sort value and id.
const Cursor = z.tuple([
  z.enum(['relevance', 'distance', 'name']),
  z.union([z.string(), z.number()]),
  z.uuid(),
]);

function decodeCursor(cursor: string, ordering: Ordering) {
  try {
    const [mode, value, id] = Cursor.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    if (mode !== ordering) throw new Error('cursor of another search');
    return { value, id };
  } catch {
    throw new AppError(
      'validation-failed',
      'This cursor is not one this server gave for this search; start again without it.',
      {
        errors: [
          {
            pointer: '/cursor',
            detail: 'Use the nextCursor of a previous page of the same search, unchanged.',
            code: 'invalid-cursor',
          },
        ],
      },
    );
  }
}

function pointAndRadius(near: string, km: number) {
  const [lat, lon] = near.split(',').map(Number) as [number, number];
  return { lat, lon, km };
}

/**
 * The directory and its search: ranked by relevance when there is text, by distance near a point,
 * else by name; filtered by kind, sector, country, language and distance; with facet counts.
 * Keyset paging: rows inserted while a client pages through never make it miss or repeat an item.
 */
export async function findOrganizations(
  ctx: Context,
  query: FindOrganizationsQuery,
): Promise<OrganizationPage> {
  const valid = FindOrganizationsQuery.parse(query);
  const filters: SearchFilters = {
    text: valid.q || undefined,
    kind: valid.kind,
    sector: valid.sector,
    country: valid.country,
    language: valid.language,
    near: valid.near && valid.km ? pointAndRadius(valid.near, valid.km) : undefined,
  };
  const ordering = orderingFor(filters);
  const after = valid.cursor ? decodeCursor(valid.cursor, ordering) : undefined;
  const [rows, { total, facets }] = await Promise.all([
    selectSearchPage(ctx.db, filters, after, valid.limit + 1),
    countMatchesAndFacets(ctx.db, filters),
  ]);
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
      locality: row.locality,
      coordinates:
        row.latitude !== null && row.longitude !== null
          ? { lat: row.latitude, lon: row.longitude }
          : null,
      ...(row.distance_km !== null ? { distanceKm: Math.round(row.distance_km * 10) / 10 } : {}),
    })),
    nextCursor:
      rows.length > valid.limit && last
        ? Buffer.from(JSON.stringify([ordering, last.sort_value, last.id])).toString('base64url')
        : null,
    total,
    facets,
  };
}
