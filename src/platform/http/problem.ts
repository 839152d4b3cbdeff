// Every error under /api leaves as application/problem+json (RFC 9457), Fastify's own included,
// with a message a person can act on and, for bad input, a pointer to each field at fault. Title
// and details are worded when the answer is sent, in the request's language (Content-Language).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { ZodError, z } from 'zod';
import { AppError, appErrorStatus, type ImportSource } from '../errors.ts';
import {
  fieldErrorsOfIssue as fieldErrorsOfIssueFor,
  pointerOf,
  valueAt,
} from '../field-error-schemas.ts';
import {
  codeOfZodIssue,
  type FieldError,
  fieldErrorCodes,
  type IssueLike,
  isFieldErrorCode,
  moduleFieldErrorCodes,
} from '../field-errors.ts';
import { type Message, sourceLanguage } from '../messages/catalogue.ts';
import { fieldErrorDetail } from '../messages/field-error-text.ts';
import {
  type PlatformMessageKey,
  platformMessage,
  platformMessages,
} from '../messages/platform-messages.ts';

/**
 * What the API says of the codes; the modules' codes and their params are added to it when the
 * OpenAPI document is made (see fieldErrorCodeSchema), as are all the codes as an enum.
 */
const platformFieldErrorCodeDescription =
  "What is wrong, as a stable code from which a client words the message in its reader's language; new codes may be added, so fall back to detail for one not known. " +
  "From the input's shape: required; invalid-type {expected}; too-short {minimum} and too-long {maximum} (characters); too-few {minimum} and too-many {maximum} (items); " +
  'too-small {minimum, inclusive} and too-big {maximum, inclusive} (numbers); invalid-format {format: email, url, uuid, date, datetime, phone, country-code, language-code, currency-code, coordinates, decimal, pattern}; ' +
  'invalid-option {options}; unknown-field {field}; markup; control-characters (a NUL, or a control character where text has none); invalid-encoding (bytes that are not UTF-8, or half of a surrogate pair); hidden-characters {reason: direction-control, tag-character, nothing-visible}; unknown-code {kind: country, language, currency}; duplicate; paired-parameters {with}; invalid-cursor; end-before-start {start?}; invalid-phone {reason: country-needed, not-a-number, not-valid-for-country; country?}. ' +
  'Money: too-many-decimals {currency, maximum}; negative-amount; amount-too-large {currency, largest}; currency-without-minor-unit {currency}. ' +
  'invalid (only the detail says what).';

/** The FieldError code's JSON schema in the OpenAPI document: every declared code, described. */
export function fieldErrorCodeSchema(): { type: 'string'; enum: string[]; description: string } {
  const modules = moduleFieldErrorCodes()
    .map(({ code, params }) => (params ? `${code} ${params}` : code))
    .join('; ');
  return {
    type: 'string',
    enum: fieldErrorCodes(),
    description: `${platformFieldErrorCodeDescription}${modules ? ` From the rules of the modules: ${modules}.` : ''}`,
  };
}

const FieldErrorEntry = z
  .object({
    pointer: z.string().meta({
      description:
        'A JSON pointer to the field at fault: in the body, or, with `in`, the name of a query or path parameter or of a header.',
    }),
    in: z
      .enum(['query', 'path', 'header'])
      .optional()
      .meta({ description: 'Where the field is, when not in the request body.' }),
    detail: z.string().meta({
      description:
        "What is wrong, in the response's language (Content-Language): worded from the code and params, or as written in English where the code alone says less.",
    }),
    code: z.string().meta({
      description: platformFieldErrorCodeDescription,
    }),
    params: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .meta({ description: 'The values the code needs, such as {"maximum": 200} for too-long.' }),
  })
  .meta({ id: 'FieldError' });

export const ProblemResponse = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(FieldErrorEntry)
      .optional()
      .meta({ description: 'For bad input: each field at fault, by JSON pointer.' }),
    current: z.unknown().optional(),
    retryAfterSeconds: z.number().int().optional(),
    source: z.object({ file: z.string(), line: z.number().int() }).optional().meta({
      description:
        'For a file refused on import: the file in the archive and the line the faulty record starts on.',
    }),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemResponse>;

/** A problem before it is worded: its detail is a message, its field errors' details English. */
export type ProblemDraft = {
  status: number;
  code: string;
  detail: Message;
  errors?: FieldError[];
  current?: unknown;
  retryAfterSeconds?: number;
  source?: ImportSource;
};

export function problem(
  status: number,
  code: string,
  detail: Message,
  extra: Partial<Pick<ProblemDraft, 'errors' | 'current' | 'retryAfterSeconds' | 'source'>> = {},
): ProblemDraft {
  return { status, code, detail, ...extra };
}

/** The problem worded in `language`, as it is sent. */
export function wordProblem(draft: ProblemDraft, language: string): Problem {
  const titled = `problem.title.${draft.status}`;
  const titleKey = platformMessages.has(titled) ? titled : 'problem.title.other';
  return {
    type: `urn:intercoop:problem:${draft.code}`,
    title: platformMessages.format(language, titleKey),
    status: draft.status,
    detail: draft.detail.word(language),
    ...(draft.errors
      ? {
          errors: draft.errors.map((error) => ({
            ...error,
            detail: fieldErrorDetail(language, error),
          })),
        }
      : {}),
    ...(draft.current === undefined ? {} : { current: draft.current }),
    ...(draft.source === undefined ? {} : { source: draft.source }),
    ...(draft.retryAfterSeconds === undefined
      ? {}
      : { retryAfterSeconds: draft.retryAfterSeconds }),
  };
}

