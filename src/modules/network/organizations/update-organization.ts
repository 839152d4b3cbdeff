import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { updateAtVersion } from '../../../platform/versioned-update.ts';
import { networkMessage } from '../messages.ts';
import { selectOrganization, updateOrganizationAtVersion } from '../queries.ts';
import { type Organization, UpdateOrganizationInput } from '../schemas.ts';
import { changesFromInput, organizationView } from './organization-view.ts';

/**
 * The organization's admins and network staff edit it. The change carries the version it was
 * made from; if someone else saved in between, 409 with the current copy, and nothing changes.
 */
export async function updateOrganization(
  ctx: Context,
  id: string,
  input: UpdateOrganizationInput,
): Promise<Organization> {
  authorize(ctx.actor, {
    anyOf: [
      { role: 'network-staff' },
      { role: 'organization-admin', scope: { type: 'organization', id } },
    ],
    write: true,
    organizationId: id,
  });
  const { version, ...fields } = UpdateOrganizationInput.parse(input);
  const changes = changesFromInput(fields);
  return inTransaction(ctx, async (tx) => {
    const current = await selectOrganization(tx.db, id);
    if (!current) throw new AppError('not-found', networkMessage('organization.not-found', { id }));
    const before = organizationView(current);
    const updated = await updateAtVersion(tx, {
      update: () => updateOrganizationAtVersion(tx.db, id, version, changes, tx.now()),
      current: async () => {
        const latest = await selectOrganization(tx.db, id);
        return latest ? organizationView(latest) : before;
      },
      stale: (currentCopy) =>
        networkMessage('organization.stale', {
          sent: String(version),
          current: String(currentCopy.version),
        }),
    });
    const after = organizationView(updated);
    await recordAudit(tx, {
      action: 'update-organization',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
      before,
      after,
    });
    return after;
  });
}
