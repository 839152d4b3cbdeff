// The outbox as network admins see it. A message's text is never shown.
import { z } from 'zod';
import { PageCursor, pageLimit } from '../paging-schemas.ts';

export const outboxStatuses = ['pending', 'delivered', 'failed'] as const;

export const OutboxMessageView = z.object({
  id: z.uuid(),
  kind: z.enum(['mail', 'sms']),
  to: z.string(),
  /** A mail's subject; an SMS's template and version. */
  subject: z.string(),
  status: z.enum(outboxStatuses),
  attempts: z.number().int(),
  /** The provider's words for the last failure. */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  /** When the next attempt is due, while pending. */
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  /** An SMS once its provider took it: what the provider's answer and reports say of it. */
  deliveryState: z.enum(['accepted', 'sent', 'delivered', 'undelivered']).nullable(),
  /** The provider's words in its last report (`AbsentSubscriber`, `30003`). */
  deliveryDetail: z.string().nullable(),
  /** A failed message whose text is still kept may be sent again. */
  canRetry: z.boolean(),
});
export type OutboxMessageView = z.infer<typeof OutboxMessageView>;

export const FindOutboxMessagesQuery = z.strictObject({
  status: z.enum(outboxStatuses).optional(),
  limit: pageLimit(50),
  cursor: PageCursor.optional(),
});
export type FindOutboxMessagesQuery = z.input<typeof FindOutboxMessagesQuery>;

export const OutboxMessagePage = z.object({
  items: z.array(OutboxMessageView),
  nextCursor: z.string().nullable(),
});
export type OutboxMessagePage = z.infer<typeof OutboxMessagePage>;
