// HTTP adapter of the SMS channel, under /api/reach/sms: the public segment counter, the
// providers' callbacks and the staff's view of the templates.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemResponse } from '../../../platform/http/problem.ts';
import { SegmentCount, SegmentsInput } from './schemas.ts';
import { countSmsSegments } from './segments.ts';

const tags = ['reach'];

export const smsRoutes: FastifyPluginAsyncZod = async (app) => {
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
};
