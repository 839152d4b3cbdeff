// Reading and writing people and their memberships (accounts_person, accounts_membership).
import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { accounts } from '../queries.ts';
import type { Membership, Person } from '../schemas.ts';

const personColumns = [
  'accounts_person.id',
  'accounts_person.display_name as displayName',
  'accounts_person.preferred_language as preferredLanguage',
  'accounts_person.phone',
  'accounts_person.version',
] as const;

export async function selectPersonView(db: Db, id: string): Promise<Person | undefined> {
  return accounts(db)
    .selectFrom('accounts_person')
    .select(personColumns)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The people with this phone (E.164), in id order: a household may share one. */
export async function selectPeopleByPhone(db: Db, e164: string): Promise<Person[]> {
  return accounts(db)
    .selectFrom('accounts_person')
    .select(personColumns)
    .where('phone', '=', e164)
    .orderBy('id')
    .execute();
}

/** A page of the people with a membership of the organization (ended or not), in id order. */
export async function selectPeopleOfOrganization(
  db: Db,
  organizationId: string,
  after: string | undefined,
  limit: number,
): Promise<Person[]> {
  let query = accounts(db)
    .selectFrom('accounts_person')
    .select(personColumns)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('accounts_membership')
          .select(sql`1`.as('one'))
          .whereRef('accounts_membership.person_id', '=', 'accounts_person.id')
          .where('accounts_membership.organization_id', '=', organizationId),
      ),
    );
  if (after) query = query.where('accounts_person.id', '>', after);
  return query.orderBy('accounts_person.id').limit(limit).execute();
}

export async function selectMemberships(db: Db, personId: string): Promise<Membership[]> {
  return accounts(db)
    .selectFrom('accounts_membership')
    .select([
      'id',
      'person_id as personId',
      'organization_id as organizationId',
      'kind',
      sql<string>`to_char(started_on, 'YYYY-MM-DD')`.as('startedOn'),
      sql<string | null>`to_char(ended_on, 'YYYY-MM-DD')`.as('endedOn'),
      'version',
    ])
    .where('person_id', '=', personId)
    .orderBy('started_on')
    .orderBy('id')
    .execute();
}

/** Sets the phone only if the person is still at `version`; undefined when not (or gone). */
export async function updatePhoneAtVersion(
  db: Db,
  id: string,
  version: number,
  phone: string | null,
  now: Date,
): Promise<Person | undefined> {
  return accounts(db)
    .updateTable('accounts_person')
    .set({ phone, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning([
      'id',
      'display_name as displayName',
      'preferred_language as preferredLanguage',
      'phone',
      'version',
    ])
    .executeTakeFirst();
}
