// HTTP adapter of the KPI module, under /api/kpi: parse, call one use case, shape the reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemResponse } from '../../platform/http/problem.ts';
import { createIndicator } from './indicators/create-indicator.ts';
import { findIndicators } from './indicators/find-indicators.ts';
import { getIndicator } from './indicators/get-indicator.ts';
import { updateIndicator } from './indicators/update-indicator.ts';
import { findExchangeRates } from './rates/find-exchange-rates.ts';
import { setExchangeRate } from './rates/set-exchange-rate.ts';
import { getReport } from './reports/get-report.ts';
import { returnReport } from './reports/return-report.ts';
import { reviseReport } from './reports/revise-report.ts';
import { saveReport } from './reports/save-report.ts';
import { submitReport } from './reports/submit-report.ts';
import { validateReport } from './reports/validate-report.ts';
import {
  CreateIndicatorInput,
  ExchangeRate,
  ExchangeRateList,
  ExchangeRateParams,
  FindExchangeRatesQuery,
  FindIndicatorsQuery,
  Indicator,
  IndicatorCode,
  IndicatorList,
  Report,
  ReportParams,
  ReturnReportInput,
  ReviseReportInput,
  SaveReportInput,
  SetExchangeRateInput,
  UpdateIndicatorInput,
  VersionInput,
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

  const reportPath = '/organizations/:organizationId/reports/:period';

  app.get(
    reportPath,
    {
      schema: {
        tags,
        summary:
          'An organization’s report for a period (2024-03, 2024-Q1, 2024), with its history (its own people, network staff)',
        params: ReportParams,
        response: { 200: Report, ...problems },
      },
    },
    async (request) => getReport(request.ctx, request.params.organizationId, request.params.period),
  );

  app.put(
    reportPath,
    {
      bodyLimit: 256 * 1024,
      schema: {
        tags,
        summary:
          'Save the draft of a period’s report: its values replace the draft’s (the organization’s admins or writing tokens); send the version read once it exists',
        params: ReportParams,
        body: SaveReportInput,
        response: { 200: Report, 201: Report, ...problems },
      },
    },
    async (request, reply) => {
      const { report, created } = await saveReport(
        request.ctx,
        request.params.organizationId,
        request.params.period,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(report);
    },
  );

  app.post(
    `${reportPath}/submit`,
    {
      schema: {
        tags,
        summary:
          'Send a draft or returned report to network staff (the organization’s admins or writing tokens)',
        params: ReportParams,
        body: VersionInput,
        response: { 200: Report, ...problems },
      },
    },
    async (request) =>
      submitReport(request.ctx, request.params.organizationId, request.params.period, request.body),
  );

  app.post(
    `${reportPath}/validate`,
    {
      schema: {
        tags,
        summary: 'Accept a submitted report: its values count from now on (network staff)',
        params: ReportParams,
        body: VersionInput,
        response: { 200: Report, ...problems },
      },
    },
    async (request) =>
      validateReport(
        request.ctx,
        request.params.organizationId,
        request.params.period,
        request.body,
      ),
  );

  app.post(
    `${reportPath}/return`,
    {
      schema: {
        tags,
        summary:
          'Send a submitted report back with a comment saying what to look at (network staff)',
        params: ReportParams,
        body: ReturnReportInput,
        response: { 200: Report, ...problems },
      },
    },
    async (request) =>
      returnReport(request.ctx, request.params.organizationId, request.params.period, request.body),
  );

  app.post(
    `${reportPath}/revise`,
    {
      bodyLimit: 256 * 1024,
      schema: {
        tags,
        summary:
          'Correct a validated report, saying why: the old values stay in its history and it goes back to staff',
        params: ReportParams,
        body: ReviseReportInput,
        response: { 200: Report, ...problems },
      },
    },
    async (request) =>
      reviseReport(request.ctx, request.params.organizationId, request.params.period, request.body),
  );

  app.get(
    '/exchange-rates',
    {
      schema: {
        tags,
        summary: 'The exchange rates roll-ups convert with, newest period first (anyone signed in)',
        querystring: FindExchangeRatesQuery,
        response: { 200: ExchangeRateList, 400: ProblemResponse, 401: ProblemResponse },
      },
    },
    async (request) => findExchangeRates(request.ctx, request.query),
  );

  app.put(
    '/exchange-rates/:period/:currency/:base',
    {
      schema: {
        tags,
        summary:
          'Set the rate of a currency in a base currency for a period: units of base for one unit of currency (network staff)',
        params: ExchangeRateParams,
        body: SetExchangeRateInput,
        response: { 200: ExchangeRate, ...problems },
      },
    },
    async (request) => setExchangeRate(request.ctx, request.params, request.body),
  );
};
