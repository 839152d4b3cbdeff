/**
 * One field at fault: where (a JSON pointer), what is wrong (in the language the server answered
 * in), and a code with its params from which the app words the message in the reader's language
 * (see forms/field-message.ts).
 */
export type FieldErrorEntry = {
  pointer: string;
  detail: string;
  code?: string;
  params?: Record<string, string | number | boolean>;
  /** The language of `detail`: the answer's Content-Language; English when the server says none. */
  language?: string;
};

/** The API's error body (RFC 9457 problem details). */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldErrorEntry[];
  /** On 409: the record as it is now, changed by someone else since it was read. */
  current?: unknown;
  /** On 429: how long to wait before trying again. */
  retryAfterSeconds?: number;
  /** For a file refused on import: the file in the archive and the line of the faulty record. */
  source?: { file: string; line: number };
  /** The language of title and detail (the answer's Content-Language), for `lang` attributes. */
  language?: string;
};

/** The language a problem's words are in: English from a server that does not say. */
export function problemLanguage(problem: Pick<Problem, 'language'> | null | undefined): string {
  return problem?.language ?? 'en';
}

/** A request that reached the server and got an error answer. */
export class ApiProblemError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiProblemError';
    this.problem = problem;
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.title === 'string' && typeof candidate.status === 'number';
}

/**
 * Reads an error response. A proxy or a crashed server may answer with HTML or nothing, so
 * anything that is not problem+json becomes a problem built from the status line.
 */
export async function problemFromResponse(response: Response): Promise<ApiProblemError> {
  const contentType = response.headers.get('content-type') ?? '';
  let body: unknown;
  if (contentType.includes('json')) {
    try {
      body = await response.json();
    } catch {
      // Fall through to the status line.
    }
  }
  return problemFromBody(response, body);
}

/** The problem of an error answer whose body was read already (`body`: its parsed JSON, or text). */
export function problemFromBody(response: Response, body: unknown): ApiProblemError {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json') && isProblem(body)) {
    const language = response.headers.get('content-language')?.split(',')[0]?.trim();
    return new ApiProblemError(language ? inLanguage(body, language) : body);
  }
  return new ApiProblemError({
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
  });
}

function inLanguage(problem: Problem, language: string): Problem {
  const errors = problem.errors?.map((error) => ({ ...error, language }));
  return { ...problem, language, ...(errors ? { errors } : {}) };
}

/**
 * A creating write sent again while the server is still carrying out the first (409): the person
 * waits for it, then sends again and gets its answer, rather than being told of a conflict.
 */
export function isStillInProgress(problem: Pick<Problem, 'type'> | null | undefined): boolean {
  return problem?.type === 'urn:intercoop:problem:idempotency-key-in-use';
}

/** An Idempotency-Key sent with another request than its first (422). */
export function isKeyReused(problem: Pick<Problem, 'type'> | null | undefined): boolean {
  return problem?.type === 'urn:intercoop:problem:idempotency-key-reused';
}

/** The problem behind a failed request, or null when the server was not reached at all. */
export function problemOf(error: unknown): Problem | null {
  return error instanceof ApiProblemError ? error.problem : null;
}
