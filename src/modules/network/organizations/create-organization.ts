import { assertMayWrite } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { insertOrganization } from '../queries.ts';
import { CreateOrganizationInput, type Organization } from '../schemas.ts';
import { organizationView } from './organization-view.ts';

export async function createOrganization(
  ctx: Context,
  input: CreateOrganizationInput,
): Promise<Organization> {
  assertMayWrite(ctx.actor);
  // Parsed again here so that every adapter (HTTP, CLI, import) gets the same rules.
  const valid = CreateOrganizationInput.parse(input);
  const now = ctx.now();
  const row = await insertOrganization(ctx.db, {
    id: newId(),
    name: valid.name,
    short_name: valid.shortName ?? null,
    kind: valid.kind,
    country: valid.country,
    sector: valid.sector,
    description: valid.description ?? null,
    website: valid.website ?? null,
    founding_year: valid.foundingYear ?? null,
    created_at: now,
    updated_at: now,
  });
  ctx.log.info({ organizationId: row.id, actor: ctx.actor.description }, 'organization created');
  return organizationView(row);
}
