// A field error's detail in the reader's language, worded from its code and params by the
// platform's catalogue (`field.<code>`). English keeps the detail written where the error was
// raised, which often says more than the code; a code the catalogue does not word yet (one added
// since) keeps it in every language.
import { catalogueOfCode, type FieldError } from '../field-errors.ts';
import { type Message, type MessageParams, selectorOf, sourceLanguage } from './catalogue.ts';
import { platformMessages } from './platform-messages.ts';

// Params that choose among wordings (`country-code` is chosen as `countryCode`).
const selectors = new Set(['expected', 'format', 'kind', 'reason', 'cause']);
// Counts go to plurals as numbers; other bounds are values, written as the language writes them.
const countedCodes = new Set(['too-short', 'too-long', 'too-few', 'too-many', 'too-many-decimals']);

function valuesOf(language: string, error: FieldError): MessageParams {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.params ?? {})) {
    if (selectors.has(name)) values[name] = selectorOf(String(value));
    else if ((name === 'minimum' || name === 'maximum') && countedCodes.has(error.code))
      values[name] = Number(value);
    else if (name === 'minimum' || name === 'maximum') {
      const bound = Number(value);
      // Years (1800) read best ungrouped, large limits (20,000 km) grouped.
      values[name] = new Intl.NumberFormat(language, {
        useGrouping: Math.abs(bound) >= 10_000,
      }).format(bound);
    } else if (name === 'inclusive') values[name] = value === false ? 'no' : 'yes';
    else values[name] = String(value);
  }
  if (error.code === 'end-before-start') {
    const start = typeof values.start === 'string' ? new Date(`${values.start}T00:00:00Z`) : null;
    const known = start !== null && !Number.isNaN(start.getTime());
    values.start = known
      ? new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(start)
      : '';
    values.hasStart = known ? 'yes' : 'no';
  }
  if ((error.code === 'too-small' || error.code === 'too-big') && values.inclusive === undefined)
    values.inclusive = 'yes';
  return values;
}

export function fieldErrorDetail(language: string, error: FieldError): string {
  const key = `field.${error.code}`;
  // A module's code is worded by the module's catalogue, the platform's by the platform's.
  const messages = catalogueOfCode(error.code) ?? platformMessages;
  if (language === sourceLanguage || !messages.has(key)) return error.detail;
  try {
    return messages.format(language, key, valuesOf(language, error));
  } catch {
    // Params the wording needs are missing: the detail as written says what is wrong.
    return error.detail;
  }
}

/** A field error as a message, for a problem whose detail is that one field's. */
export function fieldErrorMessage(error: FieldError): Message {
  return {
    key: `field.${error.code}`,
    params: Object.fromEntries(
      Object.entries(error.params ?? {}).map(([name, value]) => [name, String(value)]),
    ),
    word: (language) => fieldErrorDetail(language, error),
  };
}
