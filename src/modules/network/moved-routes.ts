// Projects and the network's impact moved to a module of their own: /api/network/projects... is
// now /api/projects..., and /api/network/impact is /api/projects/impact. The old paths answer
// 308 Permanent Redirect to the new ones, for every method and with the query string kept, so
// that existing clients keep working (a 308 is followed with the same method and body). They are
// left out of the OpenAPI document.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** The new address of an old one, its query string as sent. */
function movedLocation(url: string): string {
  if (url.startsWith('/api/network/impact'))
    return `/api/projects${url.slice('/api/network'.length)}`;
  return `/api/projects${url.slice('/api/network/projects'.length)}`;
}

export const movedToProjectsRoutes: FastifyPluginAsync = async (app) => {
  // The body goes to the new address: it is not read here, whatever its type or size.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _body, done) => done(null, undefined));
  const redirect = async (request: FastifyRequest, reply: FastifyReply) =>
    reply.redirect(movedLocation(request.raw.url ?? request.url), 308);
  // Any query parameter is kept, not refused as on an operation that takes none.
  const schema = { hide: true, querystring: z.record(z.string(), z.unknown()) };
  for (const path of ['/projects', '/projects/*', '/impact']) app.all(path, { schema }, redirect);
};
