// The only file that touches the network module's tables.
import { type ColumnType, type CompiledQuery, type Selectable, sql } from 'kysely';
import { type Db, preparedStatement } from '../../platform/db.ts';
import type { IcaSector, OrganizationKind } from './schemas.ts';

type Generated<T> = ColumnType<T, never, never>;

export type OrganizationTable = {
  id: string;
  name: string;
  short_name: string | null;
  other_names: ColumnType<unknown, string | undefined, string>;
  kind: OrganizationKind;
  legal_form: string | null;
  country: string;
  sector: IcaSector;
  region: string | null;
  locality: string | null;
  latitude: number | null;
  longitude: number | null;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  founding_year: number | null;
  members_total: number | null;
  members_women: number | null;
  members_men: number | null;
  employees: number | null;
  website: string | null;
  contacts: ColumnType<unknown, string | undefined, string>;
  description: string | null;
  descriptions: ColumnType<unknown, string | undefined, string>;
  principles: ColumnType<unknown, string | undefined, string>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  sort_key: Generated<string>;
  search_names: Generated<string>;
  search_document: Generated<string>;
  version: ColumnType<number, number | undefined, number>;
  created_at: Date;
  updated_at: Date;
};

type TieColumns = {
  kind: string;
  started_on: string | null;
  ended_on: string | null;
  note: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  created_at: Date;
  updated_at: Date;
};

export type NetworkTables = {
  network_organization: OrganizationTable;
  network_logo: {
    organization_id: string;
    content: Buffer;
    media_type: string;
    width: number;
    height: number;
    updated_at: Date;
  };
  network_affiliation: { id: string; member_id: string; parent_id: string } & TieColumns;
  network_partnership: { id: string; from_id: string; to_id: string } & TieColumns;
  network_tie_claim: {
    id: string;
    tie: 'affiliation' | 'partnership';
    from_id: string;
    to_id: string;
    claimed_by: string;
    awaited_from: string;
    state: ColumnType<
      'claimed' | 'confirmed' | 'declined',
      'claimed' | 'confirmed' | 'declined' | undefined,
      'claimed' | 'confirmed' | 'declined'
    >;
    decided_at: Date | null;
    decided_by_account: string | null;
    decided_for: string | null;
    tie_id: string | null;
  } & TieColumns;
};

export const network = (db: Db) => db.withTables<NetworkTables>();

export const organizationColumns = [
  'id',
  'name',
  'short_name',
  'other_names',
  'kind',
  'legal_form',
  'country',
  'sector',
  'region',
  'locality',
  'latitude',
  'longitude',
  'languages',
  'founding_year',
  'members_total',
  'members_women',
  'members_men',
  'employees',
  'website',
  'contacts',
  'description',
  'descriptions',
  'principles',
  'is_demo',
  'version',
  'created_at',
  'updated_at',
] as const;

export type OrganizationRow = Pick<
  Selectable<OrganizationTable>,
  (typeof organizationColumns)[number]
> & {
  has_logo: boolean;
};

export type OrganizationValues = {
  name: string;
  short_name: string | null;
  other_names: string;
  kind: OrganizationKind;
  legal_form: string | null;
  country: string;
  sector: IcaSector;
  region: string | null;
  locality: string | null;
  latitude: number | null;
  longitude: number | null;
  languages: string[];
  founding_year: number | null;
  members_total: number | null;
  members_women: number | null;
  members_men: number | null;
  employees: number | null;
  website: string | null;
  contacts: string;
  description: string | null;
  descriptions: string;
  principles: string;
};

const hasLogo =
  sql<boolean>`exists (select 1 from network_logo l where l.organization_id = network_organization.id)`.as(
    'has_logo',
  );

export async function insertOrganization(
  db: Db,
  row: OrganizationValues & { id: string; is_demo: boolean; created_at: Date; updated_at: Date },
): Promise<OrganizationRow> {
  await network(db).insertInto('network_organization').values(row).execute();
  return (await selectOrganization(db, row.id)) as OrganizationRow;
}

/**
 * The profile's read, the hottest of the registry: built and compiled once per process (the
 * builder and compiler took about a fifth of the route's processor time) and prepared on each
 * connection.
 */
let organizationById: CompiledQuery<OrganizationRow> | undefined;

export async function selectOrganization(db: Db, id: string): Promise<OrganizationRow | undefined> {
  organizationById ??= compileOrganizationById(db);
  const result = await db.executeQuery<OrganizationRow>({ ...organizationById, parameters: [id] });
  return result.rows[0];
}

function compileOrganizationById(db: Db): CompiledQuery<OrganizationRow> {
  const query = network(db)
    .selectFrom('network_organization')
    .select(organizationColumns)
    .select(hasLogo)
    .where('id', '=', '')
    .compile();
  // Its only parameter is the id, given anew on each run.
  if (query.parameters.length !== 1) throw new Error('the read by id takes one parameter: the id');
  return { ...query, sql: preparedStatement('network_organization_by_id', query.sql) };
}

export async function selectOrganizationsByIds(db: Db, ids: string[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  return network(db)
    .selectFrom('network_organization')
    .select(organizationColumns)
    .select(hasLogo)
    .where('id', 'in', ids)
    .execute();
}

/** Applies the changes only if the row is still at `version`; undefined when it is not (or gone). */
export async function updateOrganizationAtVersion(
  db: Db,
  id: string,
  version: number,
  changes: Partial<OrganizationValues>,
  now: Date,
): Promise<OrganizationRow | undefined> {
  const updated = await network(db)
    .updateTable('network_organization')
    .set({ ...changes, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return updated ? selectOrganization(db, id) : undefined;
}

/** The names of those of `ids` that are organizations, in the directory's order (name, then id). */
export async function selectOrganizationNames(
  db: Db,
  ids: string[],
): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return [];
  return network(db)
    .selectFrom('network_organization')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .orderBy('sort_key')
    .orderBy('id')
    .execute();
}

export async function organizationsExist(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await network(db)
    .selectFrom('network_organization')
    .select('id')
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((row) => row.id));
}
