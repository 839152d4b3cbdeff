// Whose word a tie needs. A tie between two organizations is a claim about each of them: it
// counts only with the consent of both sides, given by their admins, or by network staff, who
// keep the registry for everyone (and by the system: the demo, imports by network admins).
import { type Actor, type Allowance, authorize, hasGrant } from '../../../platform/access.ts';

export const adminsOf = (id: string): Allowance => ({
  role: 'organization-admin',
  scope: { type: 'organization', id },
});

export function isStaff(actor: Actor): boolean {
  return (
    actor.type === 'system' ||
    hasGrant(actor, { role: 'network-staff' }) ||
    hasGrant(actor, { role: 'network-admin' })
  );
}

/** The organization an API token speaks for, when it is one of these ends. */
function tokenEnd(actor: Actor, ends: string[]): string | undefined {
  if (actor.type !== 'account' || !actor.token) return undefined;
  return ends.find((end) => end === actor.token?.organizationId);
}

/**
 * The ends of a tie this actor speaks for, as its admin: both (or network staff) records the tie
 * at once; one makes it a claim awaiting the other.
 */
export function endsSpokenFor(actor: Actor, ends: [string, string]): string[] {
  const token = tokenEnd(actor, ends);
  if (actor.type === 'account' && actor.token) return token ? [token] : [];
  return ends.filter((end) => hasGrant(actor, adminsOf(end)));
}

/** Network staff, or an admin of either end, may record a tie or claim it. */
export function authorizeEitherEnd(actor: Actor, ends: [string, string]): void {
  const [first, second] = ends;
  authorize(actor, {
    anyOf: [{ role: 'network-staff' }, adminsOf(first), adminsOf(second)],
    write: true,
    organizationId: tokenEnd(actor, ends) ?? first,
  });
}

/** Whether the actor's word is enough for the tie to count at once. */
export function consentsForBoth(actor: Actor, ends: [string, string]): boolean {
  return isStaff(actor) || endsSpokenFor(actor, ends).length === 2;
}
