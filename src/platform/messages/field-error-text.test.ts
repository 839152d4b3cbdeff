import { describe, expect, it } from 'vitest';
import '../../modules.ts';
import { type FieldError, fieldErrorCodes } from '../field-errors.ts';
import { fieldErrorDetail } from './field-error-text.ts';
import { shippedLanguages } from './platform-messages.ts';

// The params each code comes with (see platform/field-errors.ts), for one error of each code.
const params: Record<string, FieldError['params']> = {
  'invalid-type': { expected: 'number' },
  'too-short': { minimum: 3 },
  'too-long': { maximum: 200 },
  'too-few': { minimum: 1 },
  'too-many': { maximum: 20 },
  'too-small': { minimum: 1800, inclusive: true },
  'too-big': { maximum: 20000, inclusive: false },
  'invalid-format': { format: 'country-code' },
  'invalid-option': { options: 'cooperative, federation' },
  'unknown-field': { field: 'colour' },
  'unknown-code': { kind: 'currency' },
  'paired-parameters': { with: 'near' },
  'end-before-start': { start: '2024-02-01' },
  'weak-password': { reason: 'contains-email' },
  'country-in-use': { countries: 'IN, KE' },
  'country-not-in-project': { countries: 'IN, KE' },
  'currency-not-allowed': { unit: 'people' },
  'unit-mismatch': { unit: 'people' },
  'too-many-decimals': { currency: 'USD', maximum: 2 },
  'role-scope-mismatch': { role: 'buyer', scopes: 'network' },
  'scope-id-required': { scopeType: 'organization' },
  'demo-email-domain': { domain: 'demo.intercoop.localhost' },
  'invalid-image': { reason: 'too-large' },
  'hidden-characters': { reason: 'direction-control' },
  'guessable-password': { cause: 'keyboard-pattern' },
  'amount-too-large': { currency: 'USD', largest: '92233720368547758.07' },
  'currency-without-minor-unit': { currency: 'XDR' },
  'invalid-phone': { reason: 'not-valid-for-country', country: 'IN' },
  'formula-syntax': { at: 9 },
  'formula-not-allowed': { what: '()' },
  'formula-too-deep': { limit: 32 },
  'formula-cycle': { path: 'margin → margin' },
  'indicator-unknown': { codes: 'equity' },
  'indicator-computed': { inputs: 'surplus, revenue' },
  'wrong-periodicity': { periodicity: 'quarter' },
  'out-of-range': { minimum: 0, maximum: 100 },
};

const errorOf = (code: FieldError['code']): FieldError => ({
  pointer: '/field',
  detail: 'As written where it was raised.',
  code,
  ...(params[code] ? { params: params[code] } : {}),
});

describe('a field error in the reader’s language', () => {
  it('keeps the English detail as written', () => {
    expect(fieldErrorDetail('en', errorOf('too-long'))).toBe('As written where it was raised.');
  });

  it.each(shippedLanguages.filter((language) => language !== 'en'))(
    'words every code in %s from its code and params',
    (language) => {
      for (const code of fieldErrorCodes()) {
        const text = fieldErrorDetail(language, errorOf(code));
        expect(text, code).not.toBe('As written where it was raised.');
        expect(text.length, code).toBeGreaterThan(3);
      }
    },
  );

  it('puts the params in, as the language writes numbers and dates', () => {
    expect(fieldErrorDetail('fr', errorOf('too-long'))).toBe('Utilisez au plus 200 caractères.');
    expect(fieldErrorDetail('fr', errorOf('too-small'))).toBe(
      'Utilisez une valeur d’au moins 1800.',
    );
    expect(fieldErrorDetail('fr', errorOf('too-big'))).toBe(
      'Utilisez une valeur inférieure à 20\u202f000.',
    );
    expect(fieldErrorDetail('es', errorOf('end-before-start'))).toBe(
      'No puede terminar antes de empezar, el 1 de febrero de 2024.',
    );
    expect(fieldErrorDetail('hi', errorOf('invalid-format'))).toMatch(/देश कोड/);
    expect(fieldErrorDetail('fr', errorOf('invalid-phone'))).toBe(
      'Ce numéro de téléphone n’est pas valide pour IN : vérifiez ses chiffres.',
    );
    for (const language of shippedLanguages.filter((language) => language !== 'en')) {
      const needed = fieldErrorDetail(language, {
        ...errorOf('invalid-phone'),
        params: { reason: 'country-needed' },
      });
      expect(needed, language).toContain('+91 98765 43210');
    }
  });

  it('keeps the detail as written for a code it cannot word, or params it lacks', () => {
    const unknown = { ...errorOf('invalid'), code: 'name-characters' } as unknown as FieldError;
    expect(fieldErrorDetail('fr', unknown)).toBe('As written where it was raised.');
    const bare: FieldError = { pointer: '/x', detail: 'As written.', code: 'too-long' };
    expect(fieldErrorDetail('fr', bare)).toBe('As written.');
  });
});
