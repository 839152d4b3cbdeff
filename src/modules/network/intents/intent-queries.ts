// The only file that touches the intents table (offers and needs): reading, writing, the board's
// page and the suggestions' one query.
import { type ColumnType, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import type { NetworkTables } from '../queries.ts';
import type { IcaSector } from '../schemas.ts';
import type { IntentDirection, IntentKind } from './intent-schemas.ts';

type Generated<T> = ColumnType<T, never, never>;

export type IntentTable = {
  id: string;
  organization_id: string;
  direction: IntentDirection;
  title: string;
  description: string | null;
  sector: IcaSector;
  countries: ColumnType<string[], string[] | undefined, string[]>;
  kind: IntentKind;
  valid_from: ColumnType<string | null, string | null, string | null>;
  valid_until: ColumnType<string | null, string | null, string | null>;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  closed_at: Date | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  created_at: Date;
  updated_at: Date;
  search_text: Generated<string>;
  search_document: Generated<string>;
};

type Tables = NetworkTables & { network_intent: IntentTable };

const intents = (db: Db) => db.withTables<Tables>();

/** A stored intent with its organization's name; dates as ISO strings. */
export type IntentRow = {
  id: string;
  organization_id: string;
  organization_name: string;
  direction: IntentDirection;
  title: string;
  description: string | null;
  sector: IcaSector;
  countries: string[];
  kind: IntentKind;
  valid_from: string | null;
  valid_until: string | null;
  status: 'open' | 'closed';
  closed_at: Date | null;
  is_demo: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
};

// Date columns as text: pg would turn them into Dates at local midnight.
const intentColumns = sql`i.id, i.organization_id, o.name as organization_name, i.direction,
  i.title, i.description, i.sector, i.countries, i.kind,
  to_char(i.valid_from, 'YYYY-MM-DD') as valid_from, to_char(i.valid_until, 'YYYY-MM-DD') as valid_until,
  i.status, i.closed_at, i.is_demo, i.version, i.created_at, i.updated_at`;

export type IntentValues = {
  title: string;
  description: string | null;
  sector: IcaSector;
  countries: string[];
  kind: IntentKind;
  valid_from: string | null;
  valid_until: string | null;
};

export async function insertIntent(
  db: Db,
  row: IntentValues & {
    id: string;
    organization_id: string;
    direction: IntentDirection;
    is_demo: boolean;
    created_at: Date;
    updated_at: Date;
  },
): Promise<void> {
  await intents(db).insertInto('network_intent').values(row).execute();
}

export async function selectIntent(db: Db, id: string): Promise<IntentRow | undefined> {
  const result = await sql<IntentRow>`
    select ${intentColumns}
      from network_intent i join network_organization o on o.id = i.organization_id
     where i.id = ${id}::uuid`.execute(intents(db));
  return result.rows[0];
}

/** Applies the changes only if the row is still at `version`; false when it is not (or gone). */
export async function updateIntentAtVersion(
  db: Db,
  id: string,
  version: number,
  changes: Partial<IntentValues> & { status?: 'open' | 'closed'; closed_at?: Date | null },
  now: Date,
): Promise<boolean> {
  const updated = await intents(db)
    .updateTable('network_intent')
    .set({ ...changes, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/** Today's date in SQL, from the use case's clock (tests set it). */
const inForceOn = (today: string, alias: string) =>
  sql<boolean>`((${sql.ref(`${alias}.valid_from`)} is null or ${sql.ref(`${alias}.valid_from`)} <= ${today}::date)
    and (${sql.ref(`${alias}.valid_until`)} is null or ${sql.ref(`${alias}.valid_until`)} >= ${today}::date))`;

export type BoardFilters = {
  direction?: IntentDirection;
  kind?: IntentKind;
  sector?: IcaSector;
  country?: string;
  organizationId?: string;
  text?: string;
  status: 'open' | 'closed' | 'any';
  includeExpired: boolean;
  today: string;
};

/** One page of the board, newest first (ids are UUIDv7), after the id `after`. */
export async function selectBoardPage(
  db: Db,
  filters: BoardFilters,
  after: string | undefined,
  limit: number,
): Promise<IntentRow[]> {
  const where: RawBuilder<boolean>[] = [];
  if (filters.direction) where.push(sql<boolean>`i.direction = ${filters.direction}`);
  if (filters.kind) where.push(sql<boolean>`i.kind = ${filters.kind}`);
  if (filters.sector) where.push(sql<boolean>`i.sector = ${filters.sector}`);
  if (filters.organizationId)
    where.push(sql<boolean>`i.organization_id = ${filters.organizationId}::uuid`);
  // What applies in the country includes what applies anywhere.
  if (filters.country)
    where.push(
      sql<boolean>`(i.countries = '{}' or i.countries @> array[${filters.country}]::text[])`,
    );
  if (filters.text) {
    // Whole words anywhere, or any part of the title or description as typed.
    where.push(sql<boolean>`(i.search_document @@ plainto_tsquery('simple', search_fold(${filters.text}))
      or i.search_text like '%' || search_fold(${escapeLike(filters.text)}) || '%')`);
  }
  if (filters.status !== 'any') where.push(sql<boolean>`i.status = ${filters.status}`);
  if (filters.status === 'open' && !filters.includeExpired)
    where.push(inForceOn(filters.today, 'i'));
  if (after) where.push(sql<boolean>`i.id < ${after}::uuid`);
  const whereClause = where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  const result = await sql<IntentRow>`
    select ${intentColumns}
      from network_intent i join network_organization o on o.id = i.organization_id
      ${whereClause}
     order by i.id desc
     limit ${limit}`.execute(intents(db));
  return result.rows;
}

export type SuggestionWeights = { sector: number; place: number; text: number; ties: number };

export type SuggestionRow = IntentRow & {
  score: number;
  sector_score: number;
  place_score: number;
  text_score: number;
  ties_score: number;
  same_country: boolean;
  provider_country: string;
  receiver_country: string;
  distance_km: number | null;
  shared_words: string[];
  affiliation_kind: string | null;
  affiliation_member: string | null;
  affiliation_parent: string | null;
  partnership_kind: string | null;
  shared_parent: string | null;
};

export type SuggestionSettings = {
  weights: SuggestionWeights;
  /** Within this distance nearness counts, falling linearly to 0 at it. */
  nearKm: number;
  /** The text score is full when the shared words weigh this much (each word 0 to 1 by rarity). */
  wordsForFullText: number;
  /** Being in the same parent (not tied directly) counts this much of a direct tie. */
  sharedParentTies: number;
  /** A text whose words say nothing about a match (stop words, the board's words, disclaimers). */
  wordsLeftOut: string;
  today: string;
  limit: number;
};

const earthRadiusKm = 6371;

/**
 * Open, current intents of the other direction from other organizations, scored against intent
 * `id` and ranked, in one statement: the per-candidate ties are index lookups (lateral joins), so
 * there is no query per suggestion. Only candidates in the same sector or sharing a word count;
 * place and ties rank them. An offer limited to countries is only suggested where it applies.
 */
export async function selectSuggestions(
  db: Db,
  id: string,
  settings: SuggestionSettings,
): Promise<SuggestionRow[]> {
  const { weights, today } = settings;
  const tieInForce = (alias: string) =>
    sql<boolean>`((${sql.ref(`${alias}.started_on`)} is null or ${sql.ref(`${alias}.started_on`)} <= ${today}::date)
      and (${sql.ref(`${alias}.ended_on`)} is null or ${sql.ref(`${alias}.ended_on`)} >= ${today}::date))`;
  const result = await sql<SuggestionRow>`
    with left_out as (
      -- Folded and split as entries are, so that each left-out word is a lexeme of theirs.
      select tsvector_to_array(to_tsvector('simple'::regconfig, search_fold(${settings.wordsLeftOut}))) as words
    ),
    asker as (
      select i.id, i.organization_id, i.direction, i.sector, i.countries,
             o.country, o.latitude, o.longitude,
             array(select w from unnest(tsvector_to_array(i.search_document)) w
                    where char_length(w) >= 3 and not (w = any(lo.words))
                    order by w) as words
        from network_intent i join network_organization o on o.id = i.organization_id
             cross join left_out lo
       where i.id = ${id}::uuid
    ),
    -- Each of the asker's words with its rarity on the whole board (suggestion-score.ts's
    -- wordRarity): how many entries use it, counted on the words' index (the lexeme quoted as
    -- tsquery input wants it: backslashes and quotes doubled).
    board as (select count(*)::float8 as size from network_intent),
    rarity as (
      select w as word,
             case when b.size <= 2 then 1::float8
                  else least(1, greatest(0, ln(b.size / greatest(used.n, 2)) / ln(b.size / 2)))
             end as weight
        from asker a cross join board b cross join unnest(a.words) w
        cross join lateral (
          select count(*)::float8 as n from network_intent e
           where e.search_document @@ ('''' || replace(replace(w, '\\', '\\\\'), '''', '''''') || '''')::tsquery
        ) used
    ),
    candidates as (
      select c.*, co.country as organization_country, co.latitude, co.longitude,
             co.name as organization_name,
             -- Where the need is: its countries, else its organization's country.
             case when c.direction = 'need'
                  then case when c.countries = '{}' then array[co.country::text] else c.countries end
                  else case when a.countries = '{}' then array[a.country::text] else a.countries end
             end as need_countries,
             case when c.direction = 'offer' then co.country else a.country end as provider_country,
             case when c.direction = 'offer' then a.country else co.country end as receiver_country,
             case when c.direction = 'offer' then c.countries else a.countries end as offer_countries,
             array(select w from unnest(a.words) w
                    where w = any(tsvector_to_array(c.search_document)) order by w) as shared_words,
             case when a.latitude is not null and co.latitude is not null then
               ${earthRadiusKm} * 2 * asin(sqrt(
                 power(sin(radians(co.latitude - a.latitude) / 2), 2)
                 + cos(radians(a.latitude)) * cos(radians(co.latitude))
                   * power(sin(radians(co.longitude - a.longitude) / 2), 2)))
             end as distance_km
        from asker a
        join network_intent c
          on c.status = 'open' and c.direction <> a.direction
         and c.organization_id <> a.organization_id
        join network_organization co on co.id = c.organization_id
       where ${inForceOn(today, 'c')}
    ),
    scored as (
      select c.*,
             (case when c.sector = a.sector then 1 else 0 end)::float8 as sector_score,
             (c.provider_country = any(c.need_countries)) as same_country,
             (0.5 * (case when c.provider_country = any(c.need_countries) then 1 else 0 end)
              + 0.5 * greatest(0, 1 - coalesce(c.distance_km, ${settings.nearKm}) / ${settings.nearKm}::float8))::float8
               as place_score,
             least(1, coalesce((select sum(r.weight) from rarity r where r.word = any(c.shared_words)), 0)
                      / ${settings.wordsForFullText}::float8)::float8 as text_score,
             af.kind as affiliation_kind, af.member_name as affiliation_member,
             af.parent_name as affiliation_parent, pa.kind as partnership_kind,
             sp.name as shared_parent,
             (case when af.kind is not null or pa.kind is not null then 1
                   when sp.name is not null then ${settings.sharedParentTies}::float8
                   else 0 end)::float8 as ties_score
        from candidates c cross join asker a
        left join lateral (
          select t.kind, m.name as member_name, p.name as parent_name
            from network_affiliation t
            join network_organization m on m.id = t.member_id
            join network_organization p on p.id = t.parent_id
           where ((t.member_id = a.organization_id and t.parent_id = c.organization_id)
               or (t.member_id = c.organization_id and t.parent_id = a.organization_id))
             and ${tieInForce('t')}
           order by t.id limit 1
        ) af on true
        left join lateral (
          select t.kind from network_partnership t
           where ((t.from_id = a.organization_id and t.to_id = c.organization_id)
               or (t.from_id = c.organization_id and t.to_id = a.organization_id))
             and ${tieInForce('t')}
           order by t.id limit 1
        ) pa on true
        left join lateral (
          select p.name
            from network_affiliation mine
            join network_affiliation theirs on theirs.parent_id = mine.parent_id
            join network_organization p on p.id = mine.parent_id
           where mine.member_id = a.organization_id and theirs.member_id = c.organization_id
             and ${tieInForce('mine')} and ${tieInForce('theirs')}
           order by p.sort_key, p.id limit 1
        ) sp on true
       -- An offer limited to some countries applies only there.
       where (c.offer_countries = '{}' or c.offer_countries && c.need_countries)
         and (c.sector = a.sector or cardinality(c.shared_words) > 0)
    )
    select s.id, s.organization_id, s.organization_name, s.direction, s.title, s.description,
           s.sector, s.countries, s.kind,
           to_char(s.valid_from, 'YYYY-MM-DD') as valid_from,
           to_char(s.valid_until, 'YYYY-MM-DD') as valid_until,
           s.status, s.closed_at, s.is_demo, s.version, s.created_at, s.updated_at,
           s.sector_score, s.place_score, s.text_score, s.ties_score, s.same_country,
           s.provider_country, s.receiver_country, s.distance_km, s.shared_words,
           s.affiliation_kind, s.affiliation_member, s.affiliation_parent, s.partnership_kind,
           s.shared_parent,
           (${weights.sector}::float8 * s.sector_score + ${weights.place}::float8 * s.place_score
            + ${weights.text}::float8 * s.text_score + ${weights.ties}::float8 * s.ties_score) as score
      from scored s
     order by score desc, s.id desc
     limit ${settings.limit}`.execute(intents(db));
  return result.rows;
}

/** Demo intents, and intents made outside the demo on demo organizations (they keep it in place). */
export async function selectNonDemoIntentsOnDemo(db: Db): Promise<string[]> {
  const result = await sql<{ description: string }>`
    select i.direction || ' ' || i.id || ': ' || o.name || ', ' || i.title as description
      from network_intent i join network_organization o on o.id = i.organization_id
     where not i.is_demo and o.is_demo
     order by 1`.execute(intents(db));
  return result.rows.map((row) => row.description);
}

export async function deleteDemoIntents(db: Db): Promise<number> {
  const deleted = await intents(db)
    .deleteFrom('network_intent')
    .where('is_demo', '=', true)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
