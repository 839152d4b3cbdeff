// Idempotency keys for writes, declared per route with `config: { idempotency: 'optional' }` (or
// 'required'), after the IETF draft "The Idempotency-Key HTTP Header Field". A write sent with a
// key runs whole in one transaction, which also stores its answer: so a crash leaves both the
// effect and the answer, or neither. The same key and body again gets the first answer with
// `Idempotent-Replayed: true` and no second effect; the same key with another body gets 422; the
// same key while the first is still running gets 409. Answers are kept 24 hours.
import { createHash } from 'node:crypto';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { type ControlledTransaction, sql } from 'kysely';
import type { Actor } from '../access.ts';
import type { Db, PlatformTables } from '../db.ts';
import { AppError } from '../errors.ts';
import {
  type KeyScope,
  selectStoredAnswer,
  storeAnswer,
} from '../idempotency/idempotency-queries.ts';
import {
  type IdempotencyKeyFault,
  parseIdempotencyKey,
} from '../idempotency/parse-idempotency-key.ts';
import { selectorOf, sourceLanguage } from '../messages/catalogue.ts';
import { platformMessage } from '../messages/platform-messages.ts';

export type IdempotencyMode = 'optional' | 'required';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Whether the route takes an Idempotency-Key header, or needs one. */
    idempotency?: IdempotencyMode;
  }
  interface FastifyRequest {
    idempotentWrite?: IdempotentWrite;
  }
}

type IdempotentWrite = {
  scope: KeyScope;
  requestHash: string;
  tx: ControlledTransaction<PlatformTables>;
  settled: boolean;
};

export const idempotencyKeyHeader = 'idempotency-key';
const keepForMs = 24 * 60 * 60 * 1000;
// Headers of the first answer that a replay repeats.
const replayedHeaders = ['content-type', 'location'];

function principalOf(actor: Actor): string | undefined {
  if (actor.type !== 'account') return undefined;
  return actor.token
    ? `token:${actor.accountId}:${actor.token.organizationId}`
    : `account:${actor.accountId}`;
}

const hashSlice = 1024 * 1024;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * A hash of the request: its path parameters (the scope names the route's pattern, so the same
 * key on another project's participants is another request), then its content: the bytes of a
 * file, or the JSON with its keys in order.
 */
async function hashOf(params: unknown, body: unknown): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(canonical(params ?? {})));
  if (Buffer.isBuffer(body)) {
    // A large upload (an import) is hashed a slice at a time, letting other requests run.
    for (let start = 0; start < body.length; start += hashSlice) {
      hash.update(body.subarray(start, start + hashSlice));
      if (start + hashSlice < body.length) await new Promise((resolve) => setImmediate(resolve));
    }
    return hash.digest('hex');
  }
  return hash.update(JSON.stringify(canonical(body ?? null))).digest('hex');
}

type HeaderFault = 'missing' | 'repeated' | IdempotencyKeyFault;

function headerError(fault: HeaderFault) {
  const message = platformMessage('idempotency.header', { fault: selectorOf(fault) });
  const code =
    fault === 'missing' ? 'required' : fault === 'repeated' ? 'duplicate' : 'invalid-format';
  return new AppError('validation-failed', message, {
    errors: [
      {
        pointer: '/headers/idempotency-key',
        detail: message.word(sourceLanguage),
        code,
        ...(code === 'invalid-format' ? { params: { format: 'pattern' } } : {}),
      },
    ],
  });
}

async function closeQuietly(write: IdempotentWrite) {
  if (write.settled) return;
  write.settled = true;
  await write.tx
    .rollback()
    .execute()
    .catch(() => {});
}

/**
 * Adds the hooks. Registered before compression, so that the answer stored is the JSON text
 * the route serialised.
 */
