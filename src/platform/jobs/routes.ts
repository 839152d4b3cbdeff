import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemResponse } from '../http/problem.ts';
import { QueueSummaryList } from './schemas.ts';
import { summarizeQueues } from './summarize-queues.ts';

export const queueRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/queues',
    {
      schema: {
        tags: ['platform'],
        summary: 'Each job queue with its jobs by state (network admins)',
        response: { 200: QueueSummaryList, 401: ProblemResponse, 403: ProblemResponse },
      },
    },
    async (request) => summarizeQueues(request.ctx),
  );
};
