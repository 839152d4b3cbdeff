import type { Context } from '../context.ts';
import { newId } from '../ids.ts';
import { isDeclaredAudit } from './audit-vocabulary.ts';

export type AuditRecord = {
  /** verb-noun, such as "create-organization". */
  action: string;
  entityType: string;
  entityId: string;
  /** The organization the change concerns, so that its admins can read the entry. */
  organizationId: string | null;
  before: unknown;
  after: unknown;
};

// Secrets never reach the audit log, whatever a use case passes in.
const secretKeys = new Set([
  'password',
  'passwordHash',
  'password_hash',
  'token',
  'tokenHash',
  'token_hash',
  'secretHash',
  'secret_hash',
  'csrfToken',
  'csrf_token',
]);

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !secretKeys.has(key))
        .map(([key, inner]) => [key, withoutSecrets(inner)]),
    );
  }
  return value;
}

/** Records a write. Call it with the transaction's context so that both commit or neither. */
export async function recordAudit(ctx: Context, record: AuditRecord): Promise<void> {
  // An action no module declared would show as a bare code to the people reading the log.
  if (!isDeclaredAudit(record.action, record.entityType))
    throw new Error(
      `the audit action ${record.action} on ${record.entityType} is not declared by any module`,
    );
  const actor = ctx.actor;
  await ctx.db
    .insertInto('platform_audit_entry')
    .values({
      id: newId(),
      at: ctx.now(),
      actor_account_id: actor.type === 'account' ? actor.accountId : null,
      actor_label: actor.label,
      action: record.action,
      entity_type: record.entityType,
      entity_id: record.entityId,
      organization_id: record.organizationId,
      before:
        record.before === undefined || record.before === null
          ? null
          : JSON.stringify(withoutSecrets(record.before)),
      after:
        record.after === undefined || record.after === null
          ? null
          : JSON.stringify(withoutSecrets(record.after)),
      request_id: ctx.requestId ?? null,
    })
    .execute();
}
