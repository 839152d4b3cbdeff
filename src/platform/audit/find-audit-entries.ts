import { sql } from 'kysely';
import { z } from 'zod';
import {
  isNetworkAdmin,
  isRole,
  isScopeType,
  organizationsWhere,
  requireAccount,
} from '../access.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { platformMessage } from '../messages/platform-messages.ts';
import { decodeCursor, keysetPage } from '../paging.ts';
import { type AuditEntryPage, FindAuditEntriesQuery } from './schemas.ts';

const Cursor = z.tuple([z.iso.datetime(), z.uuid()]);

function isRoleGrant(value: object): value is { scopeType: string; scopeId: unknown } {
  const grant = value as Record<string, unknown>;
  return isRole(grant.role) && isScopeType(grant.scopeType) && 'scopeId' in grant;
}

/**
 * An entry's record with only the role grants the reader may see. An entry about an account
 * (a role given, changed or taken back, an invitation) holds all of the account's grants, which
 * can name other organizations; an organization's admin sees only those within the organizations
 * whose log they read, as the accounts list shows them.
 */
function withVisibleGrants(value: unknown, visible: string[] | 'all'): unknown {
  if (visible === 'all' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return value
      .filter(
        (item) =>
          !(item && typeof item === 'object' && isRoleGrant(item)) ||
          (item.scopeType === 'organization' && visible.includes(String(item.scopeId))),
      )
      .map((item) => withVisibleGrants(item, visible));
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, withVisibleGrants(inner, visible)]),
  );
}

/** The fields that name a record in an entry's copy of it, in the order they are tried. */
const labelFields = ['name', 'title', 'displayName', 'email'] as const;

/** What names the record in this copy of it, if anything does. */
export function labelOf(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  for (const field of labelFields) {
    const label = (value as Record<string, unknown>)[field];
    if (typeof label === 'string' && label.trim() !== '') return label.trim().slice(0, 200);
  }
  return null;
}

const labelSql = (column: 'after' | 'before') =>
  labelFields.map((field) => sql`nullif(btrim(${sql.ref(column)} ->> ${field}), '')`);

/**
 * The latest label of each of these records, from the entries about it the reader may see: an
 * entry that changes one field (a status, a role) names its record through an earlier one.
 */
async function latestLabels(
  ctx: Context,
  records: Array<{ entityType: string; entityId: string }>,
  visible: string[] | 'all',
): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  if (records.length === 0) return labels;
  const label = sql<
    string | null
  >`coalesce(${sql.join([...labelSql('after'), ...labelSql('before')])})`;
  let select = ctx.db
    .selectFrom('platform_audit_entry')
    .select(['entity_type', 'entity_id', label.as('label')])
    .distinctOn(['entity_type', 'entity_id'])
    .where((where) =>
      where.or(
        records.map((record) =>
          where.and([
            where('entity_type', '=', record.entityType),
            where('entity_id', '=', record.entityId),
          ]),
        ),
      ),
    )
    .where(label, 'is not', null);
  if (visible !== 'all') select = select.where('organization_id', 'in', visible);
  const rows = await select
    .orderBy('entity_type')
    .orderBy('entity_id')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) {
    if (row.label) labels.set(`${row.entity_type}\u0000${row.entity_id}`, row.label.slice(0, 200));
  }
  return labels;
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
    const [at, id] = decodeCursor(valid.cursor, Cursor);
    select = select.where(sql<boolean>`(at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await select
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(valid.limit + 1)
    .execute();
  const { page, nextCursor } = keysetPage(rows, valid.limit, (last) => [
    last.at.toISOString(),
    last.id,
  ]);
  const items = page.map((row) => ({
    row,
    before: withVisibleGrants(row.before, visible),
    after: withVisibleGrants(row.after, visible),
  }));
  const own = items.map(({ before, after }) => labelOf(after) ?? labelOf(before));
  const unnamed = items.filter((_, index) => own[index] === null);
  const earlier = await latestLabels(
    ctx,
    [...new Map(unnamed.map(({ row }) => [`${row.entity_type}\u0000${row.entity_id}`, row]))].map(
      ([, row]) => ({ entityType: row.entity_type, entityId: row.entity_id }),
    ),
    visible,
  );
  return {
    items: items.map(({ row, before, after }, index) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorAccountId: row.actor_account_id,
      actorLabel: row.actor_label,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      entityLabel: own[index] ?? earlier.get(`${row.entity_type}\u0000${row.entity_id}`) ?? null,
      organizationId: row.organization_id,
      before,
      after,
      requestId: row.request_id,
    })),
    nextCursor,
  };
}
