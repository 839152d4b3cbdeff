// The only file that touches the project tables. They kept the names they had in the network
// module (`network_project...`); scripts/check-boundaries.ts knows them as this module's
// (tables.json). Organizations are the network's: only their ids are read here.
import { type ColumnType, sql } from 'kysely';
import { chunks } from '../../platform/chunks.ts';
import type { Db } from '../../platform/db.ts';
import { amountText } from './amounts.ts';
import {
  type Figure,
  type IcaSector,
  type Indicator,
  indicatorUnits,
  type ParticipantRole,
  type Project,
  type ProjectListItem,
  type ProjectStatus,
} from './schemas.ts';

type Generated<T> = ColumnType<T, never, never>;

export type ProjectTables = {
  network_project: {
    id: string;
    title: string;
    summary: string | null;
    sector: IcaSector;
    status: ProjectStatus;
    started_on: ColumnType<string | null, string | null, string | null>;
    ended_on: ColumnType<string | null, string | null, string | null>;
    sources: ColumnType<string[], string[] | undefined, string[]>;
    sort_key: Generated<string>;
    search_text: Generated<string>;
    is_demo: ColumnType<boolean, boolean | undefined, boolean>;
    version: ColumnType<number, number | undefined, number>;
    created_at: Date;
    updated_at: Date;
  };
  network_project_country: { project_id: string; country: string };
  network_project_participant: {
    project_id: string;
    organization_id: string;
    role: ParticipantRole;
    note: string | null;
    created_at: Date;
  };
  network_project_figure: {
    id: string;
    project_id: string;
    kind: 'target' | 'result';
    indicator: Indicator;
    // pg returns numeric and int8 as strings: exact.
    quantity: ColumnType<string | null, string | null, never>;
    amount_minor: ColumnType<string | null, string | null, never>;
    currency: string | null;
    country: string | null;
    period_year: number;
    note: string | null;
    source: string | null;
    created_at: Date;
  };
};

export const projects = (db: Db) => db.withTables<ProjectTables>();

const dateText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export type ProjectValues = {
  title: string;
  summary: string | null;
  sector: IcaSector;
  status: ProjectStatus;
  started_on: string | null;
  ended_on: string | null;
  sources: string[];
};

export async function insertProject(
  db: Db,
  row: ProjectValues & { id: string; is_demo: boolean; created_at: Date; updated_at: Date },
  countries: string[],
): Promise<void> {
  await projects(db).insertInto('network_project').values(row).execute();
  await insertCountries(db, row.id, countries);
}

