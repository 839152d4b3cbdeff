// The registry's search in SQL: which organizations match, how they rank, and the facet counts.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { network } from '../queries.ts';
import type { IcaSector, OrganizationKind } from '../schemas.ts';

export type SearchFilters = {
  /** The search text, folded the way the index is (lower case, no accents) by the database. */
  text?: string;
  kind?: OrganizationKind;
  sector?: IcaSector;
  country?: string;
  language?: string;
  near?: { lat: number; lon: number; km: number };
};

type Facet = 'kind' | 'sector' | 'country';

const earthRadiusKm = 6371;

function distanceKm(near: { lat: number; lon: number }): RawBuilder<number> {
  // Haversine: good to a fraction of a percent, and needs no extension.
  return sql<number>`(${earthRadiusKm} * 2 * asin(sqrt(
      power(sin(radians(latitude - ${near.lat}::float8) / 2), 2)
      + cos(radians(${near.lat}::float8)) * cos(radians(latitude)) * power(sin(radians(longitude - ${near.lon}::float8) / 2), 2)
    )))`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (match) => `\\${match}`);
}

function conditions(filters: SearchFilters, except?: Facet): RawBuilder<boolean>[] {
  const where: RawBuilder<boolean>[] = [];
  if (filters.text) {
    // Whole words anywhere (names, descriptions), or any part of a name (typing "electrodom").
    where.push(sql<boolean>`(search_document @@ plainto_tsquery('simple', search_fold(${filters.text}))
      or search_names like '%' || search_fold(${escapeLike(filters.text)}) || '%')`);
  }
  if (filters.kind && except !== 'kind') where.push(sql<boolean>`kind = ${filters.kind}`);
  if (filters.sector && except !== 'sector') where.push(sql<boolean>`sector = ${filters.sector}`);
  if (filters.country && except !== 'country')
    where.push(sql<boolean>`country = ${filters.country}`);
  if (filters.language) where.push(sql<boolean>`languages @> array[${filters.language}]::text[]`);
  if (filters.near) {
    // A cheap band of latitude first (the index), then the exact distance.
    const band = filters.near.km / 111.0;
    where.push(
      sql<boolean>`latitude between ${filters.near.lat - band}::float8 and ${filters.near.lat + band}::float8`,
    );
    where.push(sql<boolean>`${distanceKm(filters.near)} <= ${filters.near.km}::float8`);
  }
  return where;
}

function whereClause(filters: SearchFilters, except?: Facet): RawBuilder<unknown> {
  const list = conditions(filters, except);
  return list.length > 0 ? sql`where ${sql.join(list, sql` and `)}` : sql``;
}

export type Ordering = 'relevance' | 'distance' | 'name';

export function orderingFor(filters: SearchFilters): Ordering {
  if (filters.text) return 'relevance';
  if (filters.near) return 'distance';
  return 'name';
}

export type SearchRow = {
  id: string;
  name: string;
  short_name: string | null;
  kind: OrganizationKind;
  country: string;
  sector: IcaSector;
  locality: string | null;
  latitude: number | null;
  longitude: number | null;
  sort_value: string | number;
  distance_km: number | null;
};

/** One page in the ordering's order, after the position `after` (its sort value and id). */
export async function selectSearchPage(
  db: Db,
  filters: SearchFilters,
  after: { value: string | number; id: string } | undefined,
  limit: number,
): Promise<SearchRow[]> {
  const ordering = orderingFor(filters);
  const text = filters.text ?? '';
  const sortValue =
    ordering === 'relevance'
      ? sql`((case when search_fold(name) = search_fold(${text}) or search_fold(coalesce(short_name, '')) = search_fold(${text}) then 4 else 0 end)
          + (case when search_names like search_fold(${escapeLike(text)}) || '%' then 1 else 0 end)
          + ts_rank(search_document, plainto_tsquery('simple', search_fold(${text})))
          + similarity(search_names, search_fold(${text})))::float8`
      : ordering === 'distance' && filters.near
        ? sql`${distanceKm(filters.near)}::float8`
        : sql`sort_key`;
  const distance = filters.near ? sql`${distanceKm(filters.near)}::float8` : sql`null::float8`;
  // Relevance runs high to low; distance and names low to high; the id breaks ties either way.
  const position = after
    ? ordering === 'relevance'
      ? sql`where (sort_value < ${after.value}::float8 or (sort_value = ${after.value}::float8 and id > ${after.id}::uuid))`
      : ordering === 'distance'
        ? sql`where (sort_value > ${after.value}::float8 or (sort_value = ${after.value}::float8 and id > ${after.id}::uuid))`
        : sql`where (sort_value collate "C", id) > (${after.value} collate "C", ${after.id}::uuid)`
    : sql``;
  const order =
    ordering === 'relevance'
      ? sql`order by sort_value desc, id`
      : ordering === 'distance'
        ? sql`order by sort_value, id`
        : sql`order by sort_value collate "C", id`;
  const result = await sql<SearchRow>`
    with matches as (
      select id, name, short_name, kind, country, sector, locality, latitude, longitude,
             ${sortValue} as sort_value, ${distance} as distance_km
      from network_organization
      ${whereClause(filters)}
    )
    select * from matches ${position} ${order} limit ${limit}`.execute(network(db));
  return result.rows;
}

export type FacetCount = { value: string; count: number };
export type Facets = Record<Facet, FacetCount[]>;

const facetNames: Facet[] = ['kind', 'sector', 'country'];

/**
 * How many organizations match, and for each facet how many would with each value, the other
 * filters kept. Facets whose own filter is not set share the matches' filter, so they and the
 * total come from one scan (grouping sets); a facet whose filter is set needs a scan of its own.
 */
export async function countMatchesAndFacets(
  db: Db,
  filters: SearchFilters,
): Promise<{ total: number; facets: Facets }> {
  const isSet = (facet: Facet) => filters[facet] !== undefined;
  const shared = facetNames.filter((facet) => !isSet(facet));
  const own = facetNames.filter(isSet);
  const sets = sql.join([...shared.map((facet) => sql`(${sql.ref(facet)})`), sql`()`]);
  const [combined, ...separate] = await Promise.all([
    sql<{ kind: string | null; sector: string | null; country: string | null; count: string }>`
      select ${sql.join(facetNames.map((facet) => (shared.includes(facet) ? sql.ref(facet) : sql`null::text as ${sql.ref(facet)}`)))}, count(*) as count
      from network_organization ${whereClause(filters)}
      group by grouping sets (${sets})`.execute(network(db)),
    ...own.map((facet) =>
      sql<{ value: string; count: string }>`
        select ${sql.ref(facet)} as value, count(*) as count from network_organization
        ${whereClause(filters, facet)} group by ${sql.ref(facet)}`.execute(network(db)),
    ),
  ]);
  const facets = { kind: [], sector: [], country: [] } as Facets;
  let total = 0;
  for (const row of combined.rows) {
    const facet = shared.find((name) => row[name] !== null);
    if (facet) facets[facet].push({ value: row[facet] as string, count: Number(row.count) });
    else total = Number(row.count);
  }
  own.forEach((facet, index) => {
    facets[facet] = (separate[index]?.rows ?? []).map((row) => ({
      value: row.value,
      count: Number(row.count),
    }));
  });
  // Most frequent first, then by value, so the order is stable.
  for (const facet of facetNames) {
    facets[facet].sort(
      (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    );
  }
  return { total, facets };
}
