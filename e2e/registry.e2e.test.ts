import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, signInOverHttp, startServe } from '../test/processes.ts';
import {
  checkScreen,
  launchChromium,
  phone,
  poll,
  recordPageErrors,
  recordScriptBytes,
  writeJson,
} from './browser.ts';

/** The page budget for `/` (issue figure), JavaScript compressed, as it comes over the wire. */
const javascriptBudgetBytes = 200 * 1024;

let server: Started;
let dataDir: string;
let browser: Browser;
let adminHeaders: Record<string, string>;
const runId = Date.now().toString(36);
const names = {
  weavers: `Cooperativa Tejedoras ${runId}`,
  federation: `Federación Textil ${runId}`,
  spanish: `Tejedoras Unidas ${runId}`,
};
let weaversId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'intercoop-e2e-registry-'));
  [server, browser] = await Promise.all([
    startServe({ INTERCOOP_DATA_DIR: dataDir }),
    launchChromium(),
  ]);
  if (!server.admin) throw new Error('the first start printed no network admin');
  adminHeaders = await signInOverHttp(server.url, server.admin.email, server.admin.password);
  const create = (body: Record<string, unknown>) =>
    writeJson(server.url, '/api/network/organizations', adminHeaders, body);
  const weavers = await create({
    name: names.weavers,
    shortName: 'Tejedoras',
    kind: 'cooperative',
    sector: 'industry-services',
    country: 'MX',
    region: 'Oaxaca',
    locality: 'Teotitlán del Valle',
    coordinates: { lat: 17.03, lon: -96.52 },
    languages: ['es', 'en'],
    foundingYear: 1998,
    members: { total: 1200, women: 1100, men: 100 },
    employees: 8,
    website: 'https://tejedoras.example',
    contacts: { email: 'hola@tejedoras.example' },
    description: 'Weavers of wool rugs dyed with plants, sold together since 1998.',
    descriptions: {
      es: 'Tejedoras de tapetes de lana teñida con plantas, que venden juntas desde 1998.',
    },
    principles: [
      { principle: 1, score: 4 },
      { principle: 2, score: 3 },
      { principle: 6, score: 2, evidence: 'Buys dyes from a neighbouring cooperative.' },
    ],
  });
  weaversId = String(weavers.id);
  const federation = await create({
    name: names.federation,
    kind: 'federation',
    sector: 'industry-services',
    country: 'MX',
  });
  const spanish = await create({
    name: names.spanish,
    kind: 'cooperative',
    sector: 'industry-services',
    country: 'ES',
    coordinates: { lat: 40.42, lon: -3.7 },
  });
  await writeJson(server.url, '/api/network/affiliations', adminHeaders, {
    memberId: weaversId,
    parentId: federation.id,
    kind: 'member-of',
    startedOn: '2005-03-01',
  });
  await writeJson(server.url, '/api/network/partnerships', adminHeaders, {
    fromId: weaversId,
    toId: spanish.id,
    kind: 'supply',
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 30_000);

async function newPage(locale: string): Promise<{ context: BrowserContext; page: Page }> {
  // AxeBuilder needs a page from a context, and a context gives a clean localStorage.
  const context = await browser.newContext({ viewport: phone, locale });
  return { context, page: await context.newPage() };
}

describe('the registry in Spanish', () => {
  it('searches, filters by country, draws the map and opens a profile with its JSON-LD', async () => {
    const { context, page } = await newPage('es-ES');
    const errors = recordPageErrors(page);
    const scriptBytes = recordScriptBytes(page);
    await page.goto(`${server.url}/`);
    await poll(() => page.locator('h1').textContent()).toBe('Directorio de organizaciones');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');

    await page.getByLabel('Buscar por nombre').fill(`tejedoras ${runId}`);
    const results = page.getByRole('list', { name: 'Resultados' });
    await results.getByRole('heading', { name: names.spanish }).waitFor();
    await results.getByRole('heading', { name: names.weavers }).waitFor();
    const status = page.getByRole('status').first();
    await poll(() => status.textContent()).toBe('2 organizaciones');

    // On a phone the filters are folded behind one button: open it, then the country filter's
    // facet counts, then the filter itself.
    const filters = page.locator('button.filters-toggle');
    expect(await filters.getAttribute('aria-expanded')).toBe('false');
    await filters.click();
    const country = page.getByLabel('País', { exact: true });
    await poll(() => country.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['México (1)', 'España (1)']),
    );
    await country.selectOption('MX');
    await poll(() => new URL(page.url()).searchParams.get('country')).toBe('MX');
    await poll(() => status.textContent()).toBe('1 organización');
    expect(await results.getByRole('heading', { name: names.spanish }).count()).toBe(0);

    // The map: a lazily loaded chunk, drawn offline from the bundled borders.
    const map = page.locator('svg.world-map__svg');
    await map.waitFor();
    expect(await page.locator('path[data-country="MX"]').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Por lugar' }).click();
    await poll(() => page.locator('circle[data-organization]').count()).toBe(1);
    await checkScreen(page, 'directory-es-places');
    await page.getByRole('button', { name: 'Por país' }).click();
    await checkScreen(page, 'directory-es-filtered');

    const { scripts, total } = await scriptBytes();
    console.info(
      `JavaScript for /: ${(total / 1024).toFixed(1)} KB on the wire`,
      scripts.map((script) => `${new URL(script.url).pathname} ${script.bytes} B`),
    );
    expect(scripts.some((script) => script.url.includes('world-map'))).toBe(true);
    expect(total).toBeLessThan(javascriptBudgetBytes);

    await results.getByRole('link', { name: names.weavers }).click();
    await poll(() => page.locator('h1').textContent()).toBe(names.weavers);
    expect(new URL(page.url()).pathname).toBe(`/organizations/${weaversId}`);
    const profile = page.locator('article.profile');
    await poll(() => profile.textContent()).toContain('Tejedoras de tapetes de lana');
    const text = (await profile.textContent()) ?? '';
    // Spanish numbers and names from the browser's Intl, ties both ways.
    expect(text).toContain('1200');
    expect(text).toContain('Teotitlán del Valle, Oaxaca, México');
    expect(text).toContain('Participación económica de los miembros');
    expect(text).toContain('4 de 4');
    expect(text).toContain(names.federation);
    expect(text).toContain(names.spanish);
    expect(text).toContain('suministro');
    expect(await page.getByRole('button', { name: 'Editar esta organización' }).count()).toBe(0);

    const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
    const data = JSON.parse(jsonLd ?? '{}') as Record<string, unknown>;
    expect(data.name).toBe(names.weavers);
    expect(data['@context']).toBeTruthy();
    expect(data['@type']).toBeTruthy();
    await checkScreen(page, 'profile-es');
    expect(errors.filter((error) => /Content Security Policy|Refused/i.test(error))).toEqual([]);
    await context.close();
  });

  it('sends a light profile page to someone who opens its link', async () => {
    const { context, page } = await newPage('en-US');
    const errors = recordPageErrors(page);
    const scriptBytes = recordScriptBytes(page);
    const response = await page.goto(`${server.url}/organizations/${weaversId}`);
    expect(response?.status()).toBe(200);
    await poll(() => page.locator('h1').textContent()).toBe(names.weavers);
    await page.getByRole('heading', { name: 'The seven cooperative principles' }).waitFor();
    const { scripts, total } = await scriptBytes();
    console.info(
      `JavaScript for /organizations/:id: ${(total / 1024).toFixed(1)} KB on the wire`,
      scripts.map((script) => `${new URL(script.url).pathname} ${script.bytes} B`),
    );
    // The profile needs no map: its chunk is not fetched.
    expect(scripts.some((script) => script.url.includes('world-map'))).toBe(false);
    expect(total).toBeLessThan(javascriptBudgetBytes);
    await checkScreen(page, 'profile-en');
    // The one expected failure is /api/auth/me saying no one is signed in (401).
    expect(errors.filter((error) => !error.includes('status of 401'))).toEqual([]);

    const missing = await page.goto(
      `${server.url}/organizations/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e`,
    );
    expect(missing?.status()).toBe(200);
    await poll(() => page.locator('h1').textContent()).toBe(
      'This organization is not in the directory',
    );
    await context.close();
  });

  it('shows the directory in each language, each within 360 px', async () => {
    const { context, page } = await newPage('en-US');
    await page.goto(`${server.url}/?q=${encodeURIComponent(`tejedoras ${runId}`)}`);
    const expected = {
      en: 'Directory of organizations',
      fr: 'Annuaire des organisations',
      es: 'Directorio de organizaciones',
      hi: 'संगठनों की निर्देशिका',
    };
    for (const [locale, title] of Object.entries(expected)) {
      await page.locator('header select').selectOption(locale);
      await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
      await poll(() => page.locator('h1').textContent()).toBe(title);
      await page.locator('svg.world-map__svg').waitFor();
      await checkScreen(page, `directory-${locale}`);
    }
    await context.close();
  });
});
