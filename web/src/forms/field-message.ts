import type { IntlShape } from 'react-intl';
import type { FieldErrorEntry } from '../api/problem.ts';
import type { MessageId } from '../i18n/locales.ts';

/**
 * A message shown for a field. `lang` is set only for the server's own detail, used when its code
 * is one this app does not know: the language the server answered in.
 */
export type FieldMessage = { message: string; lang?: string };

/** A field's error as the pages hand it over: their own text (in the reader's language) or a message. */
export type FieldErrorText = string | FieldMessage;

/** The text of a field error, whichever form it takes. */
export function messageText(error: FieldErrorText | undefined): string | undefined {
  return typeof error === 'string' ? error : error?.message;
}

/** The language to mark a field error with: only a message not in the reader's language has one. */
export function messageLang(error: FieldErrorText | undefined): string | undefined {
  return typeof error === 'string' ? undefined : error?.lang;
}

type Params = NonNullable<FieldErrorEntry['params']>;

// Each code the server documents, with its message and the params the message needs.
const messages: Record<string, { id: MessageId; needs?: string[] }> = {
  required: { id: 'form.error.required' },
  'invalid-type': { id: 'form.error.invalid-type', needs: ['expected'] },
  'too-short': { id: 'form.error.too-short', needs: ['minimum'] },
  'too-long': { id: 'form.error.too-long', needs: ['maximum'] },
  'too-few': { id: 'form.error.too-few', needs: ['minimum'] },
  'too-many': { id: 'form.error.too-many', needs: ['maximum'] },
  'too-small': { id: 'form.error.too-small', needs: ['minimum'] },
  'too-big': { id: 'form.error.too-big', needs: ['maximum'] },
  'invalid-format': { id: 'form.error.invalid-format', needs: ['format'] },
  'invalid-option': { id: 'form.error.invalid-option' },
  'unknown-field': { id: 'form.error.unknown-field', needs: ['field'] },
  markup: { id: 'form.error.markup' },
  'control-characters': { id: 'form.error.control-characters' },
  'hidden-characters': { id: 'form.error.hidden-characters', needs: ['reason'] },
  'invalid-encoding': { id: 'form.error.invalid-encoding' },
  'unknown-code': { id: 'form.error.unknown-code', needs: ['kind'] },
  duplicate: { id: 'form.error.duplicate' },
  'paired-parameters': { id: 'form.error.paired-parameters', needs: ['with'] },
  'members-exceed-total': { id: 'form.error.members-exceed-total' },
  'end-before-start': { id: 'form.error.end-before-start' },
  'same-organization': { id: 'form.error.same-organization' },
  'organization-not-found': { id: 'form.error.organization-not-found' },
  'project-not-found': { id: 'form.error.project-not-found' },
  'affiliation-cycle': { id: 'form.error.affiliation-cycle' },
  'invalid-cursor': { id: 'form.error.invalid-cursor' },
  'weak-password': { id: 'form.error.weak-password', needs: ['reason'] },
  'guessable-password': { id: 'form.error.guessable-password', needs: ['cause'] },
  'country-in-use': { id: 'form.error.country-in-use', needs: ['countries'] },
  'country-not-in-project': { id: 'form.error.country-not-in-project', needs: ['countries'] },
  'currency-required': { id: 'form.error.currency-required' },
  'currency-not-allowed': { id: 'form.error.currency-not-allowed' },
  'unit-mismatch': { id: 'form.error.unit-mismatch' },
  'whole-number-required': { id: 'form.error.whole-number-required' },
  'too-many-decimals': { id: 'form.error.too-many-decimals', needs: ['currency', 'maximum'] },
  'negative-amount': { id: 'form.error.negative-amount' },
  'amount-too-large': { id: 'form.error.amount-too-large', needs: ['currency', 'largest'] },
  'currency-without-minor-unit': {
    id: 'form.error.currency-without-minor-unit',
    needs: ['currency'],
  },
  'role-scope-mismatch': { id: 'form.error.role-scope-mismatch' },
  'role-already-held': { id: 'form.error.role-already-held' },
  'scope-id-not-allowed': { id: 'form.error.scope-id-not-allowed' },
  'scope-id-required': { id: 'form.error.scope-id-required' },
  'demo-email-domain': { id: 'form.error.demo-email-domain', needs: ['domain'] },
  'invalid-image': { id: 'form.error.invalid-image', needs: ['reason'] },
  'invalid-phone': { id: 'form.error.invalid-phone', needs: ['reason'] },
};

function camelCase(value: string): string {
  return value.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

// Bounds of numbers: years (1800) read best ungrouped, large limits (20,000 km) grouped.
function bound(intl: IntlShape, value: string | number | boolean): string {
  const number = Number(value);
  return intl.formatNumber(number, { useGrouping: Math.abs(number) >= 10_000 });
}

/**
 * A field error from the server in the reader's language, worded from its code and params; the
 * server's detail, marked with its language, for a code this app does not know.
 */
export function fieldErrorMessage(
  intl: IntlShape,
  error: Pick<FieldErrorEntry, 'detail' | 'code' | 'params' | 'language'>,
): FieldMessage {
  const known = error.code ? messages[error.code] : undefined;
  const params: Params = error.params ?? {};
  if (!known || !(known.needs ?? []).every((name) => params[name] !== undefined)) {
    return { message: error.detail, lang: error.language ?? 'en' };
  }
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) values[name] = String(value);
  // ICU selectors are plain words: `country-code` is chosen as `countryCode`.
  for (const name of ['expected', 'format', 'kind', 'reason', 'cause'] as const) {
    if (params[name] !== undefined) values[name] = camelCase(String(params[name]));
  }
  // Counts go to plurals as numbers; bounds of values and dates are formatted here.
  for (const name of ['minimum', 'maximum'] as const) {
    if (params[name] === undefined) continue;
    values[name] =
      error.code === 'too-small' || error.code === 'too-big'
        ? bound(intl, params[name])
        : Number(params[name]);
  }
  // An exact decimal string (the largest amount a currency may have): formatted as a string, so
  // no digit is lost to a float.
  if (typeof params.largest === 'string' && /^\d+(\.\d+)?$/.test(params.largest)) {
    values.largest = intl.formatNumber(params.largest as `${number}`, {
      maximumFractionDigits: 20,
    });
  }
  if (error.code === 'end-before-start') {
    const start = typeof params.start === 'string' ? new Date(`${params.start}T00:00:00Z`) : null;
    values.start =
      start && !Number.isNaN(start.getTime())
        ? intl.formatDate(start, { dateStyle: 'long', timeZone: 'UTC' })
        : '';
    values.hasStart = values.start ? 'yes' : 'no';
  }
  if (error.code === 'too-small' || error.code === 'too-big') {
    values.inclusive = params.inclusive === false ? 'no' : 'yes';
  }
  return { message: intl.formatMessage({ id: known.id }, values) };
}
