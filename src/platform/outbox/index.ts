// The outbox: messages written in the transaction of the change that causes them, delivered by
// jobs with retries, erased when they carry an expired or delivered secret; and what network
// admins see of it.
export { checkOutboxDelivering } from './checks.ts';
export { outboxJobs } from './jobs.ts';
export { createOutbox, type Outbox, type OutgoingMessage } from './outbox.ts';
export { outboxRoutes } from './routes.ts';
export type { OutboxSettings } from './settings.ts';
