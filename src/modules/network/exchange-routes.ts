// HTTP adapter for moving the whole registry: export and import, for network admins.
import { type Readable, Transform } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemResponse } from '../../platform/http/problem.ts';
import { exportRegistry } from './exchange/export-registry.ts';
import { checkImportable, fileTooLarge, importRegistry } from './exchange/import-registry.ts';
import { registryTables } from './exchange/registry-format.ts';

const tags = ['network'];
// The limit is the IMPORT_MAX_MIB setting, applied as the body comes (below); Fastify's own is
// only the largest that setting may be.
const largestImport = 65_536 * 1024 * 1024;

/** The body as it comes, refused once past `limit` bytes (a body sent without its length). */
function limited(payload: Readable, limit: number, tooLarge: () => Error): Readable {
  let size = 0;
  return payload.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > limit ? tooLarge() : null, chunk);
      },
    }),
  );
}

export const networkExchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/registry/export',
    {
      schema: {
        tags,
        summary:
          'Export the whole registry (network admins): JSON, or a zip of CSV files, one a table',
        // The answer is a file (JSON or zip), not a schema'd object; errors are problem+json.
        querystring: z.strictObject({ format: z.enum(['json', 'csv']).default('json') }),
      },
    },
    async (request, reply) => {
      const file = await exportRegistry(request.ctx, request.query.format);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  // The import reads the file's bytes itself (JSON or zip), so both arrive as a Buffer here.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      ['application/json', 'application/zip'],
      { parseAs: 'buffer', bodyLimit: largestImport },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/registry/import',
      {
        // A client may repeat the request safely with the same Idempotency-Key.
        config: { idempotency: 'optional' },
        bodyLimit: largestImport,
        // What can be refused before the body is read is refused so: who asks, the size it
        // declares, a registry that is not empty.
        preParsing: async (request, _reply, payload) => {
          // A body of another type is refused by Fastify (415) before anything is checked.
          if (!/^application\/(json|zip)\b/i.test(request.headers['content-type'] ?? ''))
            return payload;
          const declared = Number(request.headers['content-length']);
          await checkImportable(request.ctx, Number.isFinite(declared) ? declared : undefined);
          const limit = request.ctx.config.importMaxBytes;
          return limited(payload, limit, () => fileTooLarge(limit));
        },
        schema: {
          tags,
          summary:
            'Import an export into an empty registry (network admins): application/json or application/zip; all of it, or nothing and the line and field at fault',
          response: {
            201: z.object(
              Object.fromEntries(registryTables.map((table) => [table, z.number().int()])),
            ),
            400: ProblemResponse,
            401: ProblemResponse,
            403: ProblemResponse,
            409: ProblemResponse,
            413: ProblemResponse,
            415: ProblemResponse,
          },
        },
      },
      async (request, reply) => {
        const format = (request.headers['content-type'] ?? '').startsWith('application/zip')
          ? 'csv'
          : 'json';
        const counts = await importRegistry(request.ctx, { bytes: request.body as Buffer, format });
        return reply.code(201).send(counts);
      },
    );
  });
};
