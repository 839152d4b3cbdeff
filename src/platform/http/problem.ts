// Every error under /api leaves as application/problem+json (RFC 9457), Fastify's own included,
// with a message a person can act on and, for bad input, a pointer to each field at fault.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { ZodError, z } from 'zod';
import { AppError, appErrorStatus } from '../errors.ts';
import {
  codeOfIssue,
  codeOfZodIssue,
  type FieldError,
  fieldErrorCodes,
  type IssueLike,
} from '../field-errors.ts';

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
    detail: z.string().meta({ description: 'What is wrong, in English.' }),
    code: z.enum(fieldErrorCodes).meta({
      description:
        "What is wrong, as a stable code from which a client words the message in its reader's language; new codes may be added, so fall back to detail for one not known. " +
        "From the input's shape: required; invalid-type {expected}; too-short {minimum} and too-long {maximum} (characters); too-few {minimum} and too-many {maximum} (items); " +
        'too-small {minimum, inclusive} and too-big {maximum, inclusive} (numbers); invalid-format {format: email, url, uuid, date, datetime, phone, country-code, language-code, currency-code, coordinates, pattern}; ' +
        'invalid-option {options}; unknown-field {field}; markup; control-characters (a NUL, or a control character where text has none); invalid-encoding (bytes that are not UTF-8, or half of a surrogate pair); hidden-characters {reason: direction-control, tag-character, nothing-visible}; unknown-code {kind: country, language, currency}; duplicate; paired-parameters {with}. ' +
        'From the rules of the domain: members-exceed-total; end-before-start {start?}; same-organization; organization-not-found; project-not-found; affiliation-cycle; invalid-cursor; ' +
        'weak-password {reason: too-short, repetitive, common, contains-email}; guessable-password {cause: keyboard-pattern, repetition, sequence, date, common-password, common-words, personal-information, other}; country-in-use {countries}; country-not-in-project {countries}; currency-required; currency-not-allowed {unit}; unit-mismatch {unit}; ' +
        'whole-number-required; too-many-decimals {currency, maximum}; negative-amount; amount-too-large {currency, largest}; currency-without-minor-unit {currency}; role-scope-mismatch {role, scopes}; scope-id-not-allowed; scope-id-required {scopeType}; demo-email-domain {domain}; ' +
        'invalid-image {reason: empty, too-large, not-an-image, type-mismatch, no-size, too-many-pixels, damaged}; invalid (only the detail says what).',
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
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemResponse>;

const titles: Record<number, string> = {
  400: 'The request is not valid',
  401: 'Sign-in needed',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  410: 'No longer valid',
  413: 'Request too large',
  414: 'Address too long',
  415: 'Unsupported content type',
  422: 'The key was used for another request',
  429: 'Too many requests',
  500: 'Something went wrong on our side',
  503: 'Not available yet',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Partial<
    Pick<Problem, 'errors' | 'current' | 'requestId' | 'instance' | 'retryAfterSeconds'>
  > = {},
): Problem {
  return {
    type: `urn:intercoop:problem:${code}`,
    title: titles[status] ?? 'Request failed',
    status,
    detail,
    ...extra,
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, body: Problem) {
  if (body.retryAfterSeconds !== undefined)
    reply.header('retry-after', String(body.retryAfterSeconds));
  return reply
    .code(body.status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send({ ...body, instance: request.url.slice(0, 500), requestId: String(request.id) });
}

function pointerOf(path: ReadonlyArray<PropertyKey>): string {
  return `/${path.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/** One zod issue as field errors (one per unknown key), with codes; `missing` from the input. */
function fieldErrorsOfIssue(issue: IssueLike, pointer: string, missing: boolean): FieldError[] {
  if (issue.code === 'unrecognized_keys') {
    return (Array.isArray(issue.keys) ? issue.keys : []).map((key) => ({
      pointer: `${pointer.replace(/\/$/, '')}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`,
      detail: 'Unknown field: remove it or check its spelling.',
      code: 'unknown-field' as const,
      params: { field: String(key) },
    }));
  }
  const { code, params } = codeOfIssue(issue, missing);
  return [
    {
      pointer,
      detail: humanize(issue.message),
      code,
      ...(params && Object.keys(params).length > 0 ? { params } : {}),
    },
  ];
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const part of pointer.split('/').slice(1)) {
    if (part === '') continue;
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return value;
}

function withArticle(word: string): string {
  if (word === 'undefined' || word === 'null') return word === 'null' ? 'null' : 'missing';
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

// Zod's default texts for a wrong type are terse; say what was expected in words.
function humanize(message: string): string {
  const wrongType = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (wrongType?.[1] && wrongType[2]) {
    return `Must be ${withArticle(wrongType[1])}, not ${withArticle(wrongType[2])}.`;
  }
  const options = /^Invalid option: expected one of (.+)$/.exec(message);
  if (options?.[1])
    return `Must be one of: ${options[1].replaceAll('"', '').split('|').join(', ')}.`;
  return message;
}

const frameworkMessages: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'body-too-large',
    detail: 'The request body is larger than this operation accepts; send less data.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'validation-failed',
    detail: 'The request body is empty; send a JSON object.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'validation-failed',
    detail: 'The request body is not valid JSON; check quotes, commas and brackets.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported-media-type',
    detail: 'Send the body as JSON with the header Content-Type: application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'validation-failed',
    detail: 'The Content-Length header does not match the body.',
  },
  FST_ERR_BAD_URL: {
    code: 'bad-url',
    detail: 'The address is not a valid URL (check its percent-encoding).',
  },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'bad-url', detail: 'The request could not be routed.' },
};

const databaseErrors: Record<string, { status: number; code: string; detail: string }> = {
  '23514': {
    status: 400,
    code: 'validation-failed',
    detail:
      'The change breaks a rule of the data (such as counts that must add up); check the values.',
  },
  '23505': { status: 409, code: 'conflict', detail: 'This exists already.' },
  '23503': {
    status: 409,
    code: 'conflict',
    detail: 'This refers to something that does not exist, or is still referred to.',
  },
  '22P02': { status: 400, code: 'validation-failed', detail: 'A value has the wrong form.' },
  '22003': { status: 400, code: 'validation-failed', detail: 'A number is out of range.' },
};

export function errorToProblem(error: FastifyError | Error, request: FastifyRequest): Problem {
  if (error instanceof AppError) {
    return problem(appErrorStatus[error.code], error.code, error.message, {
      errors: error.details?.errors,
      current: error.details?.current,
      retryAfterSeconds: error.details?.retryAfterSeconds,
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
    const place =
      where === 'querystring'
        ? 'query parameters'
        : where === 'params'
          ? 'address'
          : 'request body';
    const count = errors.length === 1 ? 'one field' : `${errors.length} fields`;
    return problem(400, 'validation-failed', `The ${place} has ${count} to correct; see errors.`, {
      errors,
    });
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
    return problem(400, 'validation-failed', 'The request has fields to correct; see errors.', {
      errors,
    });
  }
  // The database's own constraints are the last line: a change that breaks one is refused, not a crash.
  const databaseCode = (error as { code?: unknown }).code;
  if (typeof databaseCode === 'string' && databaseErrors[databaseCode]) {
    const known = databaseErrors[databaseCode];
    request.log.warn({ err: error }, 'a database constraint refused the change');
    return problem(known.status, known.code, known.detail);
  }
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? frameworkMessages[fastifyError.code] : undefined;
  const status = fastifyError.statusCode ?? 500;
  if (known) return problem(status, known.code, known.detail);
  if (status >= 400 && status < 500) {
    return problem(status, 'request-rejected', fastifyError.message || 'The request was refused.');
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ issues: error.cause.issues }, 'response did not match its schema');
  } else {
    request.log.error({ err: error }, 'unexpected error');
  }
  return problem(
    500,
    'internal-error',
    `The request failed because of an error on our side. Quote request id ${request.id} when reporting it.`,
  );
}
