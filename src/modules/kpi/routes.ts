// HTTP adapter of the KPI module, under /api/kpi: parse, call one use case, shape the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemResponse } from '../../platform/http/problem.ts';
import { createIndicator } from './indicators/create-indicator.ts';
import { findIndicators } from './indicators/find-indicators.ts';
import { getIndicator } from './indicators/get-indicator.ts';
import { updateIndicator } from './indicators/update-indicator.ts';
import {
  CreateIndicatorInput,
  FindIndicatorsQuery,
  Indicator,
  IndicatorCode,
  IndicatorList,
  UpdateIndicatorInput,
} from './schemas.ts';

const tags = ['kpi'];
const problems = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  409: ProblemResponse,
  413: ProblemResponse,
};
const CodeParams = z.strictObject({ code: IndicatorCode });

export const kpiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/indicators',
    {
      schema: {
        tags,
        summary: 'The catalogue of indicators, in code order (archived ones with archived=true)',
        querystring: FindIndicatorsQuery,
        response: { 200: IndicatorList, 400: ProblemResponse },
      },
    },
    async (request) => findIndicators(request.ctx, request.query),
  );

  app.post(
    '/indicators',
    {
      config: { idempotency: 'optional' },
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary:
          'Add an indicator to the catalogue: names, unit, direction, periodicity, and how it adds up or its formula (network admins)',
        body: CreateIndicatorInput,
        response: { 201: Indicator, ...problems },
      },
    },
    async (request, reply) => {
      const indicator = await createIndicator(request.ctx, request.body);
      return reply
        .code(201)
        .header('location', `/api/kpi/indicators/${indicator.code}`)
        .send(indicator);
    },
  );

  app.get(
    '/indicators/:code',
    {
      schema: {
        tags,
        summary: 'One indicator of the catalogue',
        params: CodeParams,
        response: { 200: Indicator, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) => getIndicator(request.ctx, request.params.code),
  );

  app.put(
    '/indicators/:code',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary:
          'Change an indicator, or archive it, at the version read (network admins); its code stays',
        params: CodeParams,
        body: UpdateIndicatorInput,
        response: { 200: Indicator, ...problems },
      },
    },
    async (request) => updateIndicator(request.ctx, request.params.code, request.body),
  );
};
