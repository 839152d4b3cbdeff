import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import { selectOrganization } from '../queries.ts';
import type { Organization } from '../schemas.ts';
import { organizationView } from './organization-view.ts';

export async function getOrganization(ctx: Context, id: string): Promise<Organization> {
  const row = await selectOrganization(ctx.db, id);
  if (!row) throw new AppError('not-found', networkMessage('organization.not-found', { id }));
  return organizationView(row);
}
