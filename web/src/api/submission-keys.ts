// Idempotency keys for a form's creating requests (the server's Idempotency-Key header). One key
// is kept while the same request is sent again, by the client after a network error or by the
// person pressing the button again with the values unchanged, so that the server carries it out
// once; a success, or a request with other values, takes a new key.

/** A form's keys: one for the request being sent, until it succeeds or changes. */
export type SubmissionKeys = {
  /** The key for a request, described by `request` (method, path and body): the kept one if unchanged. */
  keyFor(request: string): string;
  /** Forgets `key` once its request has succeeded (or the server refused the key): the next request takes a new one. */
  settle(key: string): void;
};

export function submissionKeys(newKey: () => string = randomKey): SubmissionKeys {
  let kept: { request: string; key: string } | null = null;
  return {
    keyFor(request) {
      if (kept?.request !== request) kept = { request, key: newKey() };
      return kept.key;
    },
    settle(key) {
      if (kept?.key === key) kept = null;
    },
  };
}

/**
 * A random UUID. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost); an
 * instance reached over plain HTTP on a local network gets the same from `getRandomValues`.
 */
export function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What makes two requests the same one: method, path and body (a file by its name, size, type and date). */
export function requestDescription(method: string, path: string, body: unknown): string {
  if (body instanceof Blob) {
    const file = body instanceof File ? `${body.name} ${body.lastModified}` : '';
    return `${method} ${path} file ${body.type} ${body.size} ${file}`;
  }
  return `${method} ${path} ${JSON.stringify(body ?? null)}`;
}
