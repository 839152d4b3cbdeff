// Phone numbers in E.164 (`+919876543210`): the one form stored and compared, so that the same
// phone typed as `098765 43210` in India or `+91 98765-43210` is one number. Parsed and checked
// against each country's numbering plan by libphonenumber-js (its full metadata: a number must
// be one its country gives out, not only of the right length).
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { AppError } from './errors.ts';
import { platformMessage } from './messages/platform-messages.ts';

export type PhoneFault = 'country-needed' | 'not-a-number' | 'not-valid-for-country';

/** The number in E.164, or what is wrong with it. `text` is already of phone characters. */
export function parsePhone(
  text: string,
  defaultCountry?: string,
): { ok: true; e164: string } | { ok: false; reason: PhoneFault; country?: string } {
  const international = text.startsWith('+');
  if (!international && !defaultCountry) return { ok: false, reason: 'country-needed' };
  // Only the text a schema let through (digits and separators) reaches here, so the parser's
  // leniency (it finds a number inside any text) finds nothing that was not typed as one.
  const parsed = parsePhoneNumberFromString(
    text,
    international
      ? undefined
      : (defaultCountry as Parameters<typeof parsePhoneNumberFromString>[1]),
  );
  if (!parsed) return { ok: false, reason: 'not-a-number' };
  if (!parsed.isValid()) {
    const country = parsed.country ?? (international ? undefined : defaultCountry);
    return country
      ? { ok: false, reason: 'not-valid-for-country', country }
      : { ok: false, reason: 'not-a-number' };
  }
  return { ok: true, e164: parsed.number };
}

const details: Record<PhoneFault, string> = {
  'country-needed':
    'Start with + and the country code, such as +91 98765 43210, or give defaultCountry.',
  'not-a-number': 'This is not a phone number: check its digits and its country code.',
  'not-valid-for-country': 'This is not a valid phone number in its country: check its digits.',
};

/** The number in E.164; a 400 with the field error `invalid-phone` at `pointer` otherwise. */
export function toE164(text: string, defaultCountry: string | undefined, pointer: string): string {
  const result = parsePhone(text, defaultCountry);
  if (result.ok) return result.e164;
  throw new AppError(
    'validation-failed',
    platformMessage('problem.fields-to-correct', { place: 'body', count: 1 }),
    {
      errors: [
        {
          pointer,
          detail: details[result.reason],
          code: 'invalid-phone',
          params: { reason: result.reason, ...(result.country ? { country: result.country } : {}) },
        },
      ],
    },
  );
}
