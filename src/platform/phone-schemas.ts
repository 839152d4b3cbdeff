// Pure zod: a phone number as a person types it. It is turned into E.164 (`+919876543210`) by
// `toE164` (platform/phone.ts) on the server, which knows every country's numbering plan; the
// schema only keeps out what no phone number holds.
import { z } from 'zod';
import { hiddenTextIn } from './hidden-text-schemas.ts';

// Digits with spaces, dots, dashes or brackets between them, and `+` first for an
// international number: `+91 98765 43210`, `(020) 7946 0000`, `06.12.34.56.78`.
const phoneCharacters = /^\+?[0-9(][0-9 ().-]*$/;

export const PhoneText = z
  .string()
  .trim()
  .max(32, 'Use at most 32 characters.')
  .superRefine((value, ctx) => {
    const hidden = hiddenTextIn(value);
    if (hidden) {
      ctx.addIssue({
        code: 'custom',
        message: 'Must not contain invisible characters.',
        params: { code: 'hidden-characters', reason: hidden },
      });
    } else if (!phoneCharacters.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Use the international format, such as +919876543210.',
        params: { code: 'invalid-format', format: 'phone' },
      });
    }
  })
  .meta({
    description:
      'A phone number: international, starting with + and the country code, or national with defaultCountry. Stored and answered in E.164.',
  });
