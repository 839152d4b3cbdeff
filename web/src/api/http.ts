import { isKeyReused, problemFromResponse } from './problem.ts';
import { requestDescription, type SubmissionKeys } from './submission-keys.ts';

// The session's CSRF token, kept in memory only: every cookie-authenticated write sends it.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// The language the app shows: the server words its answers (errors, a mail's default) in it.
let requestLanguage: string | null = null;

export function setRequestLanguage(language: string | null): void {
  requestLanguage = language;
}

type RequestOptions = {
  /** JSON, or a file sent as it is with its own type (an image upload). */
  body?: unknown;
  signal?: AbortSignal;
  accept?: string;
  /** The body's type, when not the file's own nor JSON. */
  contentType?: string;
  /**
   * For a creating write: the form's keys. The request carries an Idempotency-Key, so that
   * sending it again (once more here after a network error, or by the person) has one effect.
   */
  keys?: SubmissionKeys;
};

// A keyed write that got no answer is sent once more, after a pause: the server either carried
// it out (and answers the same again) or never saw it.
const resendPauseMs = 1000;

/**
 * One request to the API on the same origin. Resolves with the parsed JSON body (undefined for
 * 204); rejects with an ApiProblemError for an error answer, or a TypeError when offline.
 */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  { body, signal, accept = 'application/json', contentType, keys }: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept };
  if (requestLanguage) headers['accept-language'] = requestLanguage;
  const isFile = body instanceof Blob;
  if (body !== undefined) {
    headers['content-type'] = contentType ?? (isFile ? body.type : 'application/json');
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const key = keys?.keyFor(requestDescription(method, path, body));
  if (key) headers['idempotency-key'] = key;
  const send = () =>
    fetch(path, {
      method,
      headers,
      body: body === undefined || isFile ? body : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
    });
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    if (!key || signal?.aborted) throw error;
    await new Promise((resolve) => setTimeout(resolve, resendPauseMs));
    response = await send();
  }
  if (!response.ok) {
    const problem = await problemFromResponse(response);
    // A key the server took for another request is of no more use (it should not happen: a
    // changed request takes a new key); the next attempt takes a new one.
    if (key && isKeyReused(problem.problem)) keys?.settle(key);
    throw problem;
  }
  if (key) keys?.settle(key);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
