// Members of an organization: people (who may have no login) tied to it by a membership.
// Member data is personal: only the organization's admins and network staff read or add it.
import { sql } from 'kysely';
import { z } from 'zod';
import { type Actor, authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { decodeCursorText, encodeCursorText, invalidCursor } from '../../../platform/cursor.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { toE164 } from '../../../platform/phone.ts';
import { scopeExists } from '../../../platform/scopes.ts';
import { accountsMessage } from '../messages.ts';
import { accounts, insertPerson } from '../queries.ts';
import { AddMemberInput, type MemberView } from '../schemas.ts';

function authorizeMembers(actor: Actor, organizationId: string, write: boolean) {
  authorize(actor, {
    anyOf: [
      { role: 'network-staff' },
      { role: 'organization-admin', scope: { type: 'organization', id: organizationId } },
    ],
    write,
    organizationId,
  });
}

function memberQuery(ctx: Context) {
  return accounts(ctx.db)
    .selectFrom('accounts_membership')
    .innerJoin('accounts_person', 'accounts_person.id', 'accounts_membership.person_id')
    .select([
      'accounts_membership.id as membershipId',
      'accounts_person.id as personId',
      'accounts_person.display_name as displayName',
      'accounts_person.phone',
      'accounts_person.preferred_language as preferredLanguage',
      'accounts_membership.organization_id as organizationId',
      'accounts_membership.kind',
      sql<string>`to_char(accounts_membership.started_on, 'YYYY-MM-DD')`.as('startedOn'),
      sql<string | null>`to_char(accounts_membership.ended_on, 'YYYY-MM-DD')`.as('endedOn'),
      'accounts_membership.version',
      'accounts_person.version as personVersion',
    ]);
}

export async function addMember(
  ctx: Context,
  organizationId: string,
  input: z.input<typeof AddMemberInput>,
): Promise<MemberView> {
  authorizeMembers(ctx.actor, organizationId, true);
  const valid = AddMemberInput.parse(input);
  if (valid.membership.endedOn && valid.membership.endedOn < valid.membership.startedOn) {
    throw new AppError('validation-failed', accountsMessage('membership.end-before-start'), {
      errors: [
        {
          pointer: '/membership/endedOn',
          detail: 'Use a date on or after startedOn.',
          code: 'end-before-start',
          params: { start: valid.membership.startedOn },
        },
      ],
    });
  }
  // Checked against its country's numbering plan before anything is written.
  const phone =
    valid.person.phone === undefined
      ? null
      : toE164(valid.person.phone, valid.person.defaultCountry, '/person/phone');
  if (!(await scopeExists(ctx.db, 'organization', organizationId)))
    throw new AppError('not-found', accountsMessage('organization.not-found'));
  return inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const personId = newId();
    const membershipId = newId();
    await insertPerson(tx.db, {
      id: personId,
      display_name: valid.person.displayName,
      phone,
      preferred_language: valid.person.preferredLanguage ?? null,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await accounts(tx.db)
      .insertInto('accounts_membership')
      .values({
        id: membershipId,
        person_id: personId,
        organization_id: organizationId,
        kind: valid.membership.kind,
        started_on: valid.membership.startedOn,
        ended_on: valid.membership.endedOn ?? null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const member = await memberQuery(tx)
      .where('accounts_membership.id', '=', membershipId)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'add-member',
      entityType: 'membership',
      entityId: membershipId,
      organizationId,
      before: null,
      after: member,
    });
    return member;
  });
}

export async function findMembers(
  ctx: Context,
  organizationId: string,
  cursor: string | undefined,
  limit: number,
) {
  authorizeMembers(ctx.actor, organizationId, false);
  let query = memberQuery(ctx).where('accounts_membership.organization_id', '=', organizationId);
  if (cursor) {
    const after = z.uuid().safeParse(decodeCursorText(cursor));
    if (!after.success) throw invalidCursor();
    query = query.where('accounts_membership.id', '>', after.data);
  }
  const rows = await query
    .orderBy('accounts_membership.id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > limit && last ? encodeCursorText(last.membershipId) : null,
  };
}
