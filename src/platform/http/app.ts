// The HTTP application: Fastify with zod schemas, OpenAPI, problem+json errors, security
// headers, compression, request ids, who-is-asking and in which language, health and readiness,
// and the built web UI.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { type Actor, anonymous } from '../access.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import type { Jobs } from '../jobs/index.ts';
import { listMessage } from '../messages/catalogue.ts';
import { platformMessage, shippedLanguages } from '../messages/platform-messages.ts';
import { chooseLanguage } from '../messages/reader-language.ts';
import type { Outbox } from '../outbox/index.ts';
import { nameScopesIn } from '../scopes.ts';
import { decodeMarkingInvalid, findTextProblem, textProblemDetails } from '../well-formed-text.ts';
import { documentIdempotencyKey, registerIdempotency } from './idempotency.ts';
import {
  errorToProblem,
  fieldErrorCodeSchema,
  ProblemResponse,
  problem,
  sendProblem,
} from './problem.ts';
import { addressFaults, faultAsFieldError, headerFaults, type TextFault } from './request-text.ts';
import { isWebRoute } from './web-routes.ts';

export type SessionInfo = { id: string; csrfToken: string; expiresAt: Date };

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Context;
    /** The session the request came with, when signed in with the cookie. */
    session: SessionInfo | undefined;
    /** The language the answer is worded in (Accept-Language, the account's, the default). */
    language: string;
  }
  interface FastifyContextConfig {
    /** Sign-in: there is no session yet whose CSRF token a request could carry. */
    csrfExempt?: boolean;
    /**
     * A provider's callback that may carry a secret as a basic-auth password (Africa's Talking):
     * the route reads that Authorization header itself, and the request acts as no account.
     */
    basicAuthorization?: boolean;
  }
}

const trustedSchemas = new WeakSet<object>();

/**
 * Marks a response schema whose bodies the application builds itself, field by field, from typed
 * rows (such as an organization from its view): checking each against the schema took a tenth
 * of the processor time of reading a profile. The schema still documents the response; with
 * RESPONSE_CHECKS=all (as in the API tests) every body is checked against it as any other.
 */
export function trustedResponse<T extends z.ZodType>(schema: T): T {
  trustedSchemas.add(schema);
  return schema;
}

const uncheckedWhenTrusted: typeof serializerCompiler = (route) =>
  trustedSchemas.has(route.schema as object)
    ? (data: unknown) => JSON.stringify(data)
    : serializerCompiler(route);

export type ModuleRoutes = { prefix: string; plugin: FastifyPluginAsync };

export type RequestCredentials = {
  sessionSecret: string | undefined;
  bearerToken: string | undefined;
  csrfToken: string | undefined;
  /** POST, PUT, PATCH, DELETE: the methods a forged cross-site request would use. */
  unsafeMethod: boolean;
  csrfExempt: boolean;
};

/** Turns a request's credentials into the actor (and session) it acts as; throws 401 or 403. */
export type Authenticator = (
  ctx: Context,
  credentials: RequestCredentials,
) => Promise<{ actor: Actor; session?: SessionInfo; expiredSession?: boolean }>;

export type AppOptions = {
  db: Db;
  config: Config;
  jobs: Jobs;
  outbox: Outbox;
  /** The address people reach this instance at, known once the server listens. */
  publicUrl: () => string;
  authenticate: Authenticator;
  /** The name of the session cookie the authenticator reads. */
  sessionCookie: string;
  /** A pino logger; request logs carry the request id as reqId. */
  logger: FastifyBaseLogger;
  modules: ModuleRoutes[];
  /** /ready answers 503 until this says that migrations and first-start work are done. */
  isReady: () => boolean;
  webDist?: string;
  now?: () => Date;
};