async function insertCountries(db: Db, projectId: string, countries: string[]): Promise<void> {
  if (countries.length === 0) return;
  await projects(db)
    .insertInto('network_project_country')
    .values(countries.map((country) => ({ project_id: projectId, country })))
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

/** Makes the project's countries exactly these. The caller has checked no figure needs a gone one. */
export async function replaceCountries(
  db: Db,
  projectId: string,
  countries: string[],
): Promise<void> {
  await projects(db)
    .deleteFrom('network_project_country')
    .where('project_id', '=', projectId)
    .where('country', 'not in', countries)
    .execute();
  await insertCountries(db, projectId, countries);
}

/** Countries among `countries` that a figure of the project is recorded for. */
export async function countriesInUse(
  db: Db,
  projectId: string,
  countries: string[],
): Promise<string[]> {
  if (countries.length === 0) return [];
  const rows = await projects(db)
    .selectFrom('network_project_figure')
    .select('country')
    .distinct()
    .where('project_id', '=', projectId)
    .where('country', 'in', countries)
    .execute();
  return rows.map((row) => row.country as string).sort();
}

export async function insertParticipants(
  db: Db,
  projectId: string,
  participants: { organizationId: string; role: ParticipantRole; note?: string | undefined }[],
  now: Date,
): Promise<void> {
  if (participants.length === 0) return;
  await projects(db)
    .insertInto('network_project_participant')
    .values(
      participants.map((entry) => ({
        project_id: projectId,
        organization_id: entry.organizationId,
        role: entry.role,
        note: entry.note ?? null,
        created_at: now,
      })),
    )
    .execute();
}

export async function hasParticipant(
  db: Db,
  projectId: string,
  organizationId: string,
  role: ParticipantRole,
): Promise<boolean> {
  const row = await projects(db)
    .selectFrom('network_project_participant')
    .select('project_id')
    .where('project_id', '=', projectId)
    .where('organization_id', '=', organizationId)
    .where('role', '=', role)
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes one participation; the caller has checked that a lead remains. */
export async function deleteParticipant(
  db: Db,
  projectId: string,
  organizationId: string,
  role: ParticipantRole,
): Promise<void> {
  await projects(db)
    .deleteFrom('network_project_participant')
    .where('project_id', '=', projectId)
    .where('organization_id', '=', organizationId)
    .where('role', '=', role)
    .execute();
}

/** Deletes a figure of the project; the audit log keeps its copy. */
export async function deleteFigure(db: Db, projectId: string, figureId: string): Promise<void> {
  await projects(db)
    .deleteFrom('network_project_figure')
    .where('project_id', '=', projectId)
    .where('id', '=', figureId)
    .execute();
}

export type FigureValues = {
  id: string;
  project_id: string;
  kind: 'target' | 'result';
  indicator: Indicator;
  quantity: string | null;
  amount_minor: string | null;
  currency: string | null;
  country: string | null;
  period_year: number;
  note: string | null;
  source: string | null;
  created_at: Date;
};

export async function insertFigure(db: Db, row: FigureValues): Promise<void> {
  // quantity and amount_minor are not insertable through the typed builder (strings into
  // numeric/bigint): cast in SQL so no float is ever involved.
  await sql`
    insert into network_project_figure
      (id, project_id, kind, indicator, quantity, amount_minor, currency, country, period_year,
       note, source, created_at)
    values (${row.id}, ${row.project_id}, ${row.kind}, ${row.indicator},
            ${row.quantity}::numeric, ${row.amount_minor}::bigint, ${row.currency},
            ${row.country}, ${row.period_year}, ${row.note}, ${row.source}, ${row.created_at})`.execute(
    projects(db),
  );
}

/** Bumps the version if it is still `version`; false when it is not (or the project is gone). */
export async function bumpProjectVersion(
  db: Db,
  id: string,
  version: number,
  changes: Partial<ProjectValues>,
  now: Date,
): Promise<boolean> {
  const updated = await projects(db)
    .updateTable('network_project')
    .set({ ...changes, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

export function figureView(row: {
  id: string;
  kind: 'target' | 'result';
  indicator: Indicator;
  quantity: string | null;
  amount_minor: string | null;
  currency: string | null;
  country: string | null;
  period_year: number;
  note: string | null;
  source: string | null;
}): Figure {
  const money = row.currency !== null && row.amount_minor !== null;
  return {
    id: row.id,
    kind: row.kind,
    indicator: row.indicator,
    unit: money ? (row.currency as string) : indicatorUnits[row.indicator],
    amount: amountText((money ? row.amount_minor : row.quantity) ?? '0', row.currency),
    currency: row.currency,
    country: row.country,
    period: row.period_year,
    note: row.note,
    source: row.source,
  };
}

/** A participation as stored: the organization's name is the network's to give. */
export type ParticipantRow = { organizationId: string; role: ParticipantRole; note: string | null };

export type ProjectRow = Omit<Project, 'participants'> & { participants: ParticipantRow[] };

/** The whole project, its participants unnamed, or undefined when there is none with this id. */
export async function selectProject(db: Db, id: string): Promise<ProjectRow | undefined> {
  const project = await projects(db)
    .selectFrom('network_project')
    .select([
      'id',
      'title',
      'summary',
      'sector',
      'status',
      dateText('started_on').as('startedOn'),
      dateText('ended_on').as('endedOn'),
      'sources',
      'is_demo as isDemo',
      'version',
      'created_at',
      'updated_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!project) return undefined;
  const countries = await projects(db)
    .selectFrom('network_project_country')
    .select('country')
    .where('project_id', '=', id)
    .orderBy('country')
    .execute();
  const participants = await projects(db)
    .selectFrom('network_project_participant')
    .select(['organization_id as organizationId', 'role', 'note'])
    .where('project_id', '=', id)
    .orderBy('organization_id')
    .orderBy('role')
    .execute();
  const figures = await projects(db)
    .selectFrom('network_project_figure')
    .selectAll()
    .where('project_id', '=', id)
    .orderBy('period_year')
    .orderBy('indicator')
    .orderBy('id')
    .execute();
  const views = figures.map(figureView);
  const { created_at, updated_at, ...rest } = project;
  return {
    ...rest,
    countries: countries.map((row) => row.country),
    participants,
    targets: views.filter((figure) => figure.kind === 'target'),
    results: views.filter((figure) => figure.kind === 'result'),
    createdAt: created_at.toISOString(),
    updatedAt: updated_at.toISOString(),
  };
}

/** The project's lead organizations: their admins edit it. */
export async function selectLeadIds(db: Db, projectId: string): Promise<string[]> {
  const rows = await projects(db)
    .selectFrom('network_project_participant')
    .select('organization_id')
    .where('project_id', '=', projectId)
    .where('role', '=', 'lead')
    .orderBy('organization_id')
    .execute();
  return rows.map((row) => row.organization_id);
}

export type ProjectFilters = {
  text?: string | undefined;
  country?: string | undefined;
  sector?: IcaSector | undefined;
  status?: ProjectStatus | undefined;
  organizationId?: string | undefined;
};

/** A page in title order after (sortKey, id), one more than asked to tell if there is a next. */
export async function selectProjectPage(
  db: Db,
  filters: ProjectFilters,
  after: { sortKey: string; id: string } | undefined,
  limit: number,
): Promise<(Omit<ProjectListItem, 'leads'> & { leadIds: string[]; sortKey: string })[]> {
  let query = projects(db)
    .selectFrom('network_project as p')
    .select([
      'p.id',
      'p.title',
      'p.sector',
      'p.status',
      dateText('p.started_on').as('startedOn'),
      dateText('p.ended_on').as('endedOn'),
      'p.is_demo as isDemo',
      'p.sort_key as sortKey',
      sql<
        string[]
      >`array(select c.country::text from network_project_country c where c.project_id = p.id order by c.country)`.as(
        'countries',
      ),
      sql<
        string[]
      >`array(select pp.organization_id::text from network_project_participant pp where pp.project_id = p.id and pp.role = 'lead' order by pp.organization_id)`.as(
        'leadIds',
      ),
      // Sums as text inside the JSON: exact, never through a float.
      sql<{ indicator: Indicator; currency: string | null; total: string }[]>`coalesce((
        select json_agg(json_build_object('indicator', t.indicator, 'currency', t.currency,
          'total', t.total::text) order by t.indicator, t.currency)
        from (
          select f.indicator, f.currency, coalesce(sum(f.amount_minor), sum(f.quantity)) as total
          from network_project_figure f
          where f.project_id = p.id and f.kind = 'result'
          group by f.indicator, f.currency
        ) t), '[]'::json)`.as('resultSums'),
    ]);
  if (filters.text) {
    const pattern = `%${filters.text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
    query = query.where(sql<boolean>`p.search_text like search_fold(${pattern})`);
  }
  if (filters.sector) query = query.where('p.sector', '=', filters.sector);
  if (filters.status) query = query.where('p.status', '=', filters.status);
  const country = filters.country;
  if (country)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('network_project_country as c')
          .select('c.project_id')
          .whereRef('c.project_id', '=', 'p.id')
          .where('c.country', '=', country),
      ),
    );
  const organizationId = filters.organizationId;
  if (organizationId)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('network_project_participant as pp')
          .select('pp.project_id')
          .whereRef('pp.project_id', '=', 'p.id')
          .where('pp.organization_id', '=', organizationId),
      ),
    );
  if (after)
    query = query.where(
      sql<boolean>`(p.sort_key collate "C", p.id) > (${after.sortKey} collate "C", ${after.id}::uuid)`,
    );
  const rows = await query
    .orderBy(sql`p.sort_key collate "C"`)
    .orderBy('p.id')
    .limit(limit + 1)
    .execute();
  return rows.map(({ resultSums, ...row }) => ({
    ...(row as Omit<ProjectListItem, 'leads' | 'resultTotals'> & {
      leadIds: string[];
      sortKey: string;
    }),
    resultTotals: resultSums.map((sum) => ({
      indicator: sum.indicator,
      unit: sum.currency ?? indicatorUnits[sum.indicator],
      amount: amountText(sum.total, sum.currency),
      currency: sum.currency,
    })),
  }));
}

export type ImpactFilters = {
  kind: 'target' | 'result';
  indicator?: Indicator | undefined;
  sector?: IcaSector | undefined;
  country?: string | undefined;
  year?: number | undefined;
  status?: ProjectStatus | undefined;
  organizationId?: string | undefined;
};

export type ImpactSumRow = {
  key: string;
  indicator: Indicator;
  currency: string | null;
  /** Minor units for money, the quantity otherwise; exact, as text. */
  total: string;
  results: number;
  projects: number;
};

/**
 * Sums figures in SQL, grouped by the key and by indicator and currency (money is never added
 * across currencies). Each figure belongs to exactly one group whatever the key: a figure without
 * a country falls under "multi-country", never under each of its project's countries.
 */
export async function sumFigures(
  db: Db,
  by: 'indicator' | 'sector' | 'year' | 'country' | 'all',
  filters: ImpactFilters,
): Promise<ImpactSumRow[]> {
  const key = {
    indicator: sql<string>`f.indicator`,
    sector: sql<string>`p.sector`,
    year: sql<string>`f.period_year::text`,
    country: sql<string>`coalesce(f.country::text, 'multi-country')`,
    // One group: every figure of the query has this kind (a constant cannot be grouped by).
    all: sql<string>`f.kind`,
  }[by];
  let query = projects(db)
    .selectFrom('network_project_figure as f')
    .innerJoin('network_project as p', 'p.id', 'f.project_id')
    .select([
      key.as('key'),
      'f.indicator',
      sql<string | null>`f.currency::text`.as('currency'),
      sql<string>`coalesce(sum(f.amount_minor), sum(f.quantity))::text`.as('total'),
      sql<number>`count(*)::int`.as('results'),
      sql<number>`count(distinct f.project_id)::int`.as('projects'),
    ])
    .where('f.kind', '=', filters.kind);
  if (filters.indicator) query = query.where('f.indicator', '=', filters.indicator);
  if (filters.sector) query = query.where('p.sector', '=', filters.sector);
  if (filters.country) query = query.where('f.country', '=', filters.country);
  if (filters.year !== undefined) query = query.where('f.period_year', '=', filters.year);
  if (filters.status) query = query.where('p.status', '=', filters.status);
  const organizationId = filters.organizationId;
  if (organizationId)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('network_project_participant as pp')
          .select('pp.project_id')
          .whereRef('pp.project_id', '=', 'p.id')
          .where('pp.organization_id', '=', organizationId),
      ),
    );
  const rows = await query
    .groupBy([key, 'f.indicator', 'f.currency'])
    .orderBy(key)
    .orderBy('f.indicator')
    .orderBy('f.currency')
    .execute();
  return rows as ImpactSumRow[];
}

/** Every figure of a kind, bare: for the check that recomputes the totals another way. */
export async function selectAllFigures(
  db: Db,
  kind: 'target' | 'result',
): Promise<
  {
    project_id: string;
    indicator: Indicator;
    quantity: string | null;
    amount_minor: string | null;
    currency: string | null;
    country: string | null;
    period_year: number;
    sector: IcaSector;
  }[]
> {
  return projects(db)
    .selectFrom('network_project_figure as f')
    .innerJoin('network_project as p', 'p.id', 'f.project_id')
    .select([
      'f.project_id',
      'f.indicator',
      'f.quantity',
      'f.amount_minor',
      'f.currency',
      'f.country',
      'f.period_year',
      'p.sector',
    ])
    .where('f.kind', '=', kind)
    .execute();
}

/**
 * Demo removal: the non-demo projects in which one of these (demo) organizations takes part,
 * described with the organization's name; they keep the demo in place.
 */
export async function selectNonDemoProjectsWith(
  db: Db,
  organizations: Array<{ id: string; name: string }>,
): Promise<string[]> {
  if (organizations.length === 0) return [];
  const result = await sql<{ description: string }>`
    select 'project ' || p.id || ': ' || o.name || ' ' || pp.role || ' in ' || p.title as description
      from network_project_participant pp
      join network_project p on p.id = pp.project_id
      join unnest(${organizations.map((organization) => organization.id)}::uuid[],
                  ${organizations.map((organization) => organization.name)}::text[]) as o (id, name)
        on o.id = pp.organization_id
     where not p.is_demo
     order by description`.execute(projects(db));
  return result.rows.map((row) => row.description);
}

/** Deletes the demo projects (their countries, participants and figures go with them). */
export async function deleteDemoProjects(db: Db): Promise<number> {
  const result = await projects(db)
    .deleteFrom('network_project')
    .where('is_demo', '=', true)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// The whole of the project tables at once, for the registry's export and import.

// Text keys sort in byte order ("C"), so both databases give the same order whatever their locale.
const bytewise = (column: string) => sql`${sql.ref(column)} collate "C"`;

export async function selectAllProjects(db: Db) {
  return projects(db)
    .selectFrom('network_project')
    .select([
      'id',
      'title',
      'summary',
      'sector',
      'status',
      dateText('started_on').as('started_on'),
      dateText('ended_on').as('ended_on'),
      'sources',
      'is_demo',
      'version',
      'created_at',
      'updated_at',
    ])
    .orderBy('id')
    .execute();
}

export async function selectAllProjectCountries(db: Db) {
  return projects(db)
    .selectFrom('network_project_country')
    .select(['project_id', 'country'])
    .orderBy('project_id')
    .orderBy(bytewise('country'))
    .execute();
}

export async function selectAllProjectParticipants(db: Db) {
  return projects(db)
    .selectFrom('network_project_participant')
    .select(['project_id', 'organization_id', 'role', 'note', 'created_at'])
    .orderBy('project_id')
    .orderBy('organization_id')
    .orderBy(bytewise('role'))
    .execute();
}

export async function selectAllProjectFigures(db: Db) {
  return projects(db)
    .selectFrom('network_project_figure')
    .select([
      'id',
      'project_id',
      'kind',
      'indicator',
      // As text: exact, whatever the driver makes of numeric and bigint.
      sql<string | null>`quantity::text`.as('quantity'),
      sql<string | null>`amount_minor::text`.as('amount_minor'),
      'currency',
      'country',
      'period_year',
      'note',
      'source',
      'created_at',
    ])
    .orderBy('id')
    .execute();
}

export async function insertProjects(
  db: Db,
  rows: Array<
    ProjectValues & {
      id: string;
      is_demo: boolean;
      version: number;
      created_at: Date;
      updated_at: Date;
    }
  >,
) {
  for (const chunk of chunks(rows))
    await projects(db).insertInto('network_project').values(chunk).execute();
}

export async function insertProjectCountries(
  db: Db,
  rows: Array<ProjectTables['network_project_country']>,
) {
  for (const chunk of chunks(rows))
    await projects(db).insertInto('network_project_country').values(chunk).execute();
}

export async function insertProjectParticipants(
  db: Db,
  rows: Array<ProjectTables['network_project_participant']>,
) {
  for (const chunk of chunks(rows))
    await projects(db).insertInto('network_project_participant').values(chunk).execute();
}

export async function insertProjectFigures(db: Db, rows: FigureValues[]) {
  // quantity and amount_minor go in as text cast in SQL, as insertFigure does: no float.
  for (const chunk of chunks(rows)) {
    const values = chunk.map(
      (row) =>
        sql`(${row.id}, ${row.project_id}, ${row.kind}, ${row.indicator}, ${row.quantity}::numeric,
          ${row.amount_minor}::bigint, ${row.currency}, ${row.country}, ${row.period_year},
          ${row.note}, ${row.source}, ${row.created_at})`,
    );
    await sql`
      insert into network_project_figure
        (id, project_id, kind, indicator, quantity, amount_minor, currency, country, period_year,
         note, source, created_at)
      values ${sql.join(values)}`.execute(projects(db));
  }
}

export async function projectExists(db: Db, id: string): Promise<boolean> {
  const row = await projects(db)
    .selectFrom('network_project')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
