import { z } from 'zod';
import { PageCursor, pageLimit } from '../paging-schemas.ts';

export const AuditEntry = z.object({
  id: z.uuid(),
  at: z.string(),
  actorAccountId: z.uuid().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  entityLabel: z.string().nullable().meta({
    description:
      "What names the record (its name, title, display name or email), from this entry's copy of it or, when that holds none, from the latest entry about the record that does; null when no entry the reader may see names it.",
  }),
  organizationId: z.uuid().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

const Instant = z.iso.datetime({
  offset: true,
  message: 'Use an ISO 8601 timestamp, such as 2024-02-01T00:00:00Z or 2024-02-01T00:00:00+05:30.',
});

export const FindAuditEntriesQuery = z
  .strictObject({
    organizationId: z.uuid('Use an organization id (a UUID).').optional(),
    entityType: z.string().max(60, 'Must be at most 60 characters.').optional(),
    entityId: z.string().max(100, 'Must be at most 100 characters.').optional(),
    action: z.string().max(60, 'Must be at most 60 characters.').optional(),
    actorAccountId: z.uuid('Use an account id (a UUID).').optional(),
    /** Entries at or after this instant. */
    from: Instant.optional(),
    /** Entries before this instant (so a day ends at the next day's midnight). */
    to: Instant.optional(),
    limit: pageLimit(50),
    cursor: PageCursor.optional(),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    message: 'The end must come after the start.',
    path: ['to'],
  });
export type FindAuditEntriesQuery = z.infer<typeof FindAuditEntriesQuery>;

export const AuditEntryPage = z.object({
  items: z.array(AuditEntry),
  nextCursor: z.string().nullable(),
});
export type AuditEntryPage = z.infer<typeof AuditEntryPage>;

const AuditWord = z.object({ code: z.string(), label: z.string() });

export const AuditVocabulary = z.object({
  actions: z.array(AuditWord),
  entityTypes: z.array(AuditWord),
});
export type AuditVocabulary = z.infer<typeof AuditVocabulary>;
