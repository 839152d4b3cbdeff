import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { fieldErrorMessage } from '../forms/field-message.ts';
import { english } from '../i18n/locales.ts';
import { problemFromResponse, problemLanguage } from './problem.ts';

const answer = (body: unknown, headers: Record<string, string>) =>
  new Response(JSON.stringify(body), {
    status: 400,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

const body = {
  type: 'urn:intercoop:problem:validation-failed',
  title: 'La requête n’est pas valide',
  status: 400,
  detail: 'Le corps de la requête a un champ à corriger ; voir errors.',
  errors: [{ pointer: '/name', detail: 'Nom refusé.', code: 'a-code-added-later' }],
};

describe('a problem from the server', () => {
  it('carries the language it is worded in, to mark its words and its fields’ with', async () => {
    const problem = (await problemFromResponse(answer(body, { 'content-language': 'fr' }))).problem;
    expect(problemLanguage(problem)).toBe('fr');
    const intl = createIntl({ locale: 'en', messages: english });
    const [field] = problem.errors ?? [];
    expect(field && fieldErrorMessage(intl, field)).toEqual({ message: 'Nom refusé.', lang: 'fr' });
  });

  it('is taken as English from a server that does not say', async () => {
    const problem = (await problemFromResponse(answer(body, {}))).problem;
    expect(problemLanguage(problem)).toBe('en');
    expect(problem.errors?.[0]?.language).toBeUndefined();
  });
});
