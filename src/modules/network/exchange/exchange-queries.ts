// Reading and writing the whole registry at once, for export and import.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import type { IntentTable } from '../intents/intent-queries.ts';
import type { FigureValues, ProjectTables } from '../projects/project-queries.ts';
import { network, type OrganizationValues, organizationColumns } from '../queries.ts';

// Projects and intents are network tables too, declared beside their own queries.
const registry = (db: Db) =>
  network(db).withTables<ProjectTables & { network_intent: IntentTable }>();

export async function selectAllOrganizations(db: Db) {
  return network(db)
    .selectFrom('network_organization')
    .select(organizationColumns)
    .select(sql<boolean>`false`.as('has_logo'))
    .orderBy('id')
    .execute();
}

const tieColumns = [
  'id',
  'kind',
  'note',
  'is_demo',
  'version',
  'created_at',
  'updated_at',
] as const;
const dateText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export async function selectAllAffiliations(db: Db) {
  return network(db)
    .selectFrom('network_affiliation')
    .select([
      ...tieColumns,
      'member_id',
      'parent_id',
      dateText('started_on').as('started_on'),
      dateText('ended_on').as('ended_on'),
    ])
    .orderBy('id')
    .execute();
}

export async function selectAllPartnerships(db: Db) {
  return network(db)
    .selectFrom('network_partnership')
    .select([
      ...tieColumns,
      'from_id',
      'to_id',
      dateText('started_on').as('started_on'),
      dateText('ended_on').as('ended_on'),
    ])
    .orderBy('id')
    .execute();
}

export async function selectAllLogos(db: Db) {
  return network(db).selectFrom('network_logo').selectAll().orderBy('organization_id').execute();
}

export async function selectAllProjects(db: Db) {
  return registry(db)
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

// Text keys sort in byte order ("C"), so both databases give the same order whatever their locale.
const bytewise = (column: string) => sql`${sql.ref(column)} collate "C"`;

export async function selectAllProjectCountries(db: Db) {
  return registry(db)
    .selectFrom('network_project_country')
    .select(['project_id', 'country'])
    .orderBy('project_id')
    .orderBy(bytewise('country'))
    .execute();
}

export async function selectAllProjectParticipants(db: Db) {
  return registry(db)
    .selectFrom('network_project_participant')
    .select(['project_id', 'organization_id', 'role', 'note', 'created_at'])
    .orderBy('project_id')
    .orderBy('organization_id')
    .orderBy(bytewise('role'))
    .execute();
}

export async function selectAllProjectFigures(db: Db) {
  return registry(db)
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

export async function selectAllIntents(db: Db) {
  return registry(db)
    .selectFrom('network_intent')
    .select([
      'id',
      'organization_id',
      'direction',
      'title',
      'description',
      'sector',
      'countries',
      'kind',
      dateText('valid_from').as('valid_from'),
      dateText('valid_until').as('valid_until'),
      'status',
      'closed_at',
      'is_demo',
      'version',
      'created_at',
      'updated_at',
    ])
    .orderBy('id')
    .execute();
}

export async function registryIsEmpty(db: Db): Promise<boolean> {
  const row = await network(db)
    .selectFrom('network_organization')
    .select('id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

type Stamps = { id: string; is_demo: boolean; version: number; created_at: Date; updated_at: Date };

// Rows go in chunks: one statement a chunk, well under PostgreSQL's 65,535 parameters.
const chunkSize = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += chunkSize)
    out.push(rows.slice(start, start + chunkSize));
  return out;
}

export async function insertOrganizations(db: Db, rows: Array<OrganizationValues & Stamps>) {
  for (const chunk of chunks(rows))
    await network(db).insertInto('network_organization').values(chunk).execute();
}

type TieRow = Stamps & {
  kind: string;
  started_on: string | null;
  ended_on: string | null;
  note: string | null;
};

export async function insertAffiliations(
  db: Db,
  rows: Array<TieRow & { member_id: string; parent_id: string }>,
) {
  for (const chunk of chunks(rows))
    await network(db).insertInto('network_affiliation').values(chunk).execute();
}

export async function insertPartnerships(
  db: Db,
  rows: Array<TieRow & { from_id: string; to_id: string }>,
) {
  for (const chunk of chunks(rows))
    await network(db).insertInto('network_partnership').values(chunk).execute();
}

export async function insertLogos(
  db: Db,
  rows: Array<{
    organization_id: string;
    content: Buffer;
    media_type: string;
    width: number;
    height: number;
    updated_at: Date;
  }>,
) {
  for (const chunk of chunks(rows))
    await network(db).insertInto('network_logo').values(chunk).execute();
}

export async function insertProjects(
  db: Db,
  rows: Array<
    Stamps & {
      title: string;
      summary: string | null;
      sector: ProjectTables['network_project']['sector'];
      status: ProjectTables['network_project']['status'];
      started_on: string | null;
      ended_on: string | null;
      sources: string[];
    }
  >,
) {
  for (const chunk of chunks(rows))
    await registry(db).insertInto('network_project').values(chunk).execute();
}

export async function insertProjectCountries(
  db: Db,
  rows: Array<ProjectTables['network_project_country']>,
) {
  for (const chunk of chunks(rows))
    await registry(db).insertInto('network_project_country').values(chunk).execute();
}

export async function insertProjectParticipants(
  db: Db,
  rows: Array<ProjectTables['network_project_participant']>,
) {
  for (const chunk of chunks(rows))
    await registry(db).insertInto('network_project_participant').values(chunk).execute();
}

export async function insertProjectFigures(db: Db, rows: FigureValues[]) {
  // quantity and amount_minor go in as text cast in SQL, as the projects module does: no float.
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
      values ${sql.join(values)}`.execute(registry(db));
  }
}

export async function insertIntents(
  db: Db,
  rows: Array<
    Stamps &
      Pick<
        IntentTable,
        'organization_id' | 'direction' | 'title' | 'description' | 'sector' | 'kind'
      > & {
        countries: string[];
        valid_from: string | null;
        valid_until: string | null;
        status: 'open' | 'closed';
        closed_at: Date | null;
      }
  >,
) {
  for (const chunk of chunks(rows))
    await registry(db).insertInto('network_intent').values(chunk).execute();
}
