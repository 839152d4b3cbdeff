// HTTP adapter of the SMS channel, under /api/reach/sms: the public segment counter, the
// providers' callbacks (inbound messages and delivery reports) and the staff's view of the
// templates. A provider's callback is answered 2xx once handled, 4xx when it is not one (wrong
// secret or signature, missing fields): never a 5xx for what a provider sent.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { ProblemResponse } from '../../../platform/http/problem.ts';
import { recordSmsDeliveryReport } from '../../../platform/outbox/index.ts';
import { acceptFormBodies, type FormBody } from './form-body.ts';
import { handleInboundSms } from './inbound/handle-inbound-sms.ts';
import { smsMessage } from './messages.ts';
import { readAfricasTalkingCallback } from './providers/africastalking.ts';
import type { CallbackReading } from './providers/sms-provider.ts';
import { isTwilioSignatureValid, readTwilioCallback } from './providers/twilio.ts';
import { SegmentCount, SegmentsInput, SmsTemplateList } from './schemas.ts';
import { countSmsSegments } from './segments.ts';
import { listSmsTemplates } from './templates/list-sms-templates.ts';
import { carriesWebhookSecret } from './webhook-secret.ts';

const tags = ['reach'];

// A 10,000-character text of Devanagari is 90,000 bytes once escaped in a form.
const callbackBodyLimit = 128 * 1024;

const callbackProblems = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  413: ProblemResponse,
  415: ProblemResponse,
};

function formOf(body: unknown): FormBody {
  return (body as FormBody | undefined) ?? { pairs: [], fields: {} };
}

function callbackOrRefusal(reading: CallbackReading) {
  if (reading.ok) return reading.callback;
  throw new AppError(
    'validation-failed',
    smsMessage('sms.callback-fields', { count: reading.errors.length }),
    { errors: reading.errors },
  );
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

export function twiml(reply: string | undefined): string {
  const inner = reply === undefined ? '' : `<Message>${escapeXml(reply)}</Message>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;
}

export const smsRoutes: FastifyPluginAsyncZod = async (app) => {
  // The providers' callbacks take forms and nothing else (JSON gets 415), in a scope of their own.
  await app.register(callbackRoutes);

  app.post(
    '/segments',
    {
      // 1,600 characters of Devanagari are 9,600 bytes once escaped in JSON.
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary:
          'How a text would be sent as SMS: its encoding (GSM-7, or UCS-2 as soon as one character is outside GSM-7), its units and its segments (public: it holds nothing personal)',
        body: SegmentsInput,
        response: { 200: SegmentCount, 400: ProblemResponse, 413: ProblemResponse },
      },
    },
    async (request) => countSmsSegments(request.body.text),
  );

  app.get(
    '/templates',
    {
      schema: {
        tags,
        summary:
          'The SMS templates, each version in every language with its encoding, segments (each placeholder at its longest) and cost estimate per provider (network staff)',
        response: { 200: SmsTemplateList, 401: ProblemResponse, 403: ProblemResponse },
      },
    },
    async (request) => listSmsTemplates(request.ctx),
  );
};

const callbackRoutes: FastifyPluginAsyncZod = async (app) => {
  app.removeAllContentTypeParsers();
  acceptFormBodies(app);

  app.post(
    '/africastalking',
    {
      bodyLimit: callbackBodyLimit,
      config: { providerCallback: true },
      schema: {
        tags,
        summary:
          "Africa's Talking's callback (a form): an inbound SMS (from, text, id) or a delivery report (id, status); with REACH_WEBHOOK_SECRET as the secret query parameter or the basic-auth password. Answers 200 with an empty text",
        querystring: z.strictObject({
          secret: z.string().max(200, 'Must be at most 200 characters.').optional(),
        }),
        response: { 200: z.string().describe('An empty text'), ...callbackProblems },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx;
      const secret = ctx.config.reach.webhookSecret;
      if (!secret)
        throw new AppError(
          'not-found',
          smsMessage('sms.channel-off', { setting: 'REACH_WEBHOOK_SECRET' }),
        );
      if (!carriesWebhookSecret(secret, request.query.secret, request.headers.authorization))
        throw new AppError('unauthenticated', smsMessage('sms.secret-needed'));
      const callback = callbackOrRefusal(readAfricasTalkingCallback(formOf(request.body).fields));
      if (callback.kind === 'inbound') {
        await handleInboundSms(ctx, 'africastalking', callback, { replyInAnswer: false });
      } else {
        await recordSmsDeliveryReport(ctx.db, {
          provider: 'africastalking',
          providerMessageId: callback.providerMessageId,
          state: callback.state,
          ...(callback.detail ? { detail: callback.detail } : {}),
        });
      }
      return reply.code(200).type('text/plain; charset=utf-8').send('');
    },
  );

  app.post(
    '/twilio',
    {
      bodyLimit: callbackBodyLimit,
      schema: {
        tags,
        summary:
          "Twilio's webhook (a form): an inbound SMS (MessageSid, From, Body) or a status callback (MessageSid, MessageStatus), signed in X-Twilio-Signature with TWILIO_AUTH_TOKEN over PUBLIC_URL, the path and the sorted parameters. Answers 200 with TwiML (the reply, if any)",
        response: {
          200: z.string().describe('TwiML: a Response, with the reply as a Message'),
          ...callbackProblems,
        },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx;
      const authToken = ctx.config.reach.sms.twilio.authToken;
      if (!authToken)
        throw new AppError(
          'not-found',
          smsMessage('sms.channel-off', { setting: 'TWILIO_AUTH_TOKEN' }),
        );
      const form = formOf(request.body);
      const signature = request.headers['x-twilio-signature'];
      const url = `${ctx.publicUrl}${request.raw.url ?? ''}`;
      if (
        !isTwilioSignatureValid(
          authToken,
          url,
          form.pairs,
          typeof signature === 'string' ? signature : undefined,
        )
      )
        throw new AppError('forbidden', smsMessage('sms.signature-wrong'));
      const callback = callbackOrRefusal(readTwilioCallback(form.fields));
      let answer: string | undefined;
      if (callback.kind === 'inbound') {
        answer = (await handleInboundSms(ctx, 'twilio', callback, { replyInAnswer: true })).reply;
      } else {
        await recordSmsDeliveryReport(ctx.db, {
          provider: 'twilio',
          providerMessageId: callback.providerMessageId,
          state: callback.state,
          ...(callback.detail ? { detail: callback.detail } : {}),
        });
      }
      return reply.code(200).type('text/xml; charset=utf-8').send(twiml(answer));
    },
  );
};
