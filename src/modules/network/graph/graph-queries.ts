// Reading the network as a graph. Searches go level by level from Node: one query per level,
// `= any($1)` on the covering indexes of migration 0008, so each level is a few index-only scans
// whatever the depth, and Node keeps the visited set (a recursive CTE cannot: it would revisit
// an organization once per path reaching it, which explodes around hubs).
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { network } from '../queries.ts';
import type { GraphEdge, GraphNode } from './graph-schemas.ts';

/**
 * Runs a graph read in one read-only snapshot, so that the levels of a search and the details
 * read after it agree even while ties are written. Three planner settings hold for the
 * snapshot only: each level is a few milliseconds of index lookups, which the planner misprices.
 * JIT compilation is off: the planner prices `= any($1)` with a long list high enough to
 * compile the query, which costs 20-40 ms where the query itself takes 1-10. Sequential scans
 * are off: every read here looks organizations up by id in the covering indexes, but the
 * planner, knowing that a few hubs have hundreds of members each, reckons that a list of
 * members would be parents of most of the network and reads the whole affiliation table
 * instead (8 ms of a 10 ms level; 2 ms with the index). Parallel workers are off: starting them
 * costs more than the query (the ties among 300 neighbours: 10.7 ms with two workers, 2.4 ms
 * without). Figures from PostgreSQL 15 with 100,000 organizations.
 */
export function inGraphSnapshot<T>(
  db: Db,
  work: (snapshot: Db, version: string) => Promise<T>,
): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      // The registry's version in the same statement: the version of this snapshot.
      const settings = await sql<{ version: string }>`select set_config('jit', 'off', true),
          set_config('enable_seqscan', 'off', true),
          set_config('max_parallel_workers_per_gather', '0', true),
          (select version::text from network_registry_version) as version`.execute(trx);
      const version = settings.rows[0]?.version;
      if (version === undefined) throw new Error('the registry version row is missing');
      return work(trx, version);
    });
}

/**
 * Every tie ever recorded, as its two ends and its dates (days since 1970-01-01), with the
 * registry's version, in one snapshot: what the graph kept in memory is built from.
 */
export async function selectAllTies(db: Db): Promise<{
  version: string;
  ties: Array<{ a: string; b: string; started: number | null; ended: number | null }>;
}> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const versionRow = await sql<{
        version: string;
      }>`select version::text as version from network_registry_version`.execute(trx);
      const version = versionRow.rows[0]?.version;
      if (version === undefined) throw new Error('the registry version row is missing');
      const result = await sql<{
        a: string;
        b: string;
        started: number | null;
        ended: number | null;
      }>`
        select member_id as a, parent_id as b, started_on - date '1970-01-01' as started,
          ended_on - date '1970-01-01' as ended
        from network_affiliation
        union all
        select from_id, to_id, started_on - date '1970-01-01', ended_on - date '1970-01-01'
        from network_partnership`.execute(network(trx));
      return { version, ties: result.rows };
    });
}

/** Which ties count: those in force on `today`, or every tie, ended or not yet started. */
export type TieScope = { today: string } | { everything: true };

/** Which way a step follows ties: up to parents, down to members, or along any tie either way. */
export type Step = 'up' | 'down' | 'any';

export type Pair = { from: string; to: string };

// The same rule as the profiles' `tiesInForce`: started (or no start known), not yet ended.
function inForce(scope: TieScope, alias: string): RawBuilder<unknown> {
  if ('everything' in scope) return sql`true`;
  const started = sql.ref(`${alias}.started_on`);
  const ended = sql.ref(`${alias}.ended_on`);
  return sql`(${started} is null or ${started} <= ${scope.today}::date) and (${ended} is null or ${ended} >= ${scope.today}::date)`;
}

/**
 * The organizations one tie away from `ids` in the direction of `step`: one row per tie
 * followed (`from` in `ids`, `to` its other end), so an organization can come several times.
 * With `stopAt`, when some of them are in `stopAt`, only one such tie comes back (the first in
 * (to, from) order, so that the answer does not depend on the order rows are read in): a search
 * that has met the other end needs no more, and the last level is by far the largest.
 */