export function registerIdempotency(
  app: FastifyInstance,
  options: { db: Db; now: () => Date },
): void {
  app.addHook('preHandler', async (request, reply) => {
    const mode = request.routeOptions.config?.idempotency;
    if (!mode) return;
    const header = request.headers[idempotencyKeyHeader];
    if (header === undefined) {
      if (mode === 'required') {
        throw headerError('missing');
      }
      return;
    }
    if (Array.isArray(header)) throw headerError('repeated');
    const parsed = parseIdempotencyKey(header);
    if (!parsed.ok) throw headerError(parsed.reason);
    // Anonymous callers get the route's own refusal; there is no one to keep the key for.
    const principal = principalOf(request.ctx.actor);
    if (principal === undefined) return;
    const scope = {
      principal,
      method: request.method,
      route: request.routeOptions.url ?? request.url,
      key: parsed.key,
    };
    const requestHash = await hashOf(request.params, request.body);
    const tx = await options.db.startTransaction().execute();
    const write: IdempotentWrite = { scope, requestHash, tx, settled: false };
    try {
      // Held until this transaction ends: a second request with the key finds it taken.
      const lockName = JSON.stringify([scope.principal, scope.method, scope.route, scope.key]);
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_xact_lock(hashtextextended(${lockName}, 7240551)) as locked
      `.execute(tx);
      if (!rows[0]?.locked) {
        // A code of its own: a client tells "wait for the first answer" from a conflict of data.
        throw new AppError('idempotency-key-in-use', platformMessage('idempotency.in-progress'));
      }
      const stored = await selectStoredAnswer(tx, scope, options.now());
      if (stored) {
        if (stored.requestHash !== requestHash) {
          throw new AppError('idempotency-key-reused', platformMessage('idempotency.key-reused'));
        }
        await closeQuietly(write);
        reply.code(stored.status).headers(stored.headers).header('idempotent-replayed', 'true');
        return reply.send(stored.body);
      }
    } catch (error) {
      await closeQuietly(write);
      throw error;
    }
    request.idempotentWrite = write;
    request.ctx = { ...request.ctx, db: tx };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const write = request.idempotentWrite;
    if (!write || write.settled) return payload;
    const succeeded = reply.statusCode >= 200 && reply.statusCode < 300;
    if (!succeeded || typeof payload !== 'string') {
      // A refused or failed write changes nothing and keeps no answer: the key may be used again.
      await closeQuietly(write);
      return payload;
    }
    write.settled = true;
    const headers: Record<string, string> = {};
    for (const name of replayedHeaders) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    try {
      await storeAnswer(
        write.tx,
        write.scope,
        { requestHash: write.requestHash, status: reply.statusCode, headers, body: payload },
        options.now(),
        keepForMs,
      );
      await write.tx.commit().execute();
    } catch (error) {
      await write.tx
        .rollback()
        .execute()
        .catch(() => {});
      throw error;
    }
    return payload;
  });

  // Whatever ended the request without passing through onSend, its transaction must not stay
  // open. (A client that goes away does not stop the write: its answer is kept for the retry.)
  app.addHook('onResponse', async (request) => {
    if (request.idempotentWrite) await closeQuietly(request.idempotentWrite);
  });
}

/** Adds the Idempotency-Key header to the OpenAPI description of the routes that take it. */
export function documentIdempotencyKey<T extends { schema: unknown }>(
  transformed: T,
  route: RouteOptions | undefined,
): T {
  const mode = (route?.config as { idempotency?: IdempotencyMode } | undefined)?.idempotency;
  if (!mode) return transformed;
  const schema = (transformed.schema ?? {}) as Record<string, unknown>;
  const headers = (schema.headers ?? { type: 'object', properties: {} }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return {
    ...transformed,
    schema: {
      ...schema,
      headers: {
        ...headers,
        properties: {
          ...headers.properties,
          [idempotencyKeyHeader]: {
            type: 'string',
            description:
              'A key of your own for this request (1 to 255 visible characters, such as a UUID, quoted as the IETF draft shows or bare). The same request sent again with it gets the first answer, with Idempotent-Replayed: true, and no second effect; the same key with another request gets 422; while the first is still running, 409. Answers are kept 24 hours.',
          },
        },
        ...(mode === 'required'
          ? { required: [...(headers.required ?? []), idempotencyKeyHeader] }
          : {}),
      },
    },
  };
}
