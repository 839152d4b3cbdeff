// Who may see or change a person. Member data is personal: the person themself reads it; an
// organization's admins (and its API tokens, within it) read and change the people who are (or
// were: an ended membership stays in its organization's records) members of it, and see only
// those memberships; network staff and admins, anyone.
import { type Actor, authorize, hasGrant, isNetworkAdmin } from '../../../platform/access.ts';
import type { Db } from '../../../platform/db.ts';
import { accounts } from '../queries.ts';

export type PersonAccess = {
  /** The organization through which the actor acts (for the audit log); null when none. */
  organizationId: string | null;
  /** Whether the actor may see the person's membership of this organization. */
  sees: (organizationId: string) => boolean;
};

/** The organizations the person has (or had) a membership of. */
export async function organizationsOfPerson(db: Db, personId: string): Promise<string[]> {
  const rows = await accounts(db)
    .selectFrom('accounts_membership')
    .select('organization_id')
    .distinct()
    .where('person_id', '=', personId)
    .orderBy('organization_id')
    .execute();
  return rows.map((row) => row.organization_id);
}

/** Throws 401 or 403 as `authorize` does when the actor may not; else what they may see. */
export function authorizePerson(
  actor: Actor,
  personId: string,
  organizationIds: string[],
  write: boolean,
): PersonAccess {
  if (actor.type === 'system')
    return { organizationId: organizationIds[0] ?? null, sees: () => true };
  if (actor.type === 'account' && !actor.token && !write && actor.personId === personId) {
    return { organizationId: organizationIds[0] ?? null, sees: () => true };
  }
  const token = actor.type === 'account' ? actor.token : undefined;
  const administered = organizationIds.filter((id) =>
    hasGrant(actor, { role: 'organization-admin', scope: { type: 'organization', id } }),
  );
  // The organization named in the check: the token's, else one the actor administers, else one
  // of the person's (so that a refusal names the role that would be needed there).
  const organizationId = token
    ? (organizationIds.find((id) => id === token.organizationId) ?? null)
    : (administered[0] ?? organizationIds[0] ?? null);
  authorize(actor, {
    anyOf: [
      { role: 'network-staff' },
      ...(organizationId
        ? [
            {
              role: 'organization-admin' as const,
              scope: { type: 'organization' as const, id: organizationId },
            },
          ]
        : []),
    ],
    write,
    organizationId,
  });
  if (token) return { organizationId, sees: (id) => id === token.organizationId };
  if (isNetworkAdmin(actor) || hasGrant(actor, { role: 'network-staff' })) {
    return { organizationId, sees: () => true };
  }
  return { organizationId, sees: (id) => administered.includes(id) };
}
