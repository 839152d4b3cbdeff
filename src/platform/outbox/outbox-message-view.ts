import type { Selectable } from 'kysely';
import type { OutboxTables } from './queries.ts';
import type { OutboxMessageView } from './schemas.ts';

type Row = Selectable<OutboxTables['platform_outbox_message']>;

/** The columns a view needs: everything but the text, which never leaves the database. */
export const viewColumns = [
  'id',
  'kind',
  'recipient',
  'subject',
  'status',
  'attempts',
  'last_error',
  'created_at',
  'next_attempt_at',
  'delivered_at',
  'failed_at',
  'delivery_state',
  'delivery_detail',
] as const;

export function outboxMessageView(
  row: Pick<Row, (typeof viewColumns)[number]> & { has_body: boolean },
): OutboxMessageView {
  return {
    id: row.id,
    kind: row.kind,
    to: row.recipient,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    failedAt: row.failed_at?.toISOString() ?? null,
    deliveryState: row.delivery_state,
    deliveryDetail: row.delivery_detail,
    canRetry: row.status === 'failed' && row.has_body,
  };
}
