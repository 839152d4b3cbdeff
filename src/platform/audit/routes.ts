import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemResponse } from '../http/problem.ts';
import { auditVocabulary } from './audit-vocabulary.ts';
import { findAuditEntries } from './find-audit-entries.ts';
import { AuditEntryPage, AuditVocabulary, FindAuditEntriesQuery } from './schemas.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/entries',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Read the audit log, newest first (network admins: all; organization admins: their organization); filter by organization, entity, action, actor and time (from inclusive, to exclusive)',
        querystring: FindAuditEntriesQuery,
        response: {
          200: AuditEntryPage,
          400: ProblemResponse,
          401: ProblemResponse,
          403: ProblemResponse,
        },
      },
    },
    async (request) => findAuditEntries(request.ctx, request.query),
  );

  app.get(
    '/vocabulary',
    {
      schema: {
        tags: ['audit'],
        summary:
          'The actions the audit log records and the kinds of records they touch, each with its words in the language asked for',
        response: { 200: AuditVocabulary },
      },
    },
    async (request) => auditVocabulary(request.language),
  );
};
