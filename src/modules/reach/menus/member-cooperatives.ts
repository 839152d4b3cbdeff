// The organizations the member on the phone belongs to now, through the accounts' and the
// network's doors, for the screens that show "my cooperative". Only the member's own: the person
// is the one the PIN picked out, never one a screen's state names.
import type { MenuCaller } from '../../../platform/menus.ts';
import { getMemberships, type Membership } from '../../accounts/index.ts';
import { getOrganization, type Organization } from '../../network/index.ts';

export type MemberCooperative = { membership: Membership; organization: Organization };

export async function memberCooperatives(caller: MenuCaller): Promise<MemberCooperative[]> {
  const today = caller.ctx.now().toISOString().slice(0, 10);
  const memberships = (await getMemberships(caller.ctx, caller.personId)).filter(
    (membership) =>
      membership.startedOn <= today && (membership.endedOn === null || membership.endedOn >= today),
  );
  const found: MemberCooperative[] = [];
  for (const membership of memberships) {
    found.push({
      membership,
      organization: await getOrganization(caller.ctx, membership.organizationId),
    });
  }
  return found;
}
