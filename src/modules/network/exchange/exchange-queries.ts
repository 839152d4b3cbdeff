// Reading and writing the whole registry at once, for export and import.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { network, type OrganizationValues, organizationColumns } from '../queries.ts';

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
