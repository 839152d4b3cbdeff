// A field error carries, beside its English `detail` for people reading the API, a stable `code`
// and the `params` it needs, from which a client words the message in its reader's language.
// The codes are a contract (listed in the OpenAPI Problem schema): add codes, never rename one.

import type { Catalogue } from './messages/catalogue.ts';

/** The platform's codes: the shape of any input, and what the platform itself checks. */
export const platformFieldErrorCodes = [
  // From the shape of the input.
  'required',
  'invalid-type',
  'too-short',
  'too-long',
  'too-few',
  'too-many',
  'too-small',
  'too-big',
  'invalid-format',
  'invalid-option',
  'unknown-field',
  'markup',
  'control-characters',
  'hidden-characters',
  'invalid-encoding',
  'unknown-code',
  'duplicate',
  'paired-parameters',
  'invalid-cursor',
  'end-before-start',
  // Phones (platform/phone.ts).
  'invalid-phone',
  // Money (platform/money.ts).
  'too-many-decimals',
  'negative-amount',
  'amount-too-large',
  'currency-without-minor-unit',
  // Anything else: the detail alone says what is wrong.
  'invalid',
] as const;

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

// A regular expression says nothing to a client; the patterns the schemas use, by what they check.
const regexFormats: Record<string, string> = {
  '/^\\+[1-9][0-9]{6,14}$/': 'phone',
  '/^[A-Z]{2}$/': 'country-code',
  '/^[a-z]{2}$/': 'language-code',
  '/^[A-Z]{3}$/': 'currency-code',
  '/^-?\\d{1,2}(\\.\\d+)?,-?\\d{1,3}(\\.\\d+)?$/': 'coordinates',
};

const collectionOrigins = new Set(['array', 'set', 'record', 'map']);

/** An issue as zod raises it, or as the HTTP layer hands it over (code, params and message). */
export type IssueLike = { code: string; message: string; [key: string]: unknown };

function plain(params: unknown): FieldErrorParams {
  const result: FieldErrorParams = {};
  if (typeof params !== 'object' || params === null) return result;
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      result[key] = value;
  }
  return result;
}

/**
 * The code and params of one zod issue. `missing` says the value at the issue's path was absent
 * (zod itself only says so in its English message).
 */
export function codeOfIssue(
  issue: IssueLike,
  missing: boolean,
): { code: FieldErrorCode; params?: FieldErrorParams } {
  switch (issue.code) {
    case 'invalid_type':
      return missing
        ? { code: 'required' }
        : { code: 'invalid-type', params: { expected: String(issue.expected) } };
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return { code: 'too-short', params: { minimum } };
      if (collectionOrigins.has(String(issue.origin)))
        return { code: 'too-few', params: { minimum } };
      return { code: 'too-small', params: { minimum, inclusive: issue.inclusive !== false } };
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too-long', params: { maximum } };
      if (collectionOrigins.has(String(issue.origin)))
        return { code: 'too-many', params: { maximum } };
      return { code: 'too-big', params: { maximum, inclusive: issue.inclusive !== false } };
    }
    case 'invalid_format': {
      const format =
        issue.format === 'regex'
          ? (regexFormats[String(issue.pattern)] ?? 'pattern')
          : String(issue.format);
      return { code: 'invalid-format', params: { format } };
    }
    case 'invalid_value':
      return {
        code: 'invalid-option',
        params: {
          options: (Array.isArray(issue.values) ? issue.values : []).map(String).join(', '),
        },
      };
    case 'invalid_key':
    case 'invalid_element': {
      const inner = (issue.issues as IssueLike[] | undefined)?.[0];
      return inner ? codeOfIssue(inner, false) : { code: 'invalid' };
    }
    case 'custom': {
      const { code, ...params } = plain(issue.params);
      return isFieldErrorCode(code) ? { code, params } : { code: 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
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
