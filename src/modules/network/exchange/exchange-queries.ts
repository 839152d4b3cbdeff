// Reading and writing the whole registry at once, for export and import.
import { sql } from 'kysely';
import { chunks } from '../../../platform/chunks.ts';
import type { Db } from '../../../platform/db.ts';
import type { IntentTable } from '../intents/intent-queries.ts';
import { network, type OrganizationValues, organizationColumns } from '../queries.ts';

// Offers and needs are network tables too, declared beside their own queries. Projects are the
// projects module's: the export and the import ask its door.
const registry = (db: Db) => network(db).withTables<{ network_intent: IntentTable }>();

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

export async function selectAllTieClaims(db: Db) {
  return network(db)
    .selectFrom('network_tie_claim')
    .select([
      ...tieColumns,
      'tie',
      'from_id',
      'to_id',
      'claimed_by',
      'awaited_from',
      'state',
      'decided_at',
      'decided_by_account',
      'decided_for',
      'tie_id',
      dateText('started_on').as('started_on'),
      dateText('ended_on').as('ended_on'),
    ])
    .orderBy('id')
    .execute();
}

export async function selectAllLogos(db: Db) {
  return network(db).selectFrom('network_logo').selectAll().orderBy('organization_id').execute();
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

export async function insertTieClaims(
  db: Db,
  rows: Array<
    TieRow & {
      tie: 'affiliation' | 'partnership';
      from_id: string;
      to_id: string;
      claimed_by: string;
      awaited_from: string;
      state: 'claimed' | 'confirmed' | 'declined';
      decided_at: Date | null;
      decided_by_account: string | null;
      decided_for: string | null;
      tie_id: string | null;
    }
  >,
) {
  for (const chunk of chunks(rows))
    await network(db).insertInto('network_tie_claim').values(chunk).execute();
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
