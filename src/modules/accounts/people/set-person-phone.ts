import { requireAccount } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { toE164 } from '../../../platform/phone.ts';
import { updateAtVersion } from '../../../platform/versioned-update.ts';
import { accountsMessage } from '../messages.ts';
import { type Person, SetPhoneInput } from '../schemas.ts';
import { authorizePerson, organizationsOfPerson } from './person-access.ts';
import { selectPersonView, updatePhoneAtVersion } from './person-queries.ts';

/**
 * The admins of an organization set or clear the phone of a person who is a member of it
 * (network staff, of anyone), stored in E.164. The change carries the person's version; if
 * someone saved in between, 409 with the current copy, and nothing changes.
 */
export async function setPersonPhone(
  ctx: Context,
  personId: string,
  input: SetPhoneInput,
): Promise<Person> {
  if (ctx.actor.type !== 'system') requireAccount(ctx.actor);
  const valid = SetPhoneInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await selectPersonView(tx.db, personId);
    if (!before) throw new AppError('not-found', accountsMessage('person.not-found'));
    const access = authorizePerson(
      tx.actor,
      personId,
      await organizationsOfPerson(tx.db, personId),
      true,
    );
    const phone = valid.phone === null ? null : toE164(valid.phone, valid.defaultCountry, '/phone');
    const after = await updateAtVersion(tx, {
      update: () => updatePhoneAtVersion(tx.db, personId, valid.version, phone, tx.now()),
      current: async () => (await selectPersonView(tx.db, personId)) ?? before,
      stale: (current) =>
        accountsMessage('person.stale', {
          sent: String(valid.version),
          current: String(current.version),
        }),
    });
    await recordAudit(tx, {
      action: 'set-person-phone',
      entityType: 'person',
      entityId: personId,
      organizationId: access.organizationId,
      before,
      after,
    });
    return after;
  });
}
