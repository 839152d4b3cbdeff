// HTTP adapter of the network module: parse, call one use case, shape the reply.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { trustedResponse } from '../../platform/http/app.ts';
import { ProblemResponse } from '../../platform/http/problem.ts';
import { confirmClaim, declineClaim } from './claims/decide-claim.ts';
import { movedToProjectsRoutes } from './moved-routes.ts';
import { createOrganization } from './organizations/create-organization.ts';
import { findOrganizations } from './organizations/find-organizations.ts';
import { getOrganization } from './organizations/get-organization.ts';
import { updateOrganization } from './organizations/update-organization.ts';
import { prefersJsonLd } from './profiles/accepts-json-ld.ts';
import { getJsonLd } from './profiles/get-json-ld.ts';
import {
  Affiliation,
  CreateAffiliationInput,
  CreateOrganizationInput,
  CreatePartnershipInput,
  DecideClaimInput,
  EndTieInput,
  FindOrganizationsQuery,
  Organization,
  OrganizationIdParams,
  OrganizationPage,
  Partnership,
  TieClaim,
  TieIdParams,
  Ties,
  UpdateOrganizationInput,
} from './schemas.ts';
import { createAffiliation, endAffiliation } from './ties/affiliations.ts';
import { getTies } from './ties/get-ties.ts';
import { createPartnership, endPartnership } from './ties/partnerships.ts';

const tags = ['network'];

export const networkRoutes: FastifyPluginAsyncZod = async (app) => {
  // Projects moved to /api/projects: their old paths here redirect there.
  await app.register(movedToProjectsRoutes);

  app.post(
    '/organizations',
    {
      // A client may repeat the request safely with the same Idempotency-Key.
      config: { idempotency: 'optional' },
      // Organizations are small records; a larger body is a mistake or an attack.
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary: 'Add an organization to the registry',
        body: CreateOrganizationInput,
        response: {
          201: Organization,
          400: ProblemResponse,
          401: ProblemResponse,
          403: ProblemResponse,
          413: ProblemResponse,
        },
      },
    },
    async (request, reply) => {
      const organization = await createOrganization(request.ctx, request.body);
      return reply
        .code(201)
        .header('location', `/api/network/organizations/${organization.id}`)
        .send(organization);
    },
  );

  app.patch(
    '/organizations/:id',
    {
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary:
          'Change an organization (send the version you read; 409 with the current copy if it changed)',
        params: OrganizationIdParams,
        body: UpdateOrganizationInput,
        response: {
          200: Organization,
          400: ProblemResponse,
          401: ProblemResponse,
          403: ProblemResponse,
          404: ProblemResponse,
          409: ProblemResponse,
          413: ProblemResponse,
        },
      },
    },
    async (request) => updateOrganization(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary:
          'Read one organization (with Accept: application/ld+json, as schema.org JSON-LD instead)',
        params: OrganizationIdParams,
        // Built by organizationView, field by field: sent without a check (see trustedResponse).
        response: {
          200: trustedResponse(Organization),
          400: ProblemResponse,
          404: ProblemResponse,
        },
      },
    },
    async (request, reply) => {
      // One address, two representations: caches must keep them apart.
      reply.header('vary', 'Accept, accept-language');
      if (prefersJsonLd(request.headers.accept)) {
        const document = await getJsonLd(request.ctx, request.params.id);
        // Not the JSON schema's shape: serialized as it is, with its own media type.
        const untyped: FastifyReply = reply;
        return untyped
          .type('application/ld+json; charset=utf-8')
          .serializer(JSON.stringify)
          .send(document);
      }
      return getOrganization(request.ctx, request.params.id);
    },
  );

  app.get(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'List and search organizations, in name order, a page at a time',
        querystring: FindOrganizationsQuery,
        response: { 200: OrganizationPage, 400: ProblemResponse },
      },
    },
    async (request) => findOrganizations(request.ctx, request.query),
  );

  const problems = {
    400: ProblemResponse,
    401: ProblemResponse,
    403: ProblemResponse,
    404: ProblemResponse,
    409: ProblemResponse,
    413: ProblemResponse,
  };

  app.get(
    '/organizations/:id/ties',
    {
      schema: {
        tags,
        summary: 'What an organization belongs to, what belongs to it, and its partnerships',
        params: OrganizationIdParams,
        response: { 200: Ties, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) => getTies(request.ctx, request.params.id),
  );

  app.post(
    '/affiliations',
    {
      // A client may repeat the request safely with the same Idempotency-Key.
      config: { idempotency: 'optional' },
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary:
          'Record that an organization belongs to another (a cycle is refused with 409): 201 with the affiliation when network staff or an admin of both record it, else 202 with a claim that waits for the other side to confirm it',
        body: CreateAffiliationInput,
        response: { 201: Affiliation, 202: TieClaim, ...problems },
      },
    },
    async (request, reply) => {
      const recorded = await createAffiliation(request.ctx, request.body);
      return recorded.tie
        ? reply.code(201).send(recorded.tie)
        : reply.code(202).send(recorded.claim);
    },
  );

  app.patch(
    '/affiliations/:id',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary: 'End an affiliation, or correct its end date and note',
        params: TieIdParams,
        body: EndTieInput,
        response: { 200: Affiliation, ...problems },
      },
    },
    async (request) => endAffiliation(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/partnerships',
    {
      // A client may repeat the request safely with the same Idempotency-Key.
      config: { idempotency: 'optional' },
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary:
          'Record a partnership between two organizations: 201 with the partnership when network staff or an admin of both record it, else 202 with a claim that waits for the other partner to confirm it',
        body: CreatePartnershipInput,
        response: { 201: Partnership, 202: TieClaim, ...problems },
      },
    },
    async (request, reply) => {
      const recorded = await createPartnership(request.ctx, request.body);
      return recorded.tie
        ? reply.code(201).send(recorded.tie)
        : reply.code(202).send(recorded.claim);
    },
  );

  for (const [decision, decide, words] of [
    ['confirm', confirmClaim, 'Confirm a claimed tie: it is recorded and counts from now on'],
    ['decline', declineClaim, 'Decline a claimed tie: it stays in the history, with who declined'],
  ] as const) {
    app.post(
      `/claims/:id/${decision}`,
      {
        bodyLimit: 16 * 1024,
        schema: {
          tags,
          summary: `${words} (the admins of the organization it waits for, or network staff; the version read, 409 when decided since)`,
          params: TieIdParams,
          body: DecideClaimInput,
          response: { 200: TieClaim, ...problems },
        },
      },
      async (request) => decide(request.ctx, request.params.id, request.body),
    );
  }

  app.patch(
    '/partnerships/:id',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary: 'End a partnership, or correct its end date and note',
        params: TieIdParams,
        body: EndTieInput,
        response: { 200: Partnership, ...problems },
      },
    },
    async (request) => endPartnership(request.ctx, request.params.id, request.body),
  );
};
