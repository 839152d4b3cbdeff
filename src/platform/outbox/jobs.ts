// The outbox's queue and schedule, for the job runner: mail through the mailer, SMS through the
// transport a module plugs in.
import type { JobQueue, JobSchedule } from '../jobs/index.ts';
import { deliverMessage, type OutboxTransports } from './deliver-message.ts';
import { deliveryQueueName, sweepScheduleName } from './outbox.ts';
import { attemptTimeLimitSeconds, type OutboxSettings } from './settings.ts';
import { sweepOutbox } from './sweep-outbox.ts';

export function outboxJobs(
  transports: OutboxTransports,
  settings: OutboxSettings,
): { queues: JobQueue[]; schedules: JobSchedule[] } {
  return {
    queues: [
      {
        name: deliveryQueueName,
        handle: (ctx, data) => deliverMessage(ctx, transports, settings, data),
        timeLimitSeconds: attemptTimeLimitSeconds,
        retries: 5,
        retryDelaySeconds: 5,
        // Each attempt waits on a provider's answer (an SMTP server, an SMS API): several at once
        // keep a burst of SMS moving. A claim keeps any one message to one attempt at a time.
        concurrency: 4,
      },
    ],
    schedules: [
      {
        name: sweepScheduleName,
        cron: '* * * * *',
        handle: (ctx) => sweepOutbox(ctx),
        timeLimitSeconds: 60,
      },
    ],
  };
}
