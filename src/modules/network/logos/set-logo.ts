import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import { organizationsExist } from '../queries.ts';
import { lockOrganization, selectLogoFacts, upsertLogo } from './logo-queries.ts';
import type { LogoInfo } from './logo-schemas.ts';
import { type LogoMediaType, prepareLogo } from './prepare-logo.ts';

export type SetLogoInput = { bytes: Buffer; mediaType: LogoMediaType };

/**
 * The organization's admins and network staff set its logo. The upload is checked by content,
 * shrunk and re-encoded before the transaction (decoding is slow and must not hold the database);
 * the audit log keeps its size and shape, never the bytes.
 */
export async function setLogo(
  ctx: Context,
  organizationId: string,
  input: SetLogoInput,
): Promise<LogoInfo> {
  authorize(ctx.actor, {
    anyOf: [
      { role: 'network-staff' },
      { role: 'organization-admin', scope: { type: 'organization', id: organizationId } },
    ],
    write: true,
    organizationId,
  });
  // Tell a wrong address before spending time on the image.
  if (!(await organizationsExist(ctx.db, [organizationId])).has(organizationId)) {
    throw new AppError(
      'not-found',
      networkMessage('organization.not-found', { id: organizationId }),
    );
  }
  const logo = await prepareLogo(input.bytes, input.mediaType);
  return inTransaction(ctx, async (tx) => {
    if (!(await lockOrganization(tx.db, organizationId))) {
      throw new AppError(
        'not-found',
        networkMessage('organization.not-found', { id: organizationId }),
      );
    }
    const before = await selectLogoFacts(tx.db, organizationId);
    await upsertLogo(tx.db, organizationId, logo, tx.now());
    const after = {
      mediaType: logo.mediaType,
      width: logo.width,
      height: logo.height,
      byteSize: logo.content.length,
    };
    await recordAudit(tx, {
      action: 'set-organization-logo',
      entityType: 'organization-logo',
      entityId: organizationId,
      organizationId,
      before: before ?? null,
      after: { ...after, upload: logo.upload },
    });
    return { organizationId, url: `/api/network/organizations/${organizationId}/logo`, ...after };
  });
}
