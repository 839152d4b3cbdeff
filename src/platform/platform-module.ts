// The platform's own part of what modules plug in: the audit log's routes, the outbox and the
// job queues for network admins, the outbox's invariant and the sweep of idempotency answers. Its jobs (delivering the outbox)
// need the mailer, so main.ts adds them when it makes the services.
import { auditRoutes } from './audit/routes.ts';
import { idempotencySchedules } from './idempotency/sweep-answers.ts';
import { queueRoutes } from './jobs/index.ts';
import { platformMessages } from './messages/platform-messages.ts';
import type { IntercoopModule } from './modules.ts';
import { checkOutboxDelivering, outboxRoutes } from './outbox/index.ts';

export const platformModule: IntercoopModule = {
  name: 'platform',
  messages: platformMessages,
  routes: [
    { prefix: '/api/audit', plugin: auditRoutes },
    { prefix: '/api/platform', plugin: outboxRoutes },
    { prefix: '/api/platform', plugin: queueRoutes },
  ],
  audit: { actions: ['retry-outbox-message'], entityTypes: ['outbox-message'] },
  checks: [{ name: 'outgoing messages are being delivered', run: checkOutboxDelivering }],
  // Stored answers to idempotency keys are kept a day, then swept.
  schedules: idempotencySchedules,
};
