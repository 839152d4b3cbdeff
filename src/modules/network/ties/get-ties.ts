import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { selectClaims } from '../claims/claim-queries.ts';
import { networkMessage } from '../messages.ts';
import { organizationsExist } from '../queries.ts';
import type { Ties } from '../schemas.ts';
import { selectAffiliations, selectPartnerships } from './tie-queries.ts';

/**
 * An organization's ties: what it belongs to, what belongs to it, and its partnerships; and the
 * claims about it or by it that are not confirmed (waiting, or declined), shown as such. Public.
 */
export async function getTies(ctx: Context, organizationId: string): Promise<Ties> {
  if (!(await organizationsExist(ctx.db, [organizationId])).has(organizationId)) {
    throw new AppError(
      'not-found',
      networkMessage('organization.not-found', { id: organizationId }),
    );
  }
  const [parents, members, partnerships, claims] = await Promise.all([
    selectAffiliations(ctx.db, { memberId: organizationId }),
    selectAffiliations(ctx.db, { parentId: organizationId }),
    selectPartnerships(ctx.db, { organizationId }),
    selectClaims(ctx.db, { organizationId, states: ['claimed', 'declined'] }),
  ]);
  return { parents, members, partnerships, claims };
}
