// A provider's delivery report about an SMS it took: the message's delivery state moves on, never
// back. "accepted" < "sent" < "delivered" or "undelivered", the last two final: reports arrive
// out of order and more than once, and a late "sent" must not undo a "delivered".
import { sql } from 'kysely';
import type { Db } from '../db.ts';
import { outboxTable, type SmsDeliveryState } from './queries.ts';

export type SmsDeliveryReport = {
  provider: string;
  providerMessageId: string;
  state: SmsDeliveryState;
  /** The provider's own words for it (`AbsentSubscriber`, `30003`), kept short. */
  detail?: string;
};

const rank = sql<number>`case delivery_state when 'accepted' then 0 when 'sent' then 1 else 2 end`;
const rankOf: Record<SmsDeliveryState, number> = {
  accepted: 0,
  sent: 1,
  delivered: 2,
  undelivered: 2,
};

/**
 * Records a report; answers whether a message of ours had that id (a report for a message sent
 * by another system on the same account finds none, and changes nothing).
 */
export async function recordSmsDeliveryReport(
  db: Db,
  report: SmsDeliveryReport,
): Promise<'recorded' | 'unchanged' | 'unknown'> {
  const table = outboxTable(db);
  const updated = await table
    .updateTable('platform_outbox_message')
    .set({
      delivery_state: report.state,
      delivery_detail: report.detail?.slice(0, 200) ?? null,
      delivery_reported_at: sql<Date>`now()`,
    })
    .where('kind', '=', 'sms')
    .where('provider', '=', report.provider)
    .where('provider_message_id', '=', report.providerMessageId)
    .where(rank, '<', rankOf[report.state])
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return 'recorded';
  const known = await table
    .selectFrom('platform_outbox_message')
    .select('id')
    .where('provider', '=', report.provider)
    .where('provider_message_id', '=', report.providerMessageId)
    .executeTakeFirst();
  return known ? 'unchanged' : 'unknown';
}
