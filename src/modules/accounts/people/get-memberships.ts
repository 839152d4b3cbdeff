import { requireAccount } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { accountsMessage } from '../messages.ts';
import type { Membership } from '../schemas.ts';
import { authorizePerson, organizationsOfPerson } from './person-access.ts';
import { selectMemberships, selectPersonView } from './person-queries.ts';

/**
 * A person's memberships, ended ones too, oldest first. The person and network staff see them
 * all; an organization's admin only those of their organizations (a member's other ties are not
 * theirs to know). 404 when there is no such person.
 */
export async function getMemberships(ctx: Context, personId: string): Promise<Membership[]> {
  if (ctx.actor.type !== 'system') requireAccount(ctx.actor);
  if (!(await selectPersonView(ctx.db, personId)))
    throw new AppError('not-found', accountsMessage('person.not-found'));
  const access = authorizePerson(
    ctx.actor,
    personId,
    await organizationsOfPerson(ctx.db, personId),
    false,
  );
  const memberships = await selectMemberships(ctx.db, personId);
  return memberships.filter((membership) => access.sees(membership.organizationId));
}
