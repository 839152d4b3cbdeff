import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { CreateOrganizationInput } from '../../../src/modules/network/schemas.ts';
import { english, loadMessages } from '../i18n/locales.ts';
import { fieldErrorMessage } from './field-message.ts';
import { inputProblem } from './input-check.ts';

const wrong = {
  name: 'N'.repeat(201),
  kind: 'cooperative',
  sector: 'agriculture',
  country: 'IN',
  foundingYear: 1700,
  website: 'coop',
  contacts: { email: 'nobody' },
  languages: ['xx'],
};

describe('checking a form with the server’s schema', () => {
  it('gives nothing for an input the schema takes', () => {
    expect(
      inputProblem(CreateOrganizationInput, {
        name: 'Amul',
        kind: 'cooperative',
        sector: 'agriculture',
        country: 'IN',
      }),
    ).toBeNull();
  });

  it('gives every field at fault at once, as the server’s 400 would', () => {
    const problem = inputProblem(CreateOrganizationInput, wrong);
    expect(problem?.status).toBe(400);
    expect(problem?.errors?.map((error) => [error.pointer, error.code, error.params])).toEqual([
      ['/name', 'too-long', { maximum: 200 }],
      ['/languages/0', 'unknown-code', { kind: 'language' }],
      ['/foundingYear', 'too-small', { minimum: 1800, inclusive: true }],
      ['/website', 'invalid-format', { format: 'url' }],
      ['/contacts/email', 'invalid-format', { format: 'email' }],
    ]);
  });

  it('words each in the reader’s language from its code, never the schema’s English', async () => {
    const problem = inputProblem(CreateOrganizationInput, wrong);
    const messages = await loadMessages('fr');
    const intl = createIntl({ locale: 'fr', messages });
    const worded = (problem?.errors ?? []).map((error) => fieldErrorMessage(intl, error));
    expect(worded.every((message) => message.lang === undefined)).toBe(true);
    expect(worded.map((message) => message.message)).toEqual([
      intl.formatMessage({ id: 'form.error.too-long' }, { maximum: 200 }),
      intl.formatMessage({ id: 'form.error.unknown-code' }, { kind: 'language' }),
      intl.formatMessage({ id: 'form.error.too-small' }, { minimum: '1800', inclusive: 'yes' }),
      intl.formatMessage({ id: 'form.error.invalid-format' }, { format: 'url' }),
      intl.formatMessage({ id: 'form.error.invalid-format' }, { format: 'email' }),
    ]);
    expect(worded[3]?.message).toBe(
      'Saisissez une adresse web complète commençant par https:// ou http://.',
    );
    // The English catalogue is not the schema's text: the detail is not what is shown.
    const inEnglish = createIntl({ locale: 'en', messages: english });
    expect(
      fieldErrorMessage(inEnglish, problem?.errors?.[0] ?? { pointer: '', detail: '' }).message,
    ).toBe('Use at most 200 characters.');
    expect(problem?.errors?.[0]?.detail).toBe('Must be at most 200 characters.');
  });
});
