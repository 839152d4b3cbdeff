import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailSink, startMailSink } from '../test/mail-sink.ts';
import { type Started, startServe } from '../test/processes.ts';
import {
  checkScreen,
  desktop,
  launchChromium,
  phone,
  poll,
  recordPageErrors,
  recordScriptBytes,
} from './browser.ts';

/** Every route's JavaScript, compressed, as it comes over the wire. */
const javascriptBudgetBytes = 200 * 1024;

let server: Started;
let sink: MailSink;
let dataDir: string;
let browser: Browser;
let admin: { email: string; password: string };
const runId = Date.now().toString(36);
const name = `Sewa Kisan Sahakari ${runId}`;
let createdPath = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'intercoop-e2e-organizations-'));
  sink = await startMailSink();
  [server, browser] = await Promise.all([
    startServe({ INTERCOOP_DATA_DIR: dataDir, SMTP_URL: sink.url }),
    launchChromium(),
  ]);
  if (!server.admin) throw new Error('the first start printed no network admin');
  admin = server.admin;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 30_000);

async function newPage(viewport = phone): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, email: string, password: string, next: string) {
  await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await poll(() => new URL(page.url()).pathname).toBe(next);
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function switchLanguage(page: Page, locale: string) {
  await page.locator('header select').selectOption(locale);
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
}

describe('organizations in the browser', () => {
  it('offers a signed-out visitor no way to add one, and the server refuses them', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/`);
    await poll(() => page.locator('h1').textContent()).toBe('Directory of organizations');
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('link', { name: 'Add an organization' }).count()).toBe(0);

    const response = await page.goto(`${server.url}/organizations/new`);
    expect(response?.status()).toBe(200);
    await poll(() => page.locator('h1').textContent()).toBe('Add an organization');
    await poll(() => page.locator('main').textContent()).toContain(
      'Sign in to add an organization.',
    );
    expect(await page.locator('form').count()).toBe(0);
    await checkScreen(page, 'organization-new-signed-out');
    await page.locator('main').getByRole('link', { name: 'Sign in' }).click();
    await poll(() => new URL(page.url()).searchParams.get('next')).toBe('/organizations/new');

    const refused = await fetch(`${server.url}/api/network/organizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ name, kind: 'cooperative', sector: 'agriculture', country: 'IN' }),
    });
    expect(refused.status).toBe(401);
    await context.close();
  });

  it('lets the network admin add one through the form, mistakes first', async () => {
    const { context, page } = await newPage();
    const errors = recordPageErrors(page);
    await signIn(page, admin.email, admin.password, '/');

    // The route's own weight, opened directly by someone signed in, with nothing in the cache.
    const freshContext = await browser.newContext({ viewport: phone, locale: 'en-US' });
    await freshContext.addCookies(await context.cookies());
    const fresh = await freshContext.newPage();
    const scriptBytes = recordScriptBytes(fresh);
    await fresh.goto(`${server.url}/organizations/new`);
    await fresh.locator('#new-organization-name').waitFor();
    const { scripts, total } = await scriptBytes();
    console.info(
      `JavaScript for /organizations/new: ${(total / 1024).toFixed(1)} KB on the wire`,
      scripts.map((script) => `${new URL(script.url).pathname} ${script.bytes} B`),
    );
    expect(total).toBeLessThan(javascriptBudgetBytes);
    await freshContext.close();

    await page.getByRole('link', { name: 'Add an organization' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/organizations/new');
    await page.locator('#new-organization-name').waitFor();
    await checkScreen(page, 'organization-new');

    // An empty name and members that do not add up: caught before anything is sent.
    await page.locator('#new-organization-kind').selectOption('cooperative');
    await page.locator('#new-organization-sector').selectOption('agriculture');
    await page.locator('#new-organization-country').selectOption('IN');
    await page.locator('#new-organization-members-total').fill('10');
    await page.locator('#new-organization-members-women').fill('8');
    await page.locator('#new-organization-members-men').fill('5');
    await page.getByRole('button', { name: 'Add the organization' }).click();
    const alert = page.getByRole('alert');
    await poll(() => alert.textContent()).toContain('Please correct the following:');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(
      await alert
        .getByRole('link')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
    ).toEqual(['#new-organization-name', '#new-organization-members-total']);
    expect(await page.locator('#new-organization-name-error').textContent()).toBe(
      'Enter the organization’s name.',
    );
    expect(await page.locator('#new-organization-members-total-error').textContent()).toBe(
      'Women and men members together cannot be more than the total.',
    );
    expect(await page.locator('#new-organization-name').getAttribute('aria-invalid')).toBe('true');
    await checkScreen(page, 'organization-new-errors');
    // The summary's link takes the reader to the field.
    await alert.getByRole('link').first().click();
    await poll(() => activeId(page)).toBe('new-organization-name');

    await page.locator('#new-organization-name').fill(name);
    await page.locator('#new-organization-members-total').fill('20');
    await page.locator('#new-organization-region').fill('Gujarat');
    await page.locator('#new-organization-locality').fill('Anand');
    await page.locator('#new-organization-employees').fill('7');

    // Another name, added by keyboard: focus lands in the new row.
    await page.getByRole('button', { name: 'Add another name' }).focus();
    await page.keyboard.press('Enter');
    const firstOther = page.getByRole('group', { name: 'Other name 1' });
    await poll(() => activeId(page)).toMatch(/^new-organization-other-name-\d+-text$/);
    await page.keyboard.type('सेवा किसान सहकारी');
    await firstOther.getByLabel('Language').selectOption('hi');
    await firstOther.getByLabel('Script').fill('Devanagari');

    await page.getByRole('button', { name: 'Add a description in another language' }).click();
    const description = page.getByRole('group', { name: 'Description 1' });
    await description.getByLabel('Language').selectOption('es');
    await description.getByLabel('Description').fill(`Cooperativa lechera de Anand ${runId}.`);
    await page.getByLabel('Voluntary and open membership', { exact: true }).selectOption('4');
    await page
      .getByLabel('What shows it: Voluntary and open membership')
      .fill('Any farmer of the village may join.');

    // A web address the server's schema refuses, checked before sending: its message shows under
    // the field, nothing is lost.
    await page.locator('#new-organization-website').fill('not a web address');
    await page.getByRole('button', { name: 'Add the organization' }).click();
    const websiteError = page.locator('#new-organization-website-error');
    await websiteError.waitFor();
    expect(await websiteError.textContent()).toContain('https://');
    expect(await alert.getByRole('link').textContent()).toContain('Website');
    expect(await page.locator('#new-organization-name').inputValue()).toBe(name);
    expect(await firstOther.getByLabel('Script').inputValue()).toBe('Devanagari');
    expect(await websiteError.getAttribute('lang')).toBeNull();
    await checkScreen(page, 'organization-new-server-error');
    // The server's refusal is worded from its code in the reader's language, French here.
    await switchLanguage(page, 'fr');
    const inFrench = 'Saisissez une adresse web complète commençant par https:// ou http://.';
    await poll(() => websiteError.textContent()).toBe(inFrench);
    expect(await websiteError.getAttribute('lang')).toBeNull();
    expect(await alert.getByRole('link').textContent()).toContain(inFrench);
    expect(await alert.locator('[lang="en"]').count()).toBe(0);
    await checkScreen(page, 'organization-new-server-error-fr');
    await switchLanguage(page, 'en');

    // The connection drops after the server has added it, twice: the app's own resend and the
    // person's press carry the same Idempotency-Key, so the server adds it once and replays.
    await page.locator('#new-organization-website').fill('https://sewa-kisan.example');
    const keysSent: (string | undefined)[] = [];
    await page.route('**/api/network/organizations', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keysSent.push(route.request().headers()['idempotency-key']);
      if (keysSent.length > 2) return route.fallback();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Add the organization' }).click();
    await poll(() => alert.textContent()).toContain('The server did not answer.');
    expect(keysSent).toHaveLength(2);
    const replayed = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/network/organizations') &&
        response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Add the organization' }).click();
    expect((await replayed).status()).toBe(201);
    expect(await (await replayed).headerValue('idempotent-replayed')).toBe('true');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    expect(keysSent).toHaveLength(3);
    expect(keysSent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keysSent).size).toBe(1);
    await poll(() => new URL(page.url()).pathname).toMatch(/^\/organizations\/[0-9a-f-]{36}$/);
    createdPath = new URL(page.url()).pathname;
    await poll(() => page.locator('h1').textContent()).toBe(name);
    const profile = page.locator('article.profile');
    const text = (await profile.textContent()) ?? '';
    expect(text).toContain('सेवा किसान सहकारी');
    expect(text).toContain('Anand, Gujarat, India');
    expect(text).toContain('Any farmer of the village may join.');
    expect(await page.locator('.profile__other-names [lang="hi"]').count()).toBe(1);

    // Once.
    const found = (await (
      await fetch(`${server.url}/api/network/organizations?q=${encodeURIComponent(name)}`)
    ).json()) as { items: { id: string; name: string }[] };
    expect(found.items.filter((item) => item.name === name).map((item) => item.id)).toEqual([
      createdPath.split('/').pop(),
    ]);

    // It is in the directory.
    await page.goto(`${server.url}/?q=${encodeURIComponent(name)}`);
    await page.getByRole('list', { name: 'Results' }).getByRole('link', { name }).waitFor();
    expect(
      errors.filter((error) => !/status of (400|401)|ERR_CONNECTION_RESET/.test(error)),
    ).toEqual([]);
    await context.close();
  });

  it('shows ten wrong values in one round, checked with the server’s schema before sending', async () => {
    const { context, page } = await newPage();
    const errors = recordPageErrors(page);
    await signIn(page, admin.email, admin.password, '/organizations/new');
    await page.locator('#new-organization-name').waitFor();
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/api/network/organizations'))
        posts.push(request.url());
    });
    await page.locator('#new-organization-kind').selectOption('cooperative');
    await page.locator('#new-organization-sector').selectOption('agriculture');
    await page.locator('#new-organization-country').selectOption('IN');
    const wrong: Record<string, string> = {
      name: 'N'.repeat(201),
      shortName: '<b>SKS</b>',
      foundingYear: '1700',
      'members-total': '-5',
      employees: '2.5',
      website: 'not a web address',
      'contacts-email': 'nobody',
      'contacts-phone': '12',
      languages: 'xx',
      'coordinates-lat': '95',
    };
    for (const [field, value] of Object.entries(wrong)) {
      await page.locator(`#new-organization-${field}`).fill(value);
    }
    await page.locator('#new-organization-coordinates-lon').fill('72.9');
    await page.getByRole('button', { name: 'Add the organization' }).click();
    const alert = page.getByRole('alert');
    await poll(() => alert.textContent()).toContain('Please correct the following:');
    // One round: all ten in the summary at once, each linking to its field.
    expect(
      (
        await alert
          .getByRole('link')
          .evaluateAll((links) => links.map((link) => link.getAttribute('href')))
      ).sort(),
    ).toEqual(
      Object.keys(wrong)
        .map((field) => `#new-organization-${field}`)
        .sort(),
    );
    const messages: Record<string, string | null> = {};
    for (const field of Object.keys(wrong)) {
      const input = page.locator(`#new-organization-${field}`);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      messages[field] = await page.locator(`#new-organization-${field}-error`).textContent();
    }
    // Worded from the codes in the reader's language, as the server's errors are: no English
    // detail of the schema marked as such.
    expect(messages).toEqual({
      name: 'Use at most 200 characters.',
      shortName: 'Remove the markup, such as tags in angle brackets.',
      foundingYear: 'Use a value of at least 1800.',
      'members-total': 'Use a value of at least 0.',
      employees: 'Enter a whole number.',
      website: 'Enter a full web address starting with https:// or http://.',
      'contacts-email': 'Enter an email address, such as name@coop.example.',
      'contacts-phone': 'Enter the number in international format, such as +919876543210.',
      languages: 'This is not a known language code.',
      'coordinates-lat': 'Use a value of at most 90.',
    });
    expect(await alert.locator('[lang="en"]').count()).toBe(0);
    expect(posts).toEqual([]);
    await checkScreen(page, 'organization-new-ten-errors');
    // In French, the same ten at once.
    await switchLanguage(page, 'fr');
    await poll(() => page.locator('#new-organization-website-error').textContent()).toBe(
      'Saisissez une adresse web complète commençant par https:// ou http://.',
    );
    expect(await alert.getByRole('link').count()).toBe(10);
    expect(posts).toEqual([]);
    // The sign-in page asks who is signed in before anyone is: a 401 that page expects.
    expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
    await context.close();
  });

  it('lets the network admin edit other names, descriptions, evidence and the logo', async () => {
    expect(createdPath).not.toBe('');
    const { context, page } = await newPage(desktop);
    await signIn(page, admin.email, admin.password, createdPath);
    await page.getByRole('button', { name: 'Edit this organization' }).click();
    await page.getByRole('group', { name: 'Other name 1' }).waitFor();
    expect(await page.locator('.logo-field').textContent()).toContain('No logo yet.');

    // A second name, then the first removed by keyboard: focus moves to the row that took its place.
    await page.getByRole('button', { name: 'Add another name' }).click();
    await page.keyboard.type('Sewa Kisan');
    await page
      .getByRole('group', { name: 'Other name 2' })
      .getByLabel('Language')
      .selectOption('en');
    await page.getByRole('button', { name: 'Remove other name 1' }).focus();
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('group', { name: /^Other name \d/ }).count()).toBe(1);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      'Sewa Kisan',
    );

    await page.getByRole('button', { name: 'Add a description in another language' }).click();
    const french = page.getByRole('group', { name: 'Description 2' });
    await french.getByLabel('Language').selectOption('fr');
    await french.getByLabel('Description').fill(`Coopérative laitière d’Anand ${runId}.`);
    await page.getByLabel('Democratic member control', { exact: true }).selectOption('3');
    await page
      .getByLabel('What shows it: Democratic member control')
      .fill('One member, one vote at the yearly assembly.');

    // The logo: a file that is not an image is refused before sending; a PNG is taken.
    const logoInput = page.locator('#edit-organization-logo');
    await logoInput.setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not an image'),
    });
    await poll(() => page.locator('#edit-organization-logo-error').textContent()).toBe(
      'This file is not a PNG, JPEG or WebP image. Choose one of those.',
    );
    const png = await sharp({
      create: { width: 120, height: 80, channels: 4, background: '#0b5d3b' },
    })
      .png()
      .toBuffer();
    await logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Upload this logo' }).click();
    await poll(() => page.locator('.logo-field [role="status"]').textContent()).toBe(
      'The new logo is saved.',
    );
    const formLogo = page.locator('.logo-field__image');
    await poll(() => formLogo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(120);
    await checkScreen(page, 'organization-edit');

    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.getByRole('status').first().textContent()).toBe(
      'Your changes are saved.',
    );
    const profile = page.locator('article.profile');
    // What a person reads: the JSON-LD the page carries for other tools is not shown.
    const text = await profile.evaluate((element) => {
      const shown = element.cloneNode(true) as HTMLElement;
      for (const script of shown.querySelectorAll('script')) script.remove();
      return shown.textContent ?? '';
    });
    expect(text).toContain('Sewa Kisan');
    expect(text).not.toContain('सेवा किसान सहकारी');
    expect(text).toContain('One member, one vote at the yearly assembly.');
    const logo = page.locator('img.profile__logo');
    await poll(() => logo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(120);
    expect(await logo.getAttribute('alt')).toBe(`Logo of ${name}`);
    await checkScreen(page, 'organization-profile-logo');

    // The profile's route, with the edit form and the logo field in it, opened afresh.
    const freshContext = await browser.newContext({ viewport: phone, locale: 'en-US' });
    await freshContext.addCookies(await context.cookies());
    const fresh = await freshContext.newPage();
    const scriptBytes = recordScriptBytes(fresh);
    await fresh.goto(`${server.url}${createdPath}`);
    await fresh.getByRole('button', { name: 'Edit this organization' }).click();
    await fresh.locator('.logo-field').waitFor();
    const { scripts, total } = await scriptBytes();
    console.info(
      `JavaScript for /organizations/:id with its edit form: ${(total / 1024).toFixed(1)} KB on the wire`,
      scripts.map((script) => `${new URL(script.url).pathname} ${script.bytes} B`),
    );
    expect(total).toBeLessThan(javascriptBudgetBytes);
    await freshContext.close();

    // The French description for French readers, and the whole page in Hindi.
    await switchLanguage(page, 'fr');
    await poll(() => profile.textContent()).toContain(`Coopérative laitière d’Anand ${runId}.`);
    await switchLanguage(page, 'hi');
    await poll(() => page.getByRole('button', { name: 'इस संगठन को संपादित करें' }).count()).toBe(1);
    await checkScreen(page, 'organization-profile-hi');
    await page.getByRole('button', { name: 'इस संगठन को संपादित करें' }).click();
    await page.locator('.logo-field').waitFor();
    await checkScreen(page, 'organization-edit-hi');

    // Read back over the API: what the browser sent is what is stored.
    const stored = (await (await fetch(`${server.url}/api/network${createdPath}`)).json()) as {
      otherNames: unknown;
      descriptions: Record<string, string>;
      principles: unknown;
    };
    expect(stored.otherNames).toEqual([{ text: 'Sewa Kisan', language: 'en' }]);
    expect(Object.keys(stored.descriptions).sort()).toEqual(['es', 'fr']);
    expect(stored.principles).toEqual([
      { principle: 1, score: 4, evidence: 'Any farmer of the village may join.' },
      { principle: 2, score: 3, evidence: 'One member, one vote at the yearly assembly.' },
    ]);

    await page.goto(`${server.url}/organizations/new`);
    await page.locator('#new-organization-name').waitFor();
    await checkScreen(page, 'organization-new-hi');
    await context.close();
  });
});

