import { sql } from 'kysely';
import { z } from 'zod';
import { isNetworkAdmin, organizationsWhere, requireAccount } from '../access.ts';
import type { Context } from '../context.ts';
import { AppError, invalidCursor } from '../errors.ts';
import { platformMessage } from '../messages/platform-messages.ts';
import { type AuditEntryPage, FindAuditEntriesQuery } from './schemas.ts';

const Cursor = z.tuple([z.iso.datetime(), z.uuid()]);

function decodeCursor(cursor: string): [string, string] {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalidCursor('Use the nextCursor of a previous page, unchanged.');
  }
}

/**
 * The audit log, newest first. Network admins read all of it; an organization's admins read the
 * entries about their organization; nobody else reads any.
 */
export async function findAuditEntries(
  ctx: Context,
  query: FindAuditEntriesQuery,
): Promise<AuditEntryPage> {
  const valid = FindAuditEntriesQuery.parse(query);
  const account = ctx.actor.type === 'system' ? undefined : requireAccount(ctx.actor);
  let visible: string[] | 'all' = 'all';
  if (account && !isNetworkAdmin(account)) {
    visible = organizationsWhere(account, ['organization-admin']);
    if (account.token) visible = visible.filter((id) => id === account.token?.organizationId);
    if (visible.length === 0) {
      throw new AppError('forbidden', platformMessage('audit.admins-only'));
    }
    if (valid.organizationId && !visible.includes(valid.organizationId)) {
      throw new AppError('forbidden', platformMessage('audit.own-organization-only'));
    }
  } else if (account?.token) {
    visible = [account.token.organizationId];
  }
  let select = ctx.db.selectFrom('platform_audit_entry').selectAll();
  if (visible !== 'all') select = select.where('organization_id', 'in', visible);
  if (valid.organizationId) select = select.where('organization_id', '=', valid.organizationId);
  if (valid.entityType) select = select.where('entity_type', '=', valid.entityType);
  if (valid.entityId) select = select.where('entity_id', '=', valid.entityId);
  if (valid.action) select = select.where('action', '=', valid.action);
  if (valid.actorAccountId) select = select.where('actor_account_id', '=', valid.actorAccountId);
  if (valid.from) select = select.where('at', '>=', new Date(valid.from));
  if (valid.to) select = select.where('at', '<', new Date(valid.to));
  if (valid.cursor) {
    const [at, id] = decodeCursor(valid.cursor);
    select = select.where(sql<boolean>`(at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await select
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(valid.limit + 1)
    .execute();
  const page = rows.slice(0, valid.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorAccountId: row.actor_account_id,
      actorLabel: row.actor_label,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      organizationId: row.organization_id,
      before: row.before,
      after: row.after,
      requestId: row.request_id,
    })),
    nextCursor:
      rows.length > valid.limit && last
        ? Buffer.from(JSON.stringify([last.at.toISOString(), last.id])).toString('base64url')
        : null,
  };
}
