// The outbox: messages written in the transaction of the change that causes them, delivered by
// jobs with retries, erased when they carry an expired or delivered secret; and what network
// admins see of it.
export { checkOutboxDelivering } from './checks.ts';
export type { OutboxTransports } from './deliver-message.ts';
export { outboxJobs } from './jobs.ts';
export {
  createOutbox,
  type Outbox,
  type OutgoingMessage,
  type OutgoingSmsMessage,
} from './outbox.ts';
export type { SmsDeliveryState } from './queries.ts';
export { recordSmsDeliveryReport, type SmsDeliveryReport } from './record-sms-delivery-report.ts';
export { outboxRoutes } from './routes.ts';
export type { OutboxSettings } from './settings.ts';
