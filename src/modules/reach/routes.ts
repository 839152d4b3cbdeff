// HTTP adapter of the reach module, under /api/reach: the USSD provider's callbacks (form-encoded,
// answered in text/plain, checked by the shared secret REACH_WEBHOOK_SECRET; left out of the API's
// document, as they speak the provider's protocol, not the API's), and the admins' PIN reset.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.ts';
import { ProblemResponse } from '../../platform/http/problem.ts';
import { toE164 } from '../../platform/phone.ts';
import { reachMessage } from './messages.ts';
import { resetPhonePin } from './pins/reset-phone-pin.ts';
import {
  AfricasTalkingEvent,
  AfricasTalkingHop,
  PinReset,
  PinResetParams,
  WebhookQuery,
} from './schemas.ts';
import { answerUssdHop } from './ussd/answer-ussd-hop.ts';
import { recordUssdEvent } from './ussd/record-ussd-event.ts';

const tags = ['reach'];
const formLimit = 64 * 1024;

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The secret the request carries: the `secret` query parameter, or the basic-auth password. */
function secretOf(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown>;
  if (typeof query.secret === 'string') return query.secret;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}

/** Refuses, before the body is checked, a callback without the secret (the channel off: 404). */
async function checkSecret(request: FastifyRequest): Promise<void> {
  const expected = request.ctx.config.reach.webhookSecret;
  if (!expected) throw new AppError('not-found', reachMessage('problem.channel-off'));
  const given = secretOf(request);
  // Compared as digests: the same length whatever was sent, and in constant time.
  if (given === undefined || !timingSafeEqual(digest(given), digest(expected)))
    throw new AppError('unauthenticated', reachMessage('problem.wrong-secret'));
}

export const reachRoutes: FastifyPluginAsyncZod = async (app) => {
  // Providers post forms; this parser serves only this module's routes.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: formLimit },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.post(
    '/ussd/africastalking',
    {
      config: { providerCallback: true },
      bodyLimit: formLimit,
      preValidation: checkSecret,
      schema: { hide: true, tags, querystring: WebhookQuery, body: AfricasTalkingHop },
    },
    async (request, reply) => {
      const phone = toE164(request.body.phoneNumber, undefined, '/phoneNumber');
      const text = await answerUssdHop(request.ctx, {
        sessionId: request.body.sessionId,
        phone,
        text: request.body.text,
      });
      return reply.type('text/plain; charset=utf-8').send(text);
    },
  );

  app.post(
    '/ussd/africastalking/events',
    {
      config: { providerCallback: true },
      bodyLimit: formLimit,
      preValidation: checkSecret,
      schema: { hide: true, tags, querystring: WebhookQuery, body: AfricasTalkingEvent },
    },
    async (request, reply) => {
      await recordUssdEvent(
        request.ctx,
        request.body as Record<string, string> & { sessionId: string },
      );
      return reply.type('text/plain; charset=utf-8').send('');
    },
  );

  app.post(
    '/people/:personId/pin-reset',
    {
      schema: {
        tags,
        summary:
          "Reset a member's phone PIN: cleared, the phone unlocked, a new one set on the next use (their cooperative's admins, network staff)",
        params: PinResetParams,
        response: {
          200: PinReset,
          401: ProblemResponse,
          403: ProblemResponse,
          404: ProblemResponse,
          409: ProblemResponse,
        },
      },
    },
    async (request) => resetPhonePin(request.ctx, request.params.personId),
  );
};