// Longer URLs are refused with 414 before routing. Node itself refuses headers over 16 KiB.
export const maxUrlLength = 4096;
const requestIdPattern = /^[A-Za-z0-9._:-]{1,100}$/;
const defaultWebDist = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const https = options.config.publicUrl?.startsWith('https://') ?? false;
  const headers = await securityHeaders({
    contentSecurityPolicy: {
      directives: {
        // Upgrading requests only makes sense where the instance is served over https.
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https,
  });
  const withSecurityHeaders = (request: FastifyRequest, reply: FastifyReply) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    reply.header('x-request-id', request.id);
  };
  const readerLanguage = (request: FastifyRequest, preferred?: string | null) =>
    chooseLanguage({
      acceptLanguage: request.headers['accept-language'],
      preferred,
      fallback: options.config.defaultLanguage,
      available: shippedLanguages,
    });
  const app = Fastify({
    loggerInstance: options.logger,
    // Keep a caller's request id when it is sane, so logs can be followed across services.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Behind a reverse proxy, the client's address is the one the proxy says (TRUST_PROXY).
    trustProxy: options.config.trustProxy,
    return503OnClosing: true,
    // One line a request (below), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 500 },
    // Errors Fastify meets before any hook runs (a malformed URL, say).
    frameworkErrors: (error, request, reply) => {
      withSecurityHeaders(request, reply);
      request.language = readerLanguage(request);
      // An address whose escapes are not UTF-8 cannot be routed; say which parameter holds them.
      const faults = error.code === 'FST_ERR_BAD_URL' ? addressFaults(request.raw.url ?? '') : [];
      sendProblem(
        request,
        reply,
        errorToProblem(
          faults.length > 0 ? textFaultsError(apiRouter, request, faults) : error,
          request,
        ),
      );
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.addHook('onResponse', (request, reply, done) => {
    const milliseconds = Math.round(reply.elapsedTime * 10) / 10;
    request.log.info(
      { method: request.method, url: request.url, status: reply.statusCode, ms: milliseconds },
      `${request.method} ${request.url} ${reply.statusCode} ${milliseconds} ms`,
    );
    done();
  });

  // The API speaks JSON only; a text body is a client mistake, answered 415.
  app.removeContentTypeParser('text/plain');
  // JSON bodies as Fastify parses them (prototype poisoning refused), but bytes that are not
  // UTF-8 are refused rather than turned into U+FFFD, and so are NUL and lone surrogates.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    parseJson(request, decodeMarkingInvalid(body as Buffer), (error, value) => {
      const fault = error ? undefined : findTextProblem(value);
      if (!fault) return done(error ?? null, value);
      done(
        new AppError(
          'validation-failed',
          platformMessage('problem.fields-to-correct', { place: 'body', count: 1 }),
          {
            errors: [
              {
                pointer: fault.pointer,
                detail: textProblemDetails[fault.problem],
                code: fault.problem,
              },
            ],
          },
        ),
        undefined,
      );
    });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(
    options.config.checkAllResponses ? serializerCompiler : uncheckedWhenTrusted,
  );
  app.setErrorHandler(async (error: Error, request, reply) => {
    const draft = errorToProblem(error, request);
    // A refusal may name a scope (the organization an API token is limited to) that the
    // synchronous code refusing it could not look up.
    await nameScopesIn(options.db, draft.detail).catch((lookup: unknown) =>
      request.log.warn({ err: lookup }, 'could not name the scopes of a refusal'),
    );
    return sendProblem(request, reply, draft);
  });

  // A second router that knows every API route, to tell 405 (wrong method) from 404.
  const apiRouter = FindMyWay();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!apiRouter.hasRoute(method as HTTPMethod, route.url))
        apiRouter.on(method as HTTPMethod, route.url, () => {});
    }
  });

  // The first hook of all, so that a refusal made by a later one (CSRF, 414, a malformed
  // Authorization) carries the headers too.
  app.addHook('onRequest', (request, reply, done) => {
    withSecurityHeaders(request, reply);
    done();
  });
  await app.register(cookie);
  app.decorateRequest('ctx', null as unknown as Context);
  app.decorateRequest('session', undefined);
  app.decorateRequest('language', '');
  app.addHook('onRequest', async (request, reply) => {
    request.language = readerLanguage(request);
    if ((request.raw.url ?? '').length > maxUrlLength) {
      return sendProblem(
        request,
        reply,
        problem(
          414,
          'url-too-long',
          platformMessage('problem.url-too-long', { maximum: String(maxUrlLength) }),
        ),
      );
    }
    // Before anything reads them: the address and the headers are well-formed text.
    const faults = [
      ...addressFaults(request.raw.url ?? ''),
      ...headerFaults(request.raw.rawHeaders),
    ];
    if (faults.length > 0) throw textFaultsError(apiRouter, request, faults);
    request.ctx = {
      db: options.db,
      actor: anonymous,
      now: options.now ?? (() => new Date()),
      log: request.log,
      config: options.config,
      jobs: options.jobs,
      outbox: options.outbox,
      publicUrl: options.publicUrl(),
      requestId: String(request.id),
      language: request.language,
    };
    // Only the API needs to know who asks; static files and health checks do not touch the database.
    if (!request.url.startsWith('/api/')) return;
    const basicAllowed = request.routeOptions.config?.basicAuthorization === true;
    const authorization = request.headers.authorization;
    const basic = basicAllowed && authorization !== undefined && /^Basic\s/i.test(authorization);
    const bearer = basic ? undefined : authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (authorization !== undefined && !basic && bearer === undefined) {
      throw new AppError('unauthenticated', platformMessage('access.bearer-format'));
    }
    const csrfHeader = request.headers['x-csrf-token'];
    const authentication = await options.authenticate(request.ctx, {
      sessionSecret: request.cookies[options.sessionCookie],
      bearerToken: bearer,
      csrfToken: typeof csrfHeader === 'string' ? csrfHeader : undefined,
      unsafeMethod: !['GET', 'HEAD', 'OPTIONS'].includes(request.method),
      csrfExempt: request.routeOptions.config?.csrfExempt === true,
    });
    const actor = authentication.actor;
    request.language = readerLanguage(
      request,
      actor.type === 'account' ? actor.preferredLanguage : null,
    );
    request.ctx = { ...request.ctx, actor, language: request.language };
    // An API answer says which language its words are in, and that they differ by the language
    // asked for (the account's rides on its credentials). Set here, once the language is known,
    // rather than in an onSend hook that every answer would pass through.
    reply.header('content-language', request.language);
    reply.header('vary', 'accept-language');
    request.session = authentication.session;
    if (authentication.expiredSession) {
      reply.clearCookie(options.sessionCookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: https,
      });
    }
  });

  // An operation that takes no query parameters refuses them, rather than silently ignoring a
  // parameter the caller believes has an effect; before the body is read, as a route may refuse
  // more before it reads its body (an import: a registry that is not empty).
  app.addHook('preParsing', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.schema?.querystring) return;
    const unknown = Object.keys((request.query ?? {}) as Record<string, unknown>);
    if (unknown.length === 0) return;
    throw new AppError('validation-failed', platformMessage('problem.no-query-parameters'), {
      errors: unknown.map((name) => ({
        pointer: `/${name}`,
        in: 'query' as const,
        detail: 'Unknown query parameter: remove it.',
        code: 'unknown-field' as const,
        params: { field: name },
      })),
    });
  });

  // Before compression: the answer an idempotency key keeps is the JSON text, not its gzip.
  registerIdempotency(app, { db: options.db, now: options.now ?? (() => new Date()) });
  await app.register(compress, { threshold: 1024 });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Intercoop API',
        description:
          'The API of an Intercoop instance: a network of cooperatives working together.',
        version: '0.1.0',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: options.config.publicUrl ? [{ url: options.config.publicUrl }] : [],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: options.sessionCookie },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: (document) => documentIdempotencyKey(jsonSchemaTransform(document), document.route),
    // The field-error codes the modules declared are known once they plugged in.
    transformObject: (documentObject) => {
      const document = jsonSchemaTransformObject(documentObject);
      const fieldError = (
        document as { components?: { schemas?: Record<string, { properties?: object }> } }
      ).components?.schemas?.FieldError;
      if (fieldError?.properties)
        fieldError.properties = { ...fieldError.properties, code: fieldErrorCodeSchema() };
      return document;
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // The product's page, not the framework's: its title; no top bar with Swagger's logo (the
    // base layout has none, and the plugin puts its logo only in the standalone layout's top bar,
    // whose inline style was what the CSP refused); a blank icon instead of Swagger's (the web
    // app has no icon either; without one the browser asks for /favicon.ico, a 404).
    theme: {
      title: 'Intercoop API',
      favicon: [
        {
          filename: 'blank.svg',
          rel: 'icon',
          type: 'image/svg+xml',
          sizes: 'any',
          content: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"/>',
        },
      ],
    },
    uiConfig: { layout: 'BaseLayout' },
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'The process answers',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['platform'],
        summary: 'The database answers and start-up work is done: clients may count on data',
        response: { 200: z.object({ status: z.literal('ready') }), 503: ProblemResponse },
      },
    },
    async (request, reply) => {
      if (!options.isReady()) {
        return sendProblem(
          request,
          reply,
          problem(503, 'starting', platformMessage('problem.starting')),
        );
      }
      try {
        await sql`select 1`.execute(options.db);
      } catch (error) {
        request.log.warn({ err: error }, 'database did not answer the readiness check');
        return sendProblem(
          request,
          reply,
          problem(503, 'database-unavailable', platformMessage('problem.database-unavailable')),
        );
      }
      return { status: 'ready' as const };
    },
  );

  for (const module of options.modules) {
    await app.register(module.plugin, { prefix: module.prefix });
  }

  const webDist = options.webDist ?? defaultWebDist;
  const hasWeb = fs.existsSync(`${webDist}/index.html`);
  if (hasWeb) {
    // Only the built files are served (no wildcard), so any other path reaches the 404 handler.
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  } else {
    app.log.warn(`The web interface is not built (no ${webDist}index.html); run npm run build.`);
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = (request.raw.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) {
      const allowed = allowedMethods(apiRouter, path);
      if (allowed.length > 0) {
        reply.header('allow', allowed.join(', '));
        return sendProblem(
          request,
          reply,
          problem(
            405,
            'method-not-allowed',
            platformMessage('problem.method-not-allowed', {
              method: request.method,
              allowed: listMessage(allowed, 'disjunction'),
            }),
          ),
        );
      }
      return sendProblem(
        request,
        reply,
        problem(404, 'not-found', platformMessage('problem.nothing-here', { path })),
      );
    }
    if ((request.method === 'GET' || request.method === 'HEAD') && hasWeb) {
      // The web app shows its own "not found" page for unknown paths, with a real 404 status.
      return reply
        .code(isWebRoute(path) ? 200 : 404)
        .type('text/html; charset=utf-8')
        .sendFile('index.html');
    }
    return sendProblem(
      request,
      reply,
      problem(404, 'not-found', platformMessage('problem.nothing-here', { path })),
    );
  });

  return app;
}