describe('a forgotten password', () => {
  it('is replaced from the emailed link; the new one signs in, the old one no longer does', async () => {
    const { context, page } = await newPage();
    const newPassword = 'monsoon ledger cotton lantern';
    // Signed in on this browser: the reset will end this session too.
    await signIn(page, admin.email, admin.password, '/account');
    await page.locator('header').getByRole('link', { name: 'My account' }).waitFor();
    // Signed in, the sign-in page says so; the way to a new password is its own page.
    await page.goto(`${server.url}/password-reset`);
    await poll(() => page.locator('h1').textContent()).toBe('Reset your password');
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await poll(() => page.getByRole('status').textContent()).toContain(admin.email);

    // In the account's language: Hindi, chosen with the language menu in the flow above (English
    // when this flow runs alone).
    const mail = await sink.waitFor(admin.email, /password|reset|पासवर्ड/i, 10_000);
    const link = /(https?:\/\/\S+\/password-reset#token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(link, mail.text).toBeTruthy();
    // Opened in the same tab, which still shows the reset page: only the fragment changes.
    await page.goto(String(link));
    await poll(() => page.locator('h1').textContent()).toBe('Reset your password');
    await poll(() => new URL(page.url()).hash).toBe('');
    await page.getByLabel('New password').waitFor();
    await checkScreen(page, 'password-reset-choose');

    // Too short: the server's rule, shown under the field.
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.locator('#reset-password-error').waitFor();
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await poll(() => page.getByRole('status').textContent()).toContain('Your password is changed.');
    // Every session ended, this one too: the header no longer offers the account.
    await page.locator('header').getByRole('link', { name: 'Sign in' }).waitFor();
    await checkScreen(page, 'password-reset-done');

    // The old password is refused, in the browser and over the API.
    await page.locator('main').getByRole('link', { name: 'Sign in' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'The email address or the password is not right.',
    );
    const old = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    expect(old.status).toBe(401);

    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await poll(() => new URL(page.url()).pathname).toBe('/account');
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();

    // The link works once.
    await page.goto(String(link));
    await page.getByLabel('New password').fill('another long password here');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'This reset link cannot be used',
    );
    await context.close();
  });
});
