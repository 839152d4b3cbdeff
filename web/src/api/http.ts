import { problemFromResponse } from './problem.ts';

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
};

/**
 * One request to the API on the same origin. Resolves with the parsed JSON body (undefined for
 * 204); rejects with an ApiProblemError for an error answer, or a TypeError when offline.
 */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  { body, signal, accept = 'application/json' }: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept };
  if (requestLanguage) headers['accept-language'] = requestLanguage;
  const isFile = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = isFile ? body.type : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined || isFile ? body : JSON.stringify(body),
    signal,
    credentials: 'same-origin',
  });
  if (!response.ok) throw await problemFromResponse(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
