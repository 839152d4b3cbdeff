// Answers and mail in the reader's language: the request's Accept-Language first, then the
// signed-in account's preferred language, then the instance's default; each answer says which
// (Content-Language). Field errors keep their code and params, their detail in that language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFrom } from '../test/mail-sink.ts';
import { type Agent, startTestApi, type TestApi } from '../test/test-api.ts';

let api: TestApi;
let organizationId: string;
const missing = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';
const devanagari = /[\u0900-\u097F]/;

beforeAll(async () => {
  api = await startTestApi();
  organizationId = await api.createOrganization({ name: 'Languages Cooperative' });
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

async function adminOfTheCooperative(preferredLanguage: string | null): Promise<Agent> {
  const agent = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
  ]);
  const set = await agent.request({
    method: 'PATCH',
    url: '/api/auth/me',
    payload: { preferredLanguage },
  });
  expect(set.statusCode, set.body).toBe(200);
  expect(set.json().preferredLanguage).toBe(preferredLanguage);
  return agent;
}

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

describe('an account’s preferred language', () => {
  it('is set on the account and words answers that ask for no language', async () => {
    const person = await adminOfTheCooperative('fr');
    const me = await person.request({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().preferredLanguage).toBe('fr');
    const response = await missingOrganization({}, person);
    expect(response.headers['content-language']).toBe('fr');
    expect(response.json().detail).toBe(
      `Il n’y a aucune organisation avec l’identifiant ${missing}.`,
    );
  });

  it('gives way to Accept-Language', async () => {
    const person = await adminOfTheCooperative('fr');
    const spanish = await missingOrganization({ 'accept-language': 'es' }, person);
    expect(spanish.headers['content-language']).toBe('es');
    expect(spanish.json().detail).toBe(
      `No hay ninguna organización con el identificador ${missing}.`,
    );
    // A language not shipped is no choice: the account's preference decides.
    const german = await missingOrganization({ 'accept-language': 'de' }, person);
    expect(german.headers['content-language']).toBe('fr');
  });

  it('is one this instance ships, and null goes back to following each request', async () => {
    const person = await adminOfTheCooperative(null);
    const refused = await person.request({
      method: 'PATCH',
      url: '/api/auth/me',
      payload: { preferredLanguage: 'pt' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({
      pointer: '/preferredLanguage',
      code: 'invalid-option',
    });
    expect((await person.request({ method: 'GET', url: '/api/auth/me' })).json()).toMatchObject({
      preferredLanguage: null,
    });
    const audit = await api.database.pool.query(
      "select count(*)::int as n from platform_audit_entry where action = 'set-preferred-language' and entity_id = $1",
      [person.accountId],
    );
    expect(audit.rows[0].n).toBe(1);
  });
});

/** An invitation to be a member of the cooperative, sent by `inviter`, with these fields. */
const invite = (inviter: Agent, email: string, fields: Record<string, unknown> = {}) =>
  inviter.request({
    method: 'POST',
    url: '/api/accounts/invitations',
    payload: {
      email,
      roles: [{ role: 'organization-member', scopeType: 'organization', scopeId: organizationId }],
      ...fields,
    },
  });

describe('mail', () => {
  it('from a French account invites in French, and the new account keeps French', async () => {
    const inviter = await adminOfTheCooperative('fr');
    const email = `invitee-fr-${Date.now()}@coop.test`;
    const invited = await invite(inviter, email);
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json().language).toBe('fr');
    const mail = await api.mail.waitFor(email);
    expect(mail.subject).toBe('Une invitation à rejoindre Intercoop');
    expect(mail.text).toContain(`${inviter.email} vous invite à ouvrir un compte sur Intercoop`);
    expect(mail.text).toContain('dans les 7 jours qui viennent');
    const accepted = await api.app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: {
        token: tokenFrom(mail),
        displayName: 'Camille',
        password: 'mango monsoon loom 2025',
      },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const invitee = await api.signIn(email, 'mango monsoon loom 2025');
    expect((await invitee.request({ method: 'GET', url: '/api/auth/me' })).json()).toMatchObject({
      preferredLanguage: 'fr',
    });
  });

  it('follows the language the inviter chose for the invitation', async () => {
    const email = `invitee-hi-${Date.now()}@coop.test`;
    const invited = await invite(api.admin, email, { language: 'hi' });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await api.mail.waitFor(email);
    expect(mail.subject).toMatch(devanagari);
    expect(mail.text).toMatch(devanagari);
    expect(mail.text).toContain('/invitations/accept#token=');

    const unshipped = await invite(api.admin, `invitee-pt-${Date.now()}@coop.test`, {
      language: 'pt',
    });
    expect(unshipped.statusCode).toBe(400);
    expect(unshipped.json().errors[0]).toMatchObject({
      pointer: '/language',
      code: 'invalid-option',
    });
  });

  it('sends a password reset in the recipient’s language, whatever the request’s', async () => {
    const person = await adminOfTheCooperative('es');
    const asked = await api.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      headers: { 'accept-language': 'fr' },
      payload: { email: person.email },
    });
    expect(asked.statusCode).toBe(202);
    const mail = await api.mail.waitFor(person.email, /contraseña/);
    expect(mail.subject).toBe('Elija una nueva contraseña de Intercoop');
    expect(mail.text).toContain('en los próximos 60 minutos');
  });

  it('sends a password reset in the request’s language to an account without one', async () => {
    const person = await adminOfTheCooperative(null);
    await api.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      headers: { 'accept-language': 'hi' },
      payload: { email: person.email },
    });
    const mail = await api.mail.waitFor(person.email, devanagari);
    expect(mail.text).toContain('/password-reset#token=');
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
