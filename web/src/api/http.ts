import { answerOf, api, fileBody, idempotency } from './client.ts';
import { requestDescription, type SubmissionKeys } from './submission-keys.ts';

export { setCsrfToken, setRequestLanguage } from './client.ts';

type RequestOptions = {
  /** JSON, or a file sent as it is with its own type (an image upload). */
  body?: unknown;
  signal?: AbortSignal;
  accept?: string;
  /** The body's type, when not the file's own nor JSON. */
  contentType?: string;
  /**
   * For a creating write: the form's keys. The request carries an Idempotency-Key, so that
   * sending it again (once more after a network error, or by the person) has one effect.
   */
  keys?: SubmissionKeys;
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One request to the API by a path built by hand, through the typed client's middleware (so with
 * the same language, CSRF token and keys). Resolves with the parsed JSON body (undefined for
 * 204); rejects with an ApiProblemError for an error answer, or a TypeError when offline.
 * Prefer `api` with the path as the OpenAPI document names it, whose answers are typed.
 */
export function apiRequest<T>(
  method: Method,
  path: string,
  { body, signal, accept = 'application/json', contentType, keys }: RequestOptions = {},
): Promise<T> {
  const isFile = body instanceof Blob;
  const headers: Record<string, string> = { accept };
  if (body !== undefined) {
    headers['content-type'] = contentType ?? (isFile ? body.type : 'application/json');
  }
  const untyped = api.request as (
    method: string,
    path: string,
    init: Record<string, unknown>,
  ) => Promise<{ data?: T; error?: unknown; response: Response }>;
  return answerOf(
    untyped(method.toLowerCase(), path, {
      body,
      headers,
      signal,
      ...(isFile ? { bodySerializer: (file: Blob) => file } : {}),
      middleware: [
        ...(isFile ? [fileBody(body)] : []),
        ...(keys ? [idempotency(keys, requestDescription(method, path, body))] : []),
      ],
    }),
  );
}
