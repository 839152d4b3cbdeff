// One error type for expected outcomes. The code decides the HTTP status in one place
// (platform/http/problem.ts); the message tells a person what to fix.
import type { FieldError } from './field-errors.ts';

export type { FieldError, FieldErrorCode } from './field-errors.ts';

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
  | 'too-large';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: { errors?: FieldError[]; current?: unknown; retryAfterSeconds?: number },
  ) {
    super(message);
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
  'too-large': 413,
};
