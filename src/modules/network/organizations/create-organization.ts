import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { insertOrganization } from '../queries.ts';
import { CreateOrganizationInput, type Organization } from '../schemas.ts';
import { organizationView, valuesFromInput } from './organization-view.ts';

/** Network staff add organizations to the registry. `demo` marks rows of the demo network. */
export async function createOrganization(
  ctx: Context,
  input: CreateOrganizationInput,
  options: { demo?: boolean } = {},
): Promise<Organization> {
  authorize(ctx.actor, { anyOf: [{ role: 'network-staff' }], write: true, organizationId: null });
  // Parsed again here so that every adapter (HTTP, CLI, import, demo) gets the same rules.
  const valid = CreateOrganizationInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const row = await insertOrganization(tx.db, {
      id: newId(),
      ...valuesFromInput(valid),
      is_demo: options.demo ?? false,
      created_at: now,
      updated_at: now,
    });
    const organization = organizationView(row);
    await recordAudit(tx, {
      action: 'create-organization',
      entityType: 'organization',
      entityId: organization.id,
      organizationId: organization.id,
      before: null,
      after: organization,
    });
    return organization;
  });
}
