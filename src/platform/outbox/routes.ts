import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemResponse } from '../http/problem.ts';
import { findOutboxMessages } from './find-outbox-messages.ts';
import { retryOutboxMessage } from './retry-outbox-message.ts';
import { FindOutboxMessagesQuery, OutboxMessagePage, OutboxMessageView } from './schemas.ts';

export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/outbox',
    {
      schema: {
        tags: ['platform'],
        summary:
          'The outgoing messages, newest first, all or by status (network admins); their texts are never shown',
        querystring: FindOutboxMessagesQuery,
        response: {
          200: OutboxMessagePage,
          400: ProblemResponse,
          401: ProblemResponse,
          403: ProblemResponse,
        },
      },
    },
    async (request) => findOutboxMessages(request.ctx, request.query),
  );

  app.post(
    '/outbox/:id/retry',
    {
      schema: {
        tags: ['platform'],
        summary:
          'Send a failed message again (network admins); refused for one that is not failed or whose link expired',
        params: z.strictObject({ id: z.uuid('Use a message id (a UUID).') }),
        response: {
          200: OutboxMessageView,
          400: ProblemResponse,
          401: ProblemResponse,
          403: ProblemResponse,
          404: ProblemResponse,
          409: ProblemResponse,
        },
      },
    },
    async (request) => retryOutboxMessage(request.ctx, request.params.id),
  );
};
