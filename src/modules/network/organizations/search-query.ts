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
  /** With a search text: the other name that matched, when the name and short name did not. */
  matched_name?: { text: string; script?: string; language?: string } | null;
};

/**
 * The other name (a name in another script or language) that the text matched, when neither the
 * name nor the short name did: a search in Devanagari finds a cooperative by its Hindi name, and
 * the card should show that name beside the romanized one. The same two ways of matching as the
 * search's (whole words, or part of a name).
 */
function matchedOtherName(text: string): RawBuilder<unknown> {
  const words = sql`plainto_tsquery('simple', search_fold(${text}))`;
  const part = sql`'%' || search_fold(${escapeLike(text)}) || '%'`;
  const matches = (names: RawBuilder<unknown>) =>
    sql`(to_tsvector('simple', search_fold(${names})) @@ ${words} or search_fold(${names}) like ${part})`;
  // Most organizations have no other name: they cost one comparison, not a text search.
  return sql`case when o.other_names = '[]'::jsonb then null
    when ${matches(sql`o.name || ' ' || coalesce(o.short_name, '')`)} then null else (
      select other from jsonb_array_elements(o.other_names) as other
      where ${matches(sql`other ->> 'text'`)}
      limit 1) end`;
}

/**
 * How many of the best-bounded matches a relevance search scores in full before it knows the
 * score a row must reach to be on the page (see `selectRankedPage`).
 */
export function rankedCandidates(limit: number): number {
  return limit * 4 + 20;
}

/**
 * One page by relevance, after the position `after`, and how many organizations match in all.
 *
 * The score is: 4 for an exact name or short name, 1 when the names start with the text, the
 * text search rank, and the trigram similarity of the names to the text. Similarity is the
 * dearest part, and it is bounded: no more than the smaller count of trigrams (the names', kept
 * in `search_names_trigrams`, and the text's) over the larger. So every match gets the cheap
 * parts and a bound; the best-bounded candidates are scored in full; the score of the page's
 * last row among them is the cut; and only the other matches whose bound reaches the cut are
 * scored too (usually none). The answer is exactly the page a full scoring gives.
 */
export async function selectRankedPage(
  db: Db,
  filters: SearchFilters & { text: string },
  after: { value: string | number; id: string } | undefined,
  limit: number,
): Promise<{ rows: SearchRow[]; total: number }> {
  const text = filters.text;
  const folded = sql`search_fold(${text})`;
  const textTrigrams = sql`coalesce(array_length(show_trgm(${folded}), 1), 0)`;
  // The parts of the score other than similarity, summed as the full score sums them, so that
  // scores (and the cursors that carry them) are the same to the last bit.
  const partial = sql`(case when sort_key = ${folded} or search_fold(short_name) = ${folded} then 4 else 0 end)
      + (case when search_names like search_fold(${escapeLike(text)}) || '%' then 1 else 0 end)
      + ts_rank(search_document, plainto_tsquery('simple', ${folded}))`;
  // float4 similarity against a float8 bound: a margin keeps the bound above it.
  const bound = sql`least(search_names_trigrams, ${textTrigrams})::float8
      / greatest(search_names_trigrams, ${textTrigrams}, 1) + 1e-6`;
  const score = sql`(partial + similarity(search_names, ${folded}))::float8`;
  const position = after
    ? sql`(sort_value < ${after.value}::float8 or (sort_value = ${after.value}::float8 and id > ${after.id}::uuid))`
    : sql`true`;
  const result = await sql<SearchRow & { total: string }>`
    with matches as materialized (
      select id, name, short_name, kind, country, sector, locality, latitude, longitude,
             search_names, ${partial} as partial, ${bound} as similarity_bound
      from network_organization
      ${whereClause(filters)}
    ),
    candidates as (
      select *, ${score} as sort_value
      from (select * from matches order by partial + similarity_bound desc, id
            limit ${rankedCandidates(limit)}) best_bounded
    ),
    placed as (select * from candidates where ${position}),
    cut as (select sort_value from placed order by sort_value desc, id offset ${limit - 1} limit 1),
    others as (
      select *, ${score} as sort_value from matches
      where id not in (select id from candidates)
        and partial + similarity_bound >= coalesce((select sort_value from cut), '-infinity')
    ),
    page as (
      select id, name, short_name, kind, country, sector, locality, latitude, longitude, sort_value
      from placed
      union all
      select id, name, short_name, kind, country, sector, locality, latitude, longitude, sort_value
      from others where ${position}
      order by sort_value desc, id
      limit ${limit}
    )
    select page.*, null::float8 as distance_km, counted.total, named.matched_name
    from (select count(*) as total from matches) counted
    left join page on true
    left join lateral (
      select ${matchedOtherName(text)} as matched_name from network_organization o where o.id = page.id
    ) named on true
    order by page.sort_value desc, page.id`.execute(network(db));
  const total = Number(result.rows[0]?.total ?? 0);
  return { rows: result.rows.filter((row) => row.id !== null), total };
}

/** One page by distance (near a point) or by name, after the position `after`. */
export async function selectOrderedPage(
  db: Db,
  filters: SearchFilters,
  after: { value: string | number; id: string } | undefined,
  limit: number,
): Promise<SearchRow[]> {
  const ordering = orderingFor(filters);
  const sortValue =
    ordering === 'distance' && filters.near
      ? sql`${distanceKm(filters.near)}::float8`
      : sql`sort_key`;
  const distance = filters.near ? sql`${distanceKm(filters.near)}::float8` : sql`null::float8`;
  // Distance and names run low to high; the id breaks ties.
  const position = after
    ? ordering === 'distance'
      ? sql`where (sort_value > ${after.value}::float8 or (sort_value = ${after.value}::float8 and id > ${after.id}::uuid))`
      : sql`where (sort_value collate "C", id) > (${after.value} collate "C", ${after.id}::uuid)`
    : sql``;
  const order =
    ordering === 'distance'
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

/**
 * How many organizations match, counting no further than `cap`: a total in the millions would
 * cost a scan of them all, for a figure nobody reads exactly.
 */
export async function countMatches(
  db: Db,
  filters: SearchFilters,
  cap: number,
): Promise<{ total: number; capped: boolean }> {
  const result = await sql<{ count: string }>`
    select count(*) as count from (
      select 1 from network_organization ${whereClause(filters)} limit ${cap + 1}
    ) capped`.execute(network(db));
  const count = Number(result.rows[0]?.count ?? 0);
  return count > cap ? { total: cap, capped: true } : { total: count, capped: false };
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
