// The job queues as network admins see them.
import { z } from 'zod';

export const jobStates = [
  'created',
  'retry',
  'active',
  'completed',
  'cancelled',
  'failed',
] as const;

export const QueueSummary = z.object({
  name: z.string(),
  /** Jobs by state; completed and failed jobs are kept 12 hours, then archived. */
  counts: z.object(
    Object.fromEntries(jobStates.map((state) => [state, z.number().int()])) as {
      [State in (typeof jobStates)[number]]: z.ZodNumber;
    },
  ),
});
export type QueueSummary = z.infer<typeof QueueSummary>;

export const QueueSummaryList = z.object({ items: z.array(QueueSummary) });
export type QueueSummaryList = z.infer<typeof QueueSummaryList>;
