import type { Problem } from '../api/problem.ts';

/**
 * The wait a 429 asks for, as the `form.tooMany` message takes it: seconds under two minutes,
 * whole minutes (rounded up) beyond, or `unknown` when the answer did not say.
 */
export function waitOf(problem: Problem | null): {
  unit: 'seconds' | 'minutes' | 'unknown';
  count: number;
} {
  const seconds = problem?.retryAfterSeconds;
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0)
    return { unit: 'unknown', count: 0 };
  if (seconds < 120) return { unit: 'seconds', count: Math.ceil(seconds) };
  return { unit: 'minutes', count: Math.ceil(seconds / 60) };
}
