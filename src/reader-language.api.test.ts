// Answers in the reader's language: the request's Accept-Language first, then the instance's
// default; each answer says which (Content-Language). Field errors keep their code and params,
// their detail in that language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, startTestApi, type TestApi } from '../test/test-api.ts';

let api: TestApi;

const missing = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';
const devanagari = /[\u0900-\u097F]/;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const missingOrganization = (headers: Record<string, string> = {}, agent?: Agent) =>
  (agent ? agent.request : api.app.inject.bind(api.app))({
    method: 'GET',
    url: `/api/network/organizations/${missing}`,
    headers,
  });

describe('without Accept-Language or a preference', () => {
  it('answers in English, and says so', async () => {
    const response = await missingOrganization();
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-language']).toBe('en');
    expect(String(response.headers.vary)).toMatch(/accept-language/i);
    expect(response.json()).toMatchObject({
      title: 'Not found',
      detail: `There is no organization with id ${missing}.`,
    });
    const list = await api.app.inject({ method: 'GET', url: '/api/network/organizations' });
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-language']).toBe('en');
  });
});

describe('Accept-Language', () => {
  it('words a 404 in French', async () => {
    const response = await missingOrganization({ 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-language']).toBe('fr');
    expect(response.json()).toMatchObject({
      type: 'urn:intercoop:problem:not-found',
      title: 'Introuvable',
      detail: `Il n’y a aucune organisation avec l’identifiant ${missing}.`,
    });
  });

  it('words Hindi in Devanagari, the problem and each field error', async () => {
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/network/organizations',
      headers: { 'accept-language': 'hi-IN' },
      payload: { name: 'x'.repeat(201), kind: 'cooperative', country: 'IN', sector: 'housing' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-language']).toBe('hi');
    const body = response.json();
    expect(body.title).toMatch(devanagari);
    expect(body.detail).toMatch(devanagari);
    expect(body.errors[0]).toMatchObject({
      pointer: '/name',
      code: 'too-long',
      params: { maximum: 200 },
      detail: 'अधिकतम 200 अक्षर लिखें।',
    });
  });

  it('words field errors in the same language, keeping their codes and params', async () => {
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/network/organizations',
      headers: { 'accept-language': 'es' },
      payload: {
        name: 'Nombre',
        kind: 'cooperative',
        country: 'ES',
        sector: 'housing',
        contacts: { email: 'nadie' },
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      title: 'La solicitud no es válida',
      detail: 'El cuerpo de la solicitud tiene un campo que corregir; vea errors.',
      errors: [
        {
          pointer: '/contacts/email',
          code: 'invalid-format',
          params: { format: 'email' },
          detail: 'Use una dirección de correo, como nombre@coop.example.',
        },
      ],
    });
  });

  it('falls back to English for a language this instance does not ship', async () => {
    const response = await missingOrganization({ 'accept-language': 'pt-BR, de;q=0.8' });
    expect(response.headers['content-language']).toBe('en');
    expect(response.json().detail).toBe(`There is no organization with id ${missing}.`);
  });

  it('words problems the framework raises, before any route runs', async () => {
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/network/organizations',
      headers: { 'accept-language': 'fr', 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-language']).toBe('fr');
    expect(response.json().detail).toMatch(/n’est pas du JSON valide/);
  });
});

describe('an instance whose default language is French', () => {
  let french: TestApi;
  beforeAll(async () => {
    french = await startTestApi({ DEFAULT_LANGUAGE: 'fr' });
  });
  afterAll(async () => {
    await french?.close();
  });

  it('answers in French those who ask for no language', async () => {
    const response = await french.app.inject({ method: 'GET', url: '/api/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-language']).toBe('fr');
    expect(response.json().detail).toBe('Il n’y a rien à l’adresse /api/nowhere.');
    const english = await french.app.inject({
      method: 'GET',
      url: '/api/nowhere',
      headers: { 'accept-language': 'en-GB' },
    });
    expect(english.json().detail).toBe('There is nothing at /api/nowhere.');
  });
});