export async function selectNextLevel(
  db: Db,
  ids: readonly string[],
  step: Step,
  scope: TieScope,
  stopAt?: readonly string[],
): Promise<Pair[]> {
  if (ids.length === 0) return [];
  // The list reaches the index conditions through a subquery, so that the planner does not
  // estimate each of its (often hundreds of) ids against the statistics of the hubs: that took
  // longer than the search itself (2.4 ms of planning for 850 ids, 1.3 ms this way). `stopAt`
  // stays a constant, which PostgreSQL matches through a hash table.
  const list = sql`(select ${ids}::uuid[])::uuid[]`;
  const parts: RawBuilder<unknown>[] = [];
  if (step === 'up' || step === 'any')
    parts.push(
      sql`select a.member_id as "from", a.parent_id as "to" from network_affiliation a where a.member_id = any(${list}) and ${inForce(scope, 'a')}`,
    );
  if (step === 'down' || step === 'any')
    parts.push(
      sql`select a.parent_id as "from", a.member_id as "to" from network_affiliation a where a.parent_id = any(${list}) and ${inForce(scope, 'a')}`,
    );
  if (step === 'any')
    parts.push(
      sql`select p.from_id as "from", p.to_id as "to" from network_partnership p where p.from_id = any(${list}) and ${inForce(scope, 'p')}`,
      sql`select p.to_id as "from", p.from_id as "to" from network_partnership p where p.to_id = any(${list}) and ${inForce(scope, 'p')}`,
    );
  const level = sql.join(parts, sql` union all `);
  const query =
    stopAt === undefined
      ? sql<Pair>`${level}`
      : sql<Pair>`
        with level as materialized (${level}),
          meeting as (select * from level where "to" = any(${sql`${stopAt}::uuid[]`})
            order by "to", "from" limit 1)
        select * from meeting
        union all
        select * from level where not exists (select 1 from meeting)`;
  return (await query.execute(network(db))).rows;
}

/**
 * Like `selectNextLevel` with `any`, but only organizations not in `known`, each once, at most
 * `limit` of them (in id order, so that a capped answer is the same each time).
 */
export async function selectNewNeighbours(
  db: Db,
  ids: readonly string[],
  known: readonly string[],
  scope: TieScope,
  limit: number,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const list = sql`${ids}::uuid[]`;
  const result = await sql<{ id: string }>`
    select distinct t.id from (
      select a.parent_id as id from network_affiliation a
        where a.member_id = any(${list}) and ${inForce(scope, 'a')}
      union all
      select a.member_id from network_affiliation a
        where a.parent_id = any(${list}) and ${inForce(scope, 'a')}
      union all
      select p.to_id from network_partnership p
        where p.from_id = any(${list}) and ${inForce(scope, 'p')}
      union all
      select p.from_id from network_partnership p
        where p.to_id = any(${list}) and ${inForce(scope, 'p')}
    ) t
    where t.id <> all(${sql`${known}::uuid[]`})
    order by t.id
    limit ${limit}`.execute(network(db));
  return result.rows.map((row) => row.id);
}

/** The organizations as graph nodes, with `depth` 0 (the caller knows the depth). */
export async function selectNodes(db: Db, ids: readonly string[]): Promise<GraphNode[]> {
  if (ids.length === 0) return [];
  const rows = await network(db)
    .selectFrom('network_organization')
    .select(['id', 'name', 'kind', 'country'])
    .where('id', '=', sql<string>`any(${sql`${ids}::uuid[]`})`)
    .orderBy('sort_key')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, depth: 0 }));
}

