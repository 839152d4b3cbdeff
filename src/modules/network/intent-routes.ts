// HTTP adapter for offers and needs (ValueFlows intents): the board, writes, suggestions, and the
// ValueFlows representation with its context.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemResponse } from '../../platform/http/problem.ts';
import { closeIntent } from './intents/close-intent.ts';
import { createIntent } from './intents/create-intent.ts';
import { findIntents } from './intents/find-intents.ts';
import { findSuggestions } from './intents/find-suggestions.ts';
import { getIntent } from './intents/get-intent.ts';
import { getValueFlowsIntent } from './intents/get-valueflows-intent.ts';
import {
  CloseIntentInput,
  CreateIntentInput,
  FindIntentsQuery,
  Intent,
  IntentIdParams,
  IntentPage,
  SuggestionList,
  SuggestionsQuery,
  UpdateIntentInput,
} from './intents/intent-schemas.ts';
import { scoreStatement } from './intents/suggestion-score.ts';
import { updateIntent } from './intents/update-intent.ts';
import { valueFlowsContext } from './intents/valueflows-context.ts';
import { prefersJsonLd } from './profiles/accepts-json-ld.ts';

const tags = ['network'];

const problems = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  409: ProblemResponse,
  413: ProblemResponse,
};

export const networkIntentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/intents',
    {
      schema: {
        tags,
        summary:
          'The board of offers and needs, newest first, a page at a time (open and within their dates unless asked otherwise)',
        querystring: FindIntentsQuery,
        response: { 200: IntentPage, 400: ProblemResponse },
      },
    },
    async (request) => findIntents(request.ctx, request.query),
  );

  app.post(
    '/intents',
    {
      // A client may repeat the request safely with the same Idempotency-Key.
      config: { idempotency: 'optional' },
      bodyLimit: 32 * 1024,
      schema: {
        tags,
        summary: 'Post an offer or a need of an organization (its admins, or network staff)',
        body: CreateIntentInput,
        response: { 201: Intent, ...problems },
      },
    },
    async (request, reply) => {
      const intent = await createIntent(request.ctx, request.body);
      return reply.code(201).header('location', `/api/network/intents/${intent.id}`).send(intent);
    },
  );

  app.get(
    '/intents/:id',
    {
      schema: {
        tags,
        summary:
          'Read an offer or need (with Accept: application/ld+json, as a ValueFlows Intent instead)',
        params: IntentIdParams,
        response: { 200: Intent, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request, reply) => {
      // One address, two representations: caches must keep them apart.
      reply.header('vary', 'Accept, accept-language');
      if (prefersJsonLd(request.headers.accept)) {
        const document = await getValueFlowsIntent(request.ctx, request.params.id);
        const untyped: FastifyReply = reply;
        return untyped
          .type('application/ld+json; charset=utf-8')
          .serializer(JSON.stringify)
          .send(document);
      }
      return getIntent(request.ctx, request.params.id);
    },
  );

  app.patch(
    '/intents/:id',
    {
      bodyLimit: 32 * 1024,
      schema: {
        tags,
        summary:
          'Change an offer or need (send the version you read; 409 with the current copy if it changed)',
        params: IntentIdParams,
        body: UpdateIntentInput,
        response: { 200: Intent, ...problems },
      },
    },
    async (request) => updateIntent(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/intents/:id/close',
    {
      bodyLimit: 4 * 1024,
      schema: {
        tags,
        summary:
          'Close an offer or need (met or withdrawn): it stays as history and is no longer suggested',
        params: IntentIdParams,
        body: CloseIntentInput,
        response: { 200: Intent, ...problems },
      },
    },
    async (request) => closeIntent(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/intents/:id/suggestions',
    {
      schema: {
        tags,
        summary: `For a need, the offers that could meet it (for an offer, the needs it could meet): open, within their dates, of other organizations, ranked by ${scoreStatement}; each with its components and reasons`,
        params: IntentIdParams,
        querystring: SuggestionsQuery,
        response: { 200: SuggestionList, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) => findSuggestions(request.ctx, request.params.id, request.query),
  );

  app.get(
    '/valueflows-context.jsonld',
    {
      schema: {
        tags,
        summary:
          'The JSON-LD context of the ValueFlows answers (GET an offer or need with Accept: application/ld+json)',
        response: { 200: z.object({ '@context': z.record(z.string(), z.unknown()) }) },
      },
    },
    async (_request, reply) => {
      // Linked-data tools elsewhere fetch it; it changes only with a release of Intercoop.
      reply.header('cross-origin-resource-policy', 'cross-origin');
      reply.header('access-control-allow-origin', '*');
      reply.header('cache-control', 'public, max-age=86400');
      return reply.type('application/ld+json; charset=utf-8').send(valueFlowsContext);
    },
  );
};
