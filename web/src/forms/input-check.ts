// A form checks what it is about to send with the server's own schema (a module's pure
// `schemas.ts` or `<name>-schemas.ts`), so that every field at fault is shown in one round, worded
// from the same codes and params the server's 400 would carry (field-message.ts). The schemas
// weigh tens of KB with zod: a form loads them with its own code, never the entry chunk, starting
// as it is shown, and sends unchecked (the server checks again anyway) if they cannot be loaded.
import { useCallback, useEffect, useRef } from 'react';
import { fieldErrorsOfInput } from '../../../src/platform/field-error-schemas.ts';
import type { Problem } from '../api/problem.ts';

/** What a form needs of a zod schema: its safe parse. */
export type InputSchema = {
  safeParse(input: unknown):
    | { success: true }
    | {
        success: false;
        error: {
          issues: ReadonlyArray<{ path: PropertyKey[]; code: string; message: string }>;
        };
      };
};

/**
 * The problem the server would answer for an input its schema refuses (400, each field by its
 * pointer, with its code and params), or null when the schema takes the input.
 */
export function inputProblem(schema: InputSchema, input: unknown): Problem | null {
  const result = schema.safeParse(input);
  if (result.success) return null;
  // Every code is kept: one this app does not word falls back to the English detail, marked so.
  const errors = fieldErrorsOfInput(result.error.issues, input, () => true).map((error) => ({
    ...error,
    language: 'en',
  }));
  return {
    type: 'urn:intercoop:problem:validation-failed',
    title: '',
    status: 400,
    errors,
  };
}

/**
 * A form's schemas, loaded once as the form is shown (`load` is a module-level `() =>
 * import(...)`); the function it returns waits for them, and gives null when they could not be
 * loaded (offline, or a new build replaced the chunk), so that the form sends unchecked.
 */
export function useSchemas<Schemas>(load: () => Promise<Schemas>): () => Promise<Schemas | null> {
  const loading = useRef<Promise<Schemas | null> | null>(null);
  const schemas = useCallback(() => {
    loading.current ??= load().catch(() => null);
    return loading.current;
  }, [load]);
  useEffect(() => {
    void schemas();
  }, [schemas]);
  return schemas;
}
