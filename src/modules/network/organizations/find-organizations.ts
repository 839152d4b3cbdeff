import { z } from 'zod';
import type { Context } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { FindOrganizationsQuery, type OrganizationPage } from '../schemas.ts';
import {
  countMatches,
  countMatchesAndFacets,
  type Facets,
  type Ordering,
  orderingFor,
  type SearchFilters,
  type SearchRow,
  selectOrderedPage,
  selectRankedPage,
} from './search-query.ts';

/** Without facets, a total is counted up to this, then given as "more than" it. */
export const totalCountCap = 10_000;

/**
 * The facet counts of the whole directory (no filter at all), kept this long: every visit to
 * the directory asks for them, each a scan of every organization. Each server process keeps its
 * own copy, so a change shows in them within this time whichever process answers.
 */
export const unfilteredFacetsSeconds = 30;

type Counted = { total: number; facets: Facets };
/** Per database, so that two applications in one process (as in tests) never share counts. */
const unfilteredCounts = new WeakMap<Db, { at: number; counted: Promise<Counted> }>();

function isUnfiltered(filters: SearchFilters): boolean {
  return Object.values(filters).every((value) => value === undefined);
}

function countWithFacets(ctx: Context, filters: SearchFilters): Promise<Counted> {
  if (!isUnfiltered(filters)) return countMatchesAndFacets(ctx.db, filters);
  const now = ctx.now().getTime();
  const kept = unfilteredCounts.get(ctx.db);
  if (kept && now - kept.at < unfilteredFacetsSeconds * 1000 && now >= kept.at) return kept.counted;
  const counted = countMatchesAndFacets(ctx.db, filters);
  unfilteredCounts.set(ctx.db, { at: now, counted });
  // A failed count is not kept: the next request tries again.
  counted.catch(() => {
    if (unfilteredCounts.get(ctx.db)?.counted === counted) unfilteredCounts.delete(ctx.db);
  });
  return counted;
}

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
 * else by name; filtered by kind, sector, country, language and distance; with the total, and
 * the facet counts when asked for (`facets`: a scan of every match).
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
  const pageQuery: Promise<{ rows: SearchRow[]; total?: number }> =
    ordering === 'relevance' && filters.text
      ? selectRankedPage(ctx.db, { ...filters, text: filters.text }, after, valid.limit + 1)
      : selectOrderedPage(ctx.db, filters, after, valid.limit + 1).then((rows) => ({ rows }));
  // The facets' scan counts every match, and so does a ranked page (it ranks them all); other
  // searches count, up to the cap.
  const [{ rows, total: rankedTotal }, counted, upToCap] = await Promise.all([
    pageQuery,
    valid.facets ? countWithFacets(ctx, filters) : undefined,
    valid.facets || ordering === 'relevance'
      ? undefined
      : countMatches(ctx.db, filters, totalCountCap),
  ]);
  const total = counted?.total ?? rankedTotal ?? upToCap?.total ?? 0;
  const capped = upToCap?.capped ?? false;
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
    totalCapped: capped,
    facets: counted?.facets ?? null,
  };
}
