import { z } from 'zod';
import { authorize } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { decodeCursor, keysetPage } from '../../../platform/paging.ts';
import type { Person } from '../schemas.ts';
import { selectPeopleOfOrganization } from './person-queries.ts';

/**
 * The people with a membership of the organization (ended ones too), each once, in id order and
 * keyset paged: `nextCursor` gives the next page. For the organization's admins and network staff.
 */
export async function findPeopleOfOrganization(
  ctx: Context,
  input: { organizationId: string; cursor?: string | undefined; limit?: number },
): Promise<{ items: Person[]; nextCursor: string | null }> {
  const { organizationId } = input;
  authorize(ctx.actor, {
    anyOf: [
      { role: 'network-staff' },
      { role: 'organization-admin', scope: { type: 'organization', id: organizationId } },
    ],
    write: false,
    organizationId,
  });
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), 100);
  const after = input.cursor ? decodeCursor(input.cursor, z.uuid()) : undefined;
  const rows = await selectPeopleOfOrganization(ctx.db, organizationId, after, limit + 1);
  const { page, nextCursor } = keysetPage(rows, limit, (last) => last.id);
  return { items: page, nextCursor };
}
