// Pure: a zod issue as the field error the API sends (pointer, code, params and an English
// detail). The server words its 400s with it, and the web app checks a form with the server's own
// schemas and words what it finds with the very same codes, before anything is sent.

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

export type IssueParams = Record<string, string | number | boolean>;

/** A field error as zod's issue gives it, before the server words its detail in a language. */
export type IssueFieldError = {
  pointer: string;
  detail: string;
  code: string;
  params?: IssueParams;
};

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

/** Says whether a custom refinement's `params.code` is a code the reader of the error knows. */
export type KnownCode = (code: string) => boolean;

function plain(params: unknown): IssueParams {
  const result: IssueParams = {};
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
  isKnown: KnownCode,
): { code: string; params?: IssueParams } {
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
      return inner ? codeOfIssue(inner, false, isKnown) : { code: 'invalid' };
    }
    case 'custom': {
      const { code, ...params } = plain(issue.params);
      return typeof code === 'string' && isKnown(code) ? { code, params } : { code: 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}

function escapePart(part: PropertyKey): string {
  return String(part).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A JSON pointer to the value at a zod issue's path. */
export function pointerOf(path: ReadonlyArray<PropertyKey>): string {
  return `/${path.map(escapePart).join('/')}`;
}

/** The value a JSON pointer names in an input, undefined where there is none. */
export function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const part of pointer.split('/').slice(1)) {
    if (part === '') continue;
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return value;
}

function withArticle(word: string): string {
  if (word === 'undefined' || word === 'null') return word === 'null' ? 'null' : 'missing';
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

/** Zod's default texts for a wrong type are terse; they say what was expected in words. */
export function humanizeIssueMessage(message: string): string {
  const wrongType = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (wrongType?.[1] && wrongType[2]) {
    return `Must be ${withArticle(wrongType[1])}, not ${withArticle(wrongType[2])}.`;
  }
  const options = /^Invalid option: expected one of (.+)$/.exec(message);
  if (options?.[1])
    return `Must be one of: ${options[1].replaceAll('"', '').split('|').join(', ')}.`;
  return message;
}

/** One zod issue as field errors (one per unknown key), with codes; `missing` from the input. */
export function fieldErrorsOfIssue(
  issue: IssueLike,
  pointer: string,
  missing: boolean,
  isKnown: KnownCode,
): IssueFieldError[] {
  if (issue.code === 'unrecognized_keys') {
    return (Array.isArray(issue.keys) ? issue.keys : []).map((key) => ({
      pointer: `${pointer.replace(/\/$/, '')}/${escapePart(String(key))}`,
      detail: 'Unknown field: remove it or check its spelling.',
      code: 'unknown-field',
      params: { field: String(key) },
    }));
  }
  const { code, params } = codeOfIssue(issue, missing, isKnown);
  return [
    {
      pointer,
      detail: humanizeIssueMessage(issue.message),
      code,
      ...(params && Object.keys(params).length > 0 ? { params } : {}),
    },
  ];
}

/**
 * Every field error of an input a schema refused, as the API would send them for the same body:
 * each issue at its pointer, missing values told from wrong ones by looking at the input.
 */
export function fieldErrorsOfInput(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code: string; message: string }>,
  input: unknown,
  isKnown: KnownCode,
): IssueFieldError[] {
  return issues.flatMap((issue) => {
    const pointer = pointerOf(issue.path);
    return fieldErrorsOfIssue(
      issue as unknown as IssueLike,
      pointer,
      valueAt(input, pointer) === undefined,
      isKnown,
    );
  });
}