/** Sends the problem in the request's language (`request.language`, English before it is known). */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, draft: ProblemDraft) {
  const language = request.language || sourceLanguage;
  if (draft.retryAfterSeconds !== undefined)
    reply.header('retry-after', String(draft.retryAfterSeconds));
  return reply
    .code(draft.status)
    .header('content-language', language)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send({
      ...wordProblem(draft, language),
      instance: request.url.slice(0, 500),
      requestId: String(request.id),
    });
}

/** One zod issue as field errors (one per unknown key), with codes; `missing` from the input. */
function fieldErrorsOfIssue(issue: IssueLike, pointer: string, missing: boolean): FieldError[] {
  // The mapping the web app also runs on its forms (field-error-schemas.ts); here a custom code
  // counts only when a module declared it.
  return fieldErrorsOfIssueFor(issue, pointer, missing, isFieldErrorCode) as FieldError[];
}

const frameworkMessages: Record<string, { code: string; key: PlatformMessageKey }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body-too-large', key: 'problem.body-too-large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'validation-failed', key: 'problem.body-empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'validation-failed', key: 'problem.body-not-json' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported-media-type',
    key: 'problem.body-media-type',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'validation-failed',
    key: 'problem.content-length-mismatch',
  },
  FST_ERR_BAD_URL: { code: 'bad-url', key: 'problem.bad-url' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'bad-url', key: 'problem.not-routed' },
};

const databaseErrors: Record<string, { status: number; code: string; key: PlatformMessageKey }> = {
  '23514': { status: 400, code: 'validation-failed', key: 'problem.constraint-broken' },
  '23505': { status: 409, code: 'conflict', key: 'problem.exists-already' },
  '23503': { status: 409, code: 'conflict', key: 'problem.reference-broken' },
  '22P02': { status: 400, code: 'validation-failed', key: 'problem.wrong-form' },
  '22003': { status: 400, code: 'validation-failed', key: 'problem.number-out-of-range' },
};

export function errorToProblem(error: FastifyError | Error, request: FastifyRequest): ProblemDraft {
  if (error instanceof AppError) {
    return problem(appErrorStatus[error.code], error.code, error.detail, {
      errors: error.details?.errors,
      current: error.details?.current,
      retryAfterSeconds: error.details?.retryAfterSeconds,
      source: error.details?.source,
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext;
    const input =
      where === 'querystring' ? request.query : where === 'params' ? request.params : request.body;
    const location =
      where === 'querystring'
        ? ('query' as const)
        : where === 'params'
          ? ('path' as const)
          : where === 'headers'
            ? ('header' as const)
            : undefined;
    const errors = error.validation.flatMap((issue) => {
      const pointer = issue.instancePath || '/';
      const zodIssue = {
        ...(issue.params as Record<string, unknown>),
        code: issue.keyword,
        message: issue.message ?? 'Invalid value.',
      };
      return fieldErrorsOfIssue(zodIssue, pointer, valueAt(input, pointer) === undefined).map(
        (fieldError) => (location ? { ...fieldError, in: location } : fieldError),
      );
    });
    const place = where === 'querystring' ? 'query' : where === 'params' ? 'address' : 'body';
    return problem(
      400,
      'validation-failed',
      platformMessage('problem.fields-to-correct', { place, count: errors.length }),
      { errors },
    );
  }
  if (error instanceof ZodError) {
    // A use case's own parse: the input is not at hand, but zod's message says what was received.
    const errors = error.issues.flatMap((issue) =>
      fieldErrorsOfIssue(
        issue as unknown as IssueLike,
        pointerOf(issue.path),
        codeOfZodIssue(issue).code === 'required',
      ),
    );
    return problem(400, 'validation-failed', platformMessage('problem.request-fields-to-correct'), {
      errors,
    });
  }
  // The database's own constraints are the last line: a change that breaks one is refused, not a crash.
  const databaseCode = (error as { code?: unknown }).code;
  if (typeof databaseCode === 'string' && databaseErrors[databaseCode]) {
    const known = databaseErrors[databaseCode];
    request.log.warn({ err: error }, 'a database constraint refused the change');
    return problem(known.status, known.code, platformMessage(known.key));
  }
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? frameworkMessages[fastifyError.code] : undefined;
  const status = fastifyError.statusCode ?? 500;
  if (known) return problem(status, known.code, platformMessage(known.key));
  if (status >= 400 && status < 500) {
    // Fastify's own words, in English, are all there is to say what was refused.
    return problem(
      status,
      'request-rejected',
      platformMessage('problem.request-refused', { reason: fastifyError.message || '-' }),
    );
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ issues: error.cause.issues }, 'response did not match its schema');
  } else {
    request.log.error({ err: error }, 'unexpected error');
  }
  return problem(
    500,
    'internal-error',
    platformMessage('problem.internal-error', { requestId: String(request.id) }),
  );
}
