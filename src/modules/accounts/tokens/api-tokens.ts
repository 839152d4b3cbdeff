// API tokens for machine clients: shown once, stored hashed, limited to one organization and to
// reading or writing, revocable, with their last use recorded.
import type { z } from 'zod';
import { authorize, isNetworkAdmin, requireAccount } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { scopeExists } from '../../../platform/scopes.ts';
import { randomSecret, sha256 } from '../../../platform/secrets.ts';
import { accountsMessage } from '../messages.ts';
import { type AccountsTables, accounts } from '../queries.ts';
import { type ApiTokenView, CreateApiTokenInput } from '../schemas.ts';

function view(row: AccountsTables['accounts_api_token']): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    organizationId: row.organization_id,
    access: row.access,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** Organization admins make tokens for their organization; network admins for any. */
export async function createApiToken(ctx: Context, input: z.input<typeof CreateApiTokenInput>) {
  const actor = requireAccount(ctx.actor);
  if (actor.token) throw new AppError('forbidden', accountsMessage('tokens.not-by-tokens'));
  const valid = CreateApiTokenInput.parse(input);
  authorize(actor, {
    anyOf: [
      { role: 'organization-admin', scope: { type: 'organization', id: valid.organizationId } },
    ],
    write: true,
    organizationId: valid.organizationId,
  });
  if (!(await scopeExists(ctx.db, 'organization', valid.organizationId))) {
    throw new AppError('validation-failed', accountsMessage('organization.not-found'), {
      errors: [
        {
          pointer: '/organizationId',
          detail: 'There is no organization with this id.',
          code: 'organization-not-found',
        },
      ],
    });
  }
  // "ic_" makes the token recognisable (for secret scanners and people); the prefix shown later
  // tells tokens apart without revealing them.
  const token = `ic_${randomSecret()}`;
  const row = {
    id: newId(),
    account_id: actor.accountId,
    name: valid.name,
    token_hash: sha256(token),
    prefix: token.slice(0, 10),
    organization_id: valid.organizationId,
    access: valid.access,
    created_at: ctx.now(),
    last_used_at: null,
    revoked_at: null,
  };
  await inTransaction(ctx, async (tx) => {
    await accounts(tx.db).insertInto('accounts_api_token').values(row).execute();
    await recordAudit(tx, {
      action: 'create-api-token',
      entityType: 'api-token',
      entityId: row.id,
      organizationId: row.organization_id,
      before: null,
      after: view(row),
    });
  });
  return { ...view(row), token };
}

/** Each person sees their own tokens; network admins see all. */
export async function findApiTokens(ctx: Context): Promise<{ items: ApiTokenView[] }> {
  const actor = requireAccount(ctx.actor);
  let query = accounts(ctx.db)
    .selectFrom('accounts_api_token')
    .selectAll()
    .orderBy('created_at', 'desc');
  if (!isNetworkAdmin(actor) || actor.token)
    query = query.where('account_id', '=', actor.accountId);
  if (actor.token) query = query.where('organization_id', '=', actor.token.organizationId);
  return { items: (await query.limit(500).execute()).map(view) };
}

export async function revokeApiToken(ctx: Context, id: string): Promise<ApiTokenView> {
  const actor = requireAccount(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const row = await accounts(tx.db)
      .selectFrom('accounts_api_token')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('not-found', accountsMessage('tokens.not-found'));
    const owner = row.account_id === actor.accountId && !actor.token;
    if (!owner && !(isNetworkAdmin(actor) && !actor.token)) {
      throw new AppError('forbidden', accountsMessage('tokens.owner-or-admin-only'));
    }
    if (row.revoked_at) return view(row);
    const after = { ...row, revoked_at: tx.now() };
    await accounts(tx.db)
      .updateTable('accounts_api_token')
      .set({ revoked_at: after.revoked_at })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      action: 'revoke-api-token',
      entityType: 'api-token',
      entityId: id,
      organizationId: row.organization_id,
      before: view(row),
      after: view(after),
    });
    return view(after);
  });
}
