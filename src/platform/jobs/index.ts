// The platform's jobs: a durable queue in the database (pg-boss), schedules that run once per
// slot across processes, and the summary of the queues for network admins.
export {
  createJobs,
  defaultJobTimings,
  type JobQueue,
  type JobRunner,
  type JobSchedule,
  type Jobs,
  type JobTimings,
  type SendOptions,
} from './jobs.ts';
export { queueRoutes } from './routes.ts';
export { jobSchema } from './schema.ts';
