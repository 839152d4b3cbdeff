// HTTP adapter of the projects module, under /api/projects: parse, call one use case, shape the
// reply. The network's impact is /api/projects/impact, a static path that a project id (a UUID)
// never matches.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemResponse } from '../../platform/http/problem.ts';
import { addProjectParticipant } from './add-project-participant.ts';
import { createProject } from './create-project.ts';
import { findProjects } from './find-projects.ts';
import { getImpact } from './get-impact.ts';
import { getProject } from './get-project.ts';
import { recordProjectFigure } from './record-project-figure.ts';
import { removeProjectParticipant } from './remove-project-participant.ts';
import {
  AddParticipantInput,
  CreateProjectInput,
  FigureParams,
  FindProjectsQuery,
  Impact,
  ImpactQuery,
  impactRule,
  ParticipantParams,
  Project,
  ProjectIdParams,
  ProjectPage,
  RecordFigureInput,
  UpdateProjectInput,
  VersionQuery,
} from './schemas.ts';
import { updateProject } from './update-project.ts';
import { withdrawProjectFigure } from './withdraw-project-figure.ts';

const tags = ['projects'];

const problems = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  409: ProblemResponse,
  413: ProblemResponse,
};

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '',
    {
      // A client may repeat the request safely with the same Idempotency-Key.
      config: { idempotency: 'optional' },
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary:
          'Start a project: title, sector, countries and participants (network staff; an organization’s admin naming their organization as a lead)',
        body: CreateProjectInput,
        response: { 201: Project, ...problems },
      },
    },
    async (request, reply) => {
      const project = await createProject(request.ctx, request.body);
      return reply.code(201).header('location', `/api/projects/${project.id}`).send(project);
    },
  );

  app.get(
    '',
    {
      schema: {
        tags,
        summary:
          'List projects in title order, a page at a time, by country, sector, status, participating organization or text',
        querystring: FindProjectsQuery,
        response: { 200: ProjectPage, 400: ProblemResponse },
      },
    },
    async (request) => findProjects(request.ctx, request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Read one project with its participants, targets and results',
        params: ProjectIdParams,
        response: { 200: Project, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) => getProject(request.ctx, request.params.id),
  );

  app.patch(
    '/:id',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary:
          'Change a project (its lead organizations’ admins or network staff; send the version you read; 409 with the current copy if it changed)',
        params: ProjectIdParams,
        body: UpdateProjectInput,
        response: { 200: Project, ...problems },
      },
    },
    async (request) => updateProject(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/:id/participants',
    {
      // A client may repeat the request safely with the same Idempotency-Key.
      config: { idempotency: 'optional' },
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary:
          'Add an organization to a project in a role (lead, funder, technical-partner, beneficiary, offtaker); send the project’s version',
        params: ProjectIdParams,
        body: AddParticipantInput,
        response: { 201: Project, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addProjectParticipant(request.ctx, request.params.id, request.body)),
  );

  app.delete(
    '/:id/participants/:organizationId/:role',
    {
      schema: {
        tags,
        summary:
          'Remove an organization from one of its roles in a project; a project keeps at least one lead (send the project’s version as ?version=)',
        params: ParticipantParams,
        querystring: VersionQuery,
        response: { 200: Project, ...problems },
      },
    },
    async (request) =>
      removeProjectParticipant(request.ctx, request.params.id, {
        version: request.query.version,
        organizationId: request.params.organizationId,
        role: request.params.role,
      }),
  );

  app.post(
    '/:id/figures',
    {
      // A client may repeat the request safely with the same Idempotency-Key.
      config: { idempotency: 'optional' },
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary:
          'Record a target or a result: an indicator, an amount as a decimal string in the indicator’s unit (money exact to its currency’s minor unit, with its currency), a year, and one of the project’s countries or none; send the project’s version',
        params: ProjectIdParams,
        body: RecordFigureInput,
        response: { 201: Project, ...problems },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordProjectFigure(request.ctx, request.params.id, request.body)),
  );

  app.delete(
    '/:id/figures/:figureId',
    {
      schema: {
        tags,
        summary:
          'Withdraw a target or a result recorded by mistake: it is deleted and no longer counted in any total; the audit log keeps it (send the project’s version as ?version=)',
        params: FigureParams,
        querystring: VersionQuery,
        response: { 200: Project, ...problems },
      },
    },
    async (request) =>
      withdrawProjectFigure(request.ctx, request.params.id, {
        version: request.query.version,
        figureId: request.params.figureId,
      }),
  );

  app.get(
    '/impact',
    {
      schema: {
        tags,
        summary: `The network's impact: results summed by indicator, grouped by=indicator|sector|year|country. ${impactRule}`,
        querystring: ImpactQuery,
        response: { 200: Impact, 400: ProblemResponse },
      },
    },
    async (request) => getImpact(request.ctx, request.query),
  );
};
