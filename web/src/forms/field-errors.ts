import type { Problem } from '../api/problem.ts';

export type FieldErrors = Record<string, string>;

/**
 * Splits a problem's errors into those shown beside a field of the form (by JSON pointer, such
 * as `/members/total`) and the rest, shown in the summary. A field shows the first error for it,
 * or for a pointer below it (`/principles/2/score` under `/principles/2/score`).
 */
export function splitFieldErrors(
  problem: Problem | null,
  fieldPointers: readonly string[],
): { byField: FieldErrors; other: string[] } {
  const byField: FieldErrors = {};
  const other: string[] = [];
  for (const error of problem?.errors ?? []) {
    const field = fieldPointers.find(
      (pointer) => error.pointer === pointer || error.pointer.startsWith(`${pointer}/`),
    );
    if (field && byField[field] === undefined) byField[field] = error.detail;
    else if (!field) other.push(error.detail);
  }
  return { byField, other };
}

/** An id for a field from its pointer, for labels and links from the error summary. */
export function fieldId(formId: string, pointer: string): string {
  return `${formId}${pointer.replaceAll('/', '-')}`;
}
