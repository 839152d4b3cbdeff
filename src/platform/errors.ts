// One error type for expected outcomes. The code decides the HTTP status in one place
// (platform/http/problem.ts); the message tells a person what to fix, in their language: it is
// a catalogue message, worded when the answer is sent, and in English as the Error's message.
import type { FieldError } from './field-errors.ts';
import { type Message, sourceLanguage } from './messages/catalogue.ts';

export type { FieldError, FieldErrorCode } from './field-errors.ts';
export type { Message } from './messages/catalogue.ts';

/** Where in an imported file a refused record is: the file in the archive and its line. */
export type ImportSource = { file: string; line: number };

export type AppErrorCode =
  | 'validation-failed'
  | 'not-found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'stale-version'
  | 'rate-limited'
  | 'gone'
  /** An Idempotency-Key sent again with another request. */
  | 'idempotency-key-reused'
  /** An Idempotency-Key sent again while its first request is still being carried out. */
  | 'idempotency-key-in-use'
  | 'too-large';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    /** What to tell the person, worded in their language when sent. */
    readonly detail: Message,
    readonly details?: {
      errors?: FieldError[];
      current?: unknown;
      retryAfterSeconds?: number;
      source?: ImportSource;
    },
  ) {
    super(detail.word(sourceLanguage));
    this.name = 'AppError';
  }
}

export const appErrorStatus: Record<AppErrorCode, number> = {
  'validation-failed': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'stale-version': 409,
  gone: 410,
  'rate-limited': 429,
  'idempotency-key-reused': 422,
  'idempotency-key-in-use': 409,
  'too-large': 413,
};
