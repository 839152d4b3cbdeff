import type { IntlShape } from 'react-intl';
import type { Problem } from '../api/problem.ts';
import { type FieldMessage, fieldErrorMessage } from './field-message.ts';

export type FieldErrors = Record<string, string>;

/**
 * Splits a problem's errors into those shown beside a field of the form (by JSON pointer, such
 * as `/members/total`) and the rest, shown in the summary. A field shows the first error for it,
 * or for a pointer below it (`/principles/2/score` under `/principles/2/score`).
 * Given `intl`, each is a message in the reader's language (worded from its code), the server's
 * English detail marked as such only for a code this app does not know; without, the details.
 */
export function splitFieldErrors(
  problem: Problem | null,
  fieldPointers: readonly string[],
): { byField: FieldErrors; other: string[] };
export function splitFieldErrors(
  problem: Problem | null,
  fieldPointers: readonly string[],
  intl: IntlShape,
): { byField: Record<string, FieldMessage>; other: FieldMessage[] };
export function splitFieldErrors(
  problem: Problem | null,
  fieldPointers: readonly string[],
  intl?: IntlShape,
): { byField: Record<string, string | FieldMessage>; other: (string | FieldMessage)[] } {
  const byField: Record<string, string | FieldMessage> = {};
  const other: (string | FieldMessage)[] = [];
  for (const error of problem?.errors ?? []) {
    const message = intl ? fieldErrorMessage(intl, error) : error.detail;
    const field = fieldPointers.find(
      (pointer) => error.pointer === pointer || error.pointer.startsWith(`${pointer}/`),
    );
    if (field && byField[field] === undefined) byField[field] = message;
    else if (!field) other.push(message);
  }
  return { byField, other };
}

/** An id for a field from its pointer, for labels and links from the error summary. */
export function fieldId(formId: string, pointer: string): string {
  return `${formId}${pointer.replaceAll('/', '-')}`;
}
