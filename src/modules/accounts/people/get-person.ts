import { requireAccount } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { accountsMessage } from '../messages.ts';
import type { Person } from '../schemas.ts';
import { authorizePerson, organizationsOfPerson } from './person-access.ts';
import { selectPersonView } from './person-queries.ts';

/**
 * A person (name, preferred language, phone in E.164), for the person themself, the admins of an
 * organization they are a member of, network staff, and the system; 404 when there is none.
 */
export async function getPerson(ctx: Context, personId: string): Promise<Person> {
  if (ctx.actor.type !== 'system') requireAccount(ctx.actor);
  const person = await selectPersonView(ctx.db, personId);
  if (!person) throw new AppError('not-found', accountsMessage('person.not-found'));
  authorizePerson(ctx.actor, personId, await organizationsOfPerson(ctx.db, personId), false);
  return person;
}