const dateText = (column: string) => sql`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** Every tie with both ends among `ids` (affiliations only, unless `partnerships`). */
export async function selectTiesAmong(
  db: Db,
  ids: readonly string[],
  scope: TieScope,
  { partnerships }: { partnerships: boolean },
): Promise<GraphEdge[]> {
  if (ids.length < 2) return [];
  const list = sql`${ids}::uuid[]`;
  const affiliations = sql`
    select a.id, 'affiliation' as type, a.kind, a.member_id as "fromId", a.parent_id as "toId",
      ${dateText('a.started_on')} as "startedOn", ${dateText('a.ended_on')} as "endedOn"
    from network_affiliation a
    where a.member_id = any(${list}) and a.parent_id = any(${list}) and ${inForce(scope, 'a')}`;
  const others = sql`
    select p.id, 'partnership', p.kind, p.from_id, p.to_id,
      ${dateText('p.started_on')}, ${dateText('p.ended_on')}
    from network_partnership p
    where p.from_id = any(${list}) and p.to_id = any(${list}) and ${inForce(scope, 'p')}`;
  const query = partnerships
    ? sql<GraphEdge>`${affiliations} union all ${others} order by 2, 1`
    : sql<GraphEdge>`${affiliations} order by 1`;
  return (await query.execute(network(db))).rows;
}

export async function organizationExists(db: Db, id: string): Promise<boolean> {
  const row = await network(db)
    .selectFrom('network_organization')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

type CountRow = {
  dimension: 'country' | 'sector' | 'kind' | 'total';
  value: string | null;
  count: string;
};

/** Organizations counted by country, sector and kind, in one scan (grouping sets). */
export async function countOrganizations(db: Db) {
  const result = await sql<
    CountRow & {
      members: string | null;
      members_stating: string;
      employees: string | null;
      employees_stating: string;
    }
  >`
    select
      case when grouping(country) = 0 then 'country' when grouping(sector) = 0 then 'sector'
           when grouping(kind) = 0 then 'kind' else 'total' end as dimension,
      coalesce(country::text, sector, kind) as value,
      count(*) as count,
      sum(members_total) as members, count(members_total) as members_stating,
      sum(employees) as employees, count(employees) as employees_stating
    from network_organization
    group by grouping sets ((country), (sector), (kind), ())
    order by 1, 3 desc, 2`.execute(network(db));
  return result.rows;
}

/** Ties in force on `today` by type and kind, and how many others (ended or not yet started). */
export async function countTies(db: Db, today: string) {
  const scope = { today };
  const result = await sql<{
    type: 'affiliation' | 'partnership';
    kind: string | null;
    count: string;
  }>`
    select 'affiliation' as type, case when ${inForce(scope, 'a')} then a.kind end as kind, count(*) as count
      from network_affiliation a group by 2
    union all
    select 'partnership', case when ${inForce(scope, 'p')} then p.kind end, count(*)
      from network_partnership p group by 2
    order by 1, 3 desc, 2`.execute(network(db));
  return result.rows;
}

/** Every affiliation ever recorded, as member → parent (the cycle check reads them all). */
export async function selectAllAffiliationPairs(db: Db): Promise<Pair[]> {
  const result = await sql<Pair>`
    select member_id as "from", parent_id as "to" from network_affiliation`.execute(network(db));
  return result.rows;
}

export async function selectNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const nodes = await selectNodes(db, ids);
  return new Map(nodes.map((node) => [node.id, node.name]));
}

/** Ties with an end that is no organization: one row per missing end. */
export async function selectDanglingTies(db: Db) {
  const result = await sql<{
    type: 'affiliation' | 'partnership';
    id: string;
    tie_end: string;
    missing: string;
  }>`
    select 'affiliation' as type, a.id, e.tie_end, e.missing
      from network_affiliation a
      cross join lateral (values ('member', a.member_id), ('parent', a.parent_id)) e(tie_end, missing)
      where not exists (select 1 from network_organization o where o.id = e.missing)
    union all
    select 'partnership', p.id, e.tie_end, e.missing
      from network_partnership p
      cross join lateral (values ('from', p.from_id), ('to', p.to_id)) e(tie_end, missing)
      where not exists (select 1 from network_organization o where o.id = e.missing)
    order by 1, 2, 3`.execute(network(db));
  return result.rows;
}
