// Reading and writing affiliations and partnerships, with the names of the organizations tied.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import { network, organizationsExist } from '../queries.ts';
import type { Affiliation, Partnership } from '../schemas.ts';

const dateText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export async function selectAffiliations(
  db: Db,
  where: { id?: string; memberId?: string; parentId?: string },
): Promise<Affiliation[]> {
  let query = network(db)
    .selectFrom('network_affiliation as a')
    .innerJoin('network_organization as m', 'm.id', 'a.member_id')
    .innerJoin('network_organization as p', 'p.id', 'a.parent_id')
    .select([
      'a.id',
      'a.member_id as memberId',
      'm.name as memberName',
      'a.parent_id as parentId',
      'p.name as parentName',
      'a.kind',
      dateText('a.started_on').as('startedOn'),
      dateText('a.ended_on').as('endedOn'),
      'a.note',
      'a.is_demo as isDemo',
      'a.version',
    ]);
  if (where.id) query = query.where('a.id', '=', where.id);
  if (where.memberId) query = query.where('a.member_id', '=', where.memberId);
  if (where.parentId) query = query.where('a.parent_id', '=', where.parentId);
  const rows = await query.orderBy('m.sort_key').orderBy('p.sort_key').orderBy('a.id').execute();
  return rows as Affiliation[];
}

export async function selectPartnerships(
  db: Db,
  where: { id?: string; organizationId?: string },
): Promise<Partnership[]> {
  let query = network(db)
    .selectFrom('network_partnership as t')
    .innerJoin('network_organization as f', 'f.id', 't.from_id')
    .innerJoin('network_organization as o', 'o.id', 't.to_id')
    .select([
      't.id',
      't.from_id as fromId',
      'f.name as fromName',
      't.to_id as toId',
      'o.name as toName',
      't.kind',
      dateText('t.started_on').as('startedOn'),
      dateText('t.ended_on').as('endedOn'),
      't.note',
      't.is_demo as isDemo',
      't.version',
    ]);
  if (where.id) query = query.where('t.id', '=', where.id);
  const organizationId = where.organizationId;
  if (organizationId)
    query = query.where((eb) =>
      eb.or([eb('t.from_id', '=', organizationId), eb('t.to_id', '=', organizationId)]),
    );
  const rows = await query.orderBy('f.sort_key').orderBy('o.sort_key').orderBy('t.id').execute();
  return rows as Partnership[];
}

/** Whether `ancestor` is `organization` itself or above it in the affiliation tree. */
export async function isSelfOrAncestor(
  db: Db,
  organization: string,
  ancestor: string,
): Promise<boolean> {
  const result = await sql<{ found: boolean }>`
    with recursive above(id) as (
      select ${organization}::uuid
      union
      select a.parent_id from network_affiliation a join above on a.member_id = above.id
    )
    select exists (select 1 from above where id = ${ancestor}::uuid) as found`.execute(network(db));
  return result.rows[0]?.found === true;
}

// Any number that is ours alone: affiliation writes take turns, so two that would close a cycle
// together cannot both pass the check.
export const affiliationLockKey = 7_240_553;

export async function lockAffiliations(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${affiliationLockKey})`.execute(network(db));
}

/** Refuses, with a pointer for each, the organization ids of a new tie that do not exist. */
export async function assertTieEndsExist(db: Db, ends: Record<string, string>): Promise<void> {
  const existing = await organizationsExist(db, Object.values(ends));
  const errors = Object.entries(ends)
    .filter(([, id]) => !existing.has(id))
    .map(([field]) => ({
      pointer: `/${field}`,
      detail: 'There is no organization with this id.',
      code: 'organization-not-found' as const,
    }));
  if (errors.length > 0) {
    throw new AppError('validation-failed', networkMessage('organizations.named-missing'), {
      errors,
    });
  }
}
