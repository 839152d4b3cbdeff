// Pure zod: a country as ISO 3166-1 alpha-2, for any module's inputs (and the web app's forms).
import countries from 'i18n-iso-countries';
import { z } from 'zod';

export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166-1 country code in capitals, such as IN or ES.')
  .refine((code) => countries.isValid(code), {
    message: 'This is not an ISO 3166-1 country code; use one such as IN, ES or LR.',
    params: { code: 'unknown-code', kind: 'country' },
  });
