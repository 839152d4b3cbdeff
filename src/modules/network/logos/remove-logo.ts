import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import { deleteLogo, lockOrganization, selectLogoFacts } from './logo-queries.ts';

/** The organization's admins and network staff remove its logo; 404 when it has none. */
export async function removeLogo(ctx: Context, organizationId: string): Promise<void> {
  authorize(ctx.actor, {
    anyOf: [
      { role: 'network-staff' },
      { role: 'organization-admin', scope: { type: 'organization', id: organizationId } },
    ],
    write: true,
    organizationId,
  });
  await inTransaction(ctx, async (tx) => {
    if (!(await lockOrganization(tx.db, organizationId))) {
      throw new AppError(
        'not-found',
        networkMessage('organization.not-found', { id: organizationId }),
      );
    }
    const before = await selectLogoFacts(tx.db, organizationId);
    if (!before || !(await deleteLogo(tx.db, organizationId))) {
      throw new AppError(
        'not-found',
        networkMessage('logo.none-to-remove', { id: organizationId }),
      );
    }
    await recordAudit(tx, {
      action: 'remove-organization-logo',
      entityType: 'organization-logo',
      entityId: organizationId,
      organizationId,
      before,
      after: null,
    });
  });
}
