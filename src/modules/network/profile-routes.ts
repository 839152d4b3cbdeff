// HTTP adapter for what the network publishes about organizations beyond its own JSON: the
// Murmurations profile, the schema.org context, and logos.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemResponse, problem, sendProblem } from '../../platform/http/problem.ts';
import { getLogo, type Logo } from './logos/get-logo.ts';
import { LogoInfo, LogoQuery } from './logos/logo-schemas.ts';
import { isLogoMediaType, logoMediaTypes, maxLogoBytes } from './logos/prepare-logo.ts';
import { removeLogo } from './logos/remove-logo.ts';
import { setLogo } from './logos/set-logo.ts';
import { networkMessage } from './messages.ts';
import { getMurmurationsProfile } from './profiles/get-murmurations-profile.ts';
import { MurmurationsProfile } from './profiles/profile-schemas.ts';
import { schemaOrgContext } from './profiles/schema-org-context.ts';
import { OrganizationIdParams } from './schemas.ts';

const tags = ['network'];

// Images and the context are public and meant for other sites (maps, directories, linked-data
// tools): let them embed and fetch these, which helmet's same-origin default would refuse.
function shareAcrossOrigins(reply: FastifyReply) {
  reply.header('cross-origin-resource-policy', 'cross-origin');
  reply.header('access-control-allow-origin', '*');
}

// The logo's address does not change when the logo does, so caches ask each time; the ETag makes
// the answer a tiny 304 when nothing changed. (Bytes, not JSON: no response schema applies.)
function sendLogo(request: FastifyRequest, reply: FastifyReply, logo: Logo) {
  shareAcrossOrigins(reply);
  reply.header('cache-control', 'public, no-cache');
  reply.header('etag', logo.etag);
  reply.header('last-modified', logo.updatedAt.toUTCString());
  const known = request.headers['if-none-match'];
  if (known?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === logo.etag)) {
    return reply.code(304).send();
  }
  return reply.type(logo.mediaType).send(logo.content);
}

function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export const networkProfileRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/organizations/:id/murmurations',
    {
      schema: {
        tags,
        summary: 'The organization as a Murmurations profile (organizations_schema-v1.0.0)',
        params: OrganizationIdParams,
        response: { 200: MurmurationsProfile, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request, reply) => {
      shareAcrossOrigins(reply);
      return getMurmurationsProfile(request.ctx, request.params.id);
    },
  );

  app.get(
    '/schema-org-context.jsonld',
    {
      schema: {
        tags,
        summary:
          'The JSON-LD context of the schema.org answers (GET an organization with Accept: application/ld+json)',
        response: { 200: z.object({ '@context': z.record(z.string(), z.unknown()) }) },
      },
    },
    async (_request, reply) => {
      shareAcrossOrigins(reply);
      // It changes only with a release of Intercoop.
      reply.header('cache-control', 'public, max-age=86400');
      return reply.type('application/ld+json; charset=utf-8').send(schemaOrgContext);
    },
  );

  app.get(
    '/organizations/:id/logo',
    {
      schema: {
        tags,
        summary: 'The organization’s logo: WebP, at most 256×256 pixels (404 when it has none)',
        params: OrganizationIdParams,
        querystring: LogoQuery,
        response: { 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request, reply) => {
      const logo = await getLogo(request.ctx, request.params.id);
      return sendLogo(request, reply, logo);
    },
  );

  // The upload takes the raw image as its body; its own scope keeps the catch-all parser here.
  const uploadScope: FastifyPluginAsyncZod = async (upload) => {
    upload.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    upload.put(
      '/organizations/:id/logo',
      {
        bodyLimit: maxLogoBytes,
        schema: {
          tags,
          summary:
            'Set the organization’s logo: send the image itself (PNG, JPEG or WebP, at most 1 MiB) with its Content-Type; it is checked, shrunk to fit 256×256 and stored as WebP',
          params: OrganizationIdParams,
          response: {
            200: LogoInfo,
            400: ProblemResponse,
            401: ProblemResponse,
            403: ProblemResponse,
            404: ProblemResponse,
            413: ProblemResponse,
            415: ProblemResponse,
          },
        },
      },
      async (request, reply) => {
        const mediaType = mediaTypeOf(request);
        if (!isLogoMediaType(mediaType) || !Buffer.isBuffer(request.body)) {
          return sendProblem(
            request,
            reply,
            problem(
              415,
              'unsupported-media-type',
              networkMessage('logo.send-as-body', {
                types: logoMediaTypes.join(', '),
                hasType: mediaType ? 'yes' : 'no',
                given: mediaType,
              }),
            ),
          );
        }
        return setLogo(request.ctx, request.params.id, { bytes: request.body, mediaType });
      },
    );
  };
  await app.register(uploadScope);

  app.delete(
    '/organizations/:id/logo',
    {
      schema: {
        tags,
        summary: 'Remove the organization’s logo',
        params: OrganizationIdParams,
        response: {
          204: z.null(),
          400: ProblemResponse,
          401: ProblemResponse,
          403: ProblemResponse,
          404: ProblemResponse,
        },
      },
    },
    async (request, reply) => {
      await removeLogo(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
