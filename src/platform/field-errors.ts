// A field error carries, beside its English `detail` for people reading the API, a stable `code`
// and the `params` it needs, from which a client words the message in its reader's language.
// The codes are a contract (listed in the OpenAPI Problem schema): add codes, never rename one.

import {
  codeOfIssue as codeOfIssueFor,
  type IssueLike,
  platformFieldErrorCodes,
} from './field-error-schemas.ts';
import type { Catalogue } from './messages/catalogue.ts';

export type { IssueLike };

export { platformFieldErrorCodes };

/**
 * The codes of the modules' rules, each module adding its own in its module.ts (declaration
 * merging), so that a code nothing declares is a type error. The values are unused.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the modules' module.ts files fill it
export interface ModuleFieldErrorCodes {}

export type FieldErrorCode = (typeof platformFieldErrorCodes)[number] | keyof ModuleFieldErrorCodes;
export type FieldErrorParams = Record<string, string | number | boolean>;
export type FieldError = {
  pointer: string;
  /** Where the field is, when not in the body: a query or path parameter, or a header. */
  in?: 'query' | 'path' | 'header';
  detail: string;
  code: FieldErrorCode;
  params?: FieldErrorParams;
};

type DeclaredCode = { module: string; params: string; messages: Catalogue<string> | undefined };

const declaredCodes = new Map<string, DeclaredCode>(
  platformFieldErrorCodes.map((code) => [
    code,
    { module: 'platform', params: '', messages: undefined },
  ]),
);

/**
 * Declares a module's codes (platform/modules.ts, from its manifest), each with the params it
 * carries as the API describes them (`{maximum}`), worded by `field.<code>` in its catalogue.
 */
export function declareFieldErrorCodes(
  module: string,
  codes: Readonly<Record<string, string>>,
  messages: Catalogue<string>,
): void {
  for (const [code, params] of Object.entries(codes)) {
    const known = declaredCodes.get(code);
    if (known) throw new Error(`the field-error code ${code} of ${module} is ${known.module}'s`);
    if (!messages.has(`field.${code}`))
      throw new Error(`${module} declares the field-error code ${code} without field.${code}`);
    declaredCodes.set(code, { module, params, messages });
  }
}

/** Every code there is: the platform's, then the modules', in the order declared. */
export function fieldErrorCodes(): FieldErrorCode[] {
  return [...declaredCodes.keys()] as FieldErrorCode[];
}

/** The modules' codes with the params each carries, for the API's description. */
export function moduleFieldErrorCodes(): Array<{ code: string; params: string }> {
  return [...declaredCodes.entries()]
    .filter(([, declared]) => declared.module !== 'platform')
    .map(([code, declared]) => ({ code, params: declared.params }));
}

/** The catalogue that words a module's code; undefined for the platform's own. */
export function catalogueOfCode(code: string): Catalogue<string> | undefined {
  return declaredCodes.get(code)?.messages;
}

export function isFieldErrorCode(value: unknown): value is FieldErrorCode {
  return typeof value === 'string' && declaredCodes.has(value);
}

/**
 * The code and params of one zod issue. `missing` says the value at the issue's path was absent
 * (zod itself only says so in its English message).
 */
export function codeOfIssue(
  issue: IssueLike,
  missing: boolean,
): { code: FieldErrorCode; params?: FieldErrorParams } {
  // The mapping is pure (field-error-schemas.ts, which the web app shares); a custom code counts
  // only when a module declared it.
  return codeOfIssueFor(issue, missing, isFieldErrorCode) as {
    code: FieldErrorCode;
    params?: FieldErrorParams;
  };
}

/** The code of an issue from a use case's own parse, where only zod's message says what was received. */
export function codeOfZodIssue(issue: { code: string; message: string }): {
  code: FieldErrorCode;
  params?: FieldErrorParams;
} {
  return codeOfIssue(
    issue as IssueLike,
    issue.code === 'invalid_type' && / received undefined$/.test(issue.message),
  );
}