/**
 * The security headers helmet sets with `options`. They are the same on every response, but the
 * plugin builds them anew for each request (parsing the content security policy each time), a
 * twentieth of the work of a small API response; so they are taken once, from a probe answered
 * with and without the plugin, and set on each response as they are.
 */
async function securityHeaders(options: FastifyHelmetOptions): Promise<Array<[string, string]>> {
  const probe = async (secured: boolean) => {
    const probeApp = Fastify();
    if (secured) await probeApp.register(helmet, options);
    probeApp.get('/', async () => 'probe');
    const response = await probeApp.inject({ method: 'GET', url: '/' });
    await probeApp.close();
    return response.headers;
  };
  const [plain, secured] = await Promise.all([probe(false), probe(true)]);
  return Object.entries(secured).flatMap(
    ([name, value]): Array<[string, string]> =>
      plain[name] === undefined && typeof value === 'string' ? [[name, value]] : [],
  );
}

const methodsToTry: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The names of the path parameters at these segments of a path, found by routing the path with
 * a placeholder in each (the path as sent may not route at all).
 */
function pathParameterNames(
  router: ReturnType<typeof FindMyWay>,
  method: string,
  path: string,
  segments: number[],
): Map<number, string> {
  const parts = path.split('/');
  for (const segment of segments) parts[segment] = `segment-${segment}`;
  const placeholderPath = parts.join('/');
  const names = new Map<number, string>();
  for (const candidate of [method as HTTPMethod, ...methodsToTry]) {
    const found = router.find(candidate, placeholderPath);
    if (!found) continue;
    for (const [name, value] of Object.entries(found.params)) {
      const segment = /^segment-(\d+)$/.exec(value ?? '')?.[1];
      if (segment !== undefined) names.set(Number(segment), name);
    }
    break;
  }
  return names;
}

function textFaultsError(
  router: ReturnType<typeof FindMyWay>,
  request: { method: string; raw: { url?: string } },
  faults: TextFault[],
): AppError {
  const path = (request.raw.url ?? '/').split('?')[0] ?? '/';
  const names = pathParameterNames(
    router,
    request.method,
    path,
    faults.flatMap((fault) => (fault.in === 'path' ? [fault.segment] : [])),
  );
  const named = faults.map((fault) =>
    faultAsFieldError(fault, fault.in === 'path' ? names.get(fault.segment) : undefined),
  );
  return new AppError(
    'validation-failed',
    platformMessage('problem.text-faults', { count: named.length }),
    { errors: named.map((entry) => entry.error) },
  );
}

function allowedMethods(router: ReturnType<typeof FindMyWay>, path: string): string[] {
  return methodsToTry.filter((method) => router.find(method, path) !== null);
}
