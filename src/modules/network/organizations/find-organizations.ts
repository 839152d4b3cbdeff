import { z } from 'zod';
import type { Context } from '../../../platform/context.ts';
import { decodeCursor, encodeCursor, invalidCursor } from '../../../platform/cursor.ts';
import type { Db } from '../../../platform/db.ts';
import { Lru } from '../../../platform/lru.ts';
import { readRegistryVersion } from '../registry-version.ts';
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
 * The facet counts of the whole directory (no filter at all): every visit to the directory asks
 * for them, each a scan of every organization. With the registry cache on, they are kept while
 * the registry's version is the same; with it off, each server process keeps them this long, so
 * a change shows in them within this time whichever process answers.
 */
export const unfilteredFacetsSeconds = 30;

type Counted = { total: number; facets: Facets };
/** Per database, so that two applications in one process (as in tests) never share counts. */
const unfilteredCounts = new WeakMap<
  Db,
  { at: number; version: string | undefined; counted: Promise<Counted> }
>();

function isUnfiltered(filters: SearchFilters): boolean {
  return Object.values(filters).every((value) => value === undefined);
}

function countWithFacets(
  ctx: Context,
  filters: SearchFilters,
  version: string | undefined,
): Promise<Counted> {
  if (!isUnfiltered(filters)) return countMatchesAndFacets(ctx.db, filters);
  const now = ctx.now().getTime();
  const kept = unfilteredCounts.get(ctx.db);
  const fresh =
    kept !== undefined &&
    (version === undefined
      ? kept.version === undefined &&
        now - kept.at < unfilteredFacetsSeconds * 1000 &&
        now >= kept.at
      : kept.version === version);
  if (kept && fresh) return kept.counted;
  const counted = countMatchesAndFacets(ctx.db, filters);
  unfilteredCounts.set(ctx.db, { at: now, version, counted });
  // A failed count is not kept: the next request tries again.
  counted.catch(() => {
    if (unfilteredCounts.get(ctx.db)?.counted === counted) unfilteredCounts.delete(ctx.db);
  });
  return counted;
}

/** How many search pages each server process keeps, and their total size (JSON characters). */
export const searchCacheLimits = { maxEntries: 5_000, maxBytes: 32 * 1024 * 1024 };

type SearchCache = {
  pages: Lru<string, { version: string; page: OrganizationPage }>;
  /** Searches being answered, by version and key: the same search asked at once runs once. */
  running: Map<string, Promise<OrganizationPage>>;
};
/** Per database handle, as the facet counts above. */
const searchCaches = new WeakMap<Db, SearchCache>();

function searchCacheOf(db: Db): SearchCache {
  let cache = searchCaches.get(db);
  if (!cache) {
    cache = { pages: new Lru(searchCacheLimits), running: new Map() };
    searchCaches.set(db, cache);
  }
  return cache;
}

// Cursors are opaque to clients: base64url of the ordering, the last row's sort value and id.
const Cursor = z.tuple([
  z.enum(['relevance', 'distance', 'name']),
  z.union([z.string(), z.number()]),
  z.uuid(),
]);

function cursorOf(cursor: string, ordering: Ordering) {
  const [mode, value, id] = decodeCursor(cursor, Cursor);
  // A cursor of another kind of search would page by another order.
  if (mode !== ordering) throw invalidCursor();
  return { value, id };
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
 *
 * With the registry cache on, each server process keeps the pages it answered, labelled with the
 * registry's version read before the search ran (so a page holds every change up to that
 * version), and gives a kept page only while the version is still the same: the answer is the
 * one the database would give. Nothing in a page depends on who asks.
 */
export async function findOrganizations(
  ctx: Context,
  query: FindOrganizationsQuery,
): Promise<OrganizationPage> {
  const valid = FindOrganizationsQuery.parse(query);
  if (!ctx.config.registryCache) return searchOrganizations(ctx, valid, undefined);
  const version = await readRegistryVersion(ctx.db);
  const cache = searchCacheOf(ctx.db);
  // Every parameter, in a fixed order; an empty text is no text, as below.
  const key = JSON.stringify([
    valid.q || '',
    valid.kind,
    valid.sector,
    valid.country,
    valid.language,
    valid.near,
    valid.km,
    valid.limit,
    valid.cursor,
    valid.facets,
  ]);
  const kept = cache.pages.get(key);
  if (kept?.version === version) return kept.page;
  const runningKey = `${version} ${key}`;
  const running = cache.running.get(runningKey);
  if (running) return running;
  const answer = searchOrganizations(ctx, valid, version);
  cache.running.set(runningKey, answer);
  try {
    const page = await answer;
    cache.pages.set(key, { version, page }, key.length + JSON.stringify(page).length);
    return page;
  } finally {
    cache.running.delete(runningKey);
  }
}

async function searchOrganizations(
  ctx: Context,
  valid: z.output<typeof FindOrganizationsQuery>,
  version: string | undefined,
): Promise<OrganizationPage> {
  const filters: SearchFilters = {
    text: valid.q || undefined,
    kind: valid.kind,
    sector: valid.sector,
    country: valid.country,
    language: valid.language,
    near: valid.near && valid.km ? pointAndRadius(valid.near, valid.km) : undefined,
  };
  const ordering = orderingFor(filters);
  const after = valid.cursor ? cursorOf(valid.cursor, ordering) : undefined;
  const pageQuery: Promise<{ rows: SearchRow[]; total?: number }> =
    ordering === 'relevance' && filters.text
      ? selectRankedPage(ctx.db, { ...filters, text: filters.text }, after, valid.limit + 1)
      : selectOrderedPage(ctx.db, filters, after, valid.limit + 1).then((rows) => ({ rows }));
  // The facets' scan counts every match, and so does a ranked page (it ranks them all); other
  // searches count, up to the cap.
  const [{ rows, total: rankedTotal }, counted, upToCap] = await Promise.all([
    pageQuery,
    valid.facets ? countWithFacets(ctx, filters, version) : undefined,
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
      ...(row.matched_name ? { matchedName: row.matched_name } : {}),
    })),
    nextCursor:
      rows.length > valid.limit && last ? encodeCursor([ordering, last.sort_value, last.id]) : null,
    total,
    totalCapped: capped,
    facets: counted?.facets ?? null,
  };
}
