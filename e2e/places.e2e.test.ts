// The directory on a phone (results first, filters folded), the map by place (zoomed to the
// results, moved and zoomed by keyboard) and the relation graph's names and colours.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, signInOverHttp, startServe } from '../test/processes.ts';
import { contrastRatio } from '../web/src/pages/graph/contrast.ts';
import {
  checkScreen,
  desktop,
  launchChromium,
  phone,
  poll,
  recordPageErrors,
  screenshotDirectory,
  writeJson,
} from './browser.ts';

let server: Started;
let dataDir: string;
let browser: Browser;
let adminHeaders: Record<string, string>;
const runId = Date.now().toString(36);
const centreName = `Federación Andina ${runId}`;
let centreId = '';

/** Five organizations of this run in Ahmedabad (four at the very same point) and one in Pune. */
const places = [
  { name: `Mahila Udyog ${runId} Ahmedabad`, lat: 23.03, lon: 72.58 },
  { name: `Mahila Bank ${runId} Ahmedabad`, lat: 23.03, lon: 72.58 },
  { name: `Mahila Dairy ${runId} Ahmedabad`, lat: 23.03, lon: 72.58 },
  { name: `Mahila Craft ${runId} Ahmedabad`, lat: 23.03, lon: 72.58 },
  { name: `Mahila Seeds ${runId} Pune`, lat: 18.52, lon: 73.86 },
];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'intercoop-e2e-places-'));
  [server, browser] = await Promise.all([
    startServe({ INTERCOOP_DATA_DIR: dataDir }),
    launchChromium(),
  ]);
  if (!server.admin) throw new Error('the first start printed no network admin');
  adminHeaders = await signInOverHttp(server.url, server.admin.email, server.admin.password);
  const create = async (body: Record<string, unknown>) =>
    String(
      (await writeJson(server.url, '/api/network/organizations', adminHeaders, body)).id ?? '',
    );
  for (const place of places) {
    await create({
      name: place.name,
      kind: 'cooperative',
      sector: 'finance',
      country: 'IN',
      coordinates: { lat: place.lat, lon: place.lon },
    });
  }
  // A federation with fourteen members of every kind around it: more than the twelve the graph
  // used to name, with long names, and kinds "other" and "public-body" among them.
  centreId = await create({
    name: centreName,
    kind: 'federation',
    sector: 'agriculture',
    country: 'PE',
  });
  const kinds = ['cooperative', 'other', 'ngo', 'company', 'public-body', 'group', 'division'];
  for (let index = 0; index < 14; index += 1) {
    const kind = kinds[index % kinds.length] as string;
    const member = await create({
      name: `Cooperativa Agraria Número ${index + 1} ${runId}`,
      kind,
      sector: 'agriculture',
      country: 'PE',
    });
    await writeJson(server.url, '/api/network/affiliations', adminHeaders, {
      memberId: member,
      parentId: centreId,
      kind: 'member-of',
    });
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 30_000);

async function newPage(viewport = phone): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  return { context, page: await context.newPage() };
}

/** Console errors, but the 401 of /api/auth/me that a signed-out visitor's page still logs. */
function unexpected(errors: string[]) {
  return errors.filter((error) => !/status of 401/.test(error));
}

describe('the directory on a phone', () => {
  it('shows the results on the first screen, with the filters folded behind a button that counts them', async () => {
    const { context, page } = await newPage(phone);
    const errors = recordPageErrors(page);
    await page.goto(`${server.url}/?country=IN&kind=cooperative`);
    const results = page.getByRole('list', { name: 'Results' });
    const firstCard = results.locator('article').first();
    await firstCard.waitFor();

    // The first card's name is on the first screen, without scrolling.
    const heading = await firstCard.locator('h3').boundingBox();
    expect(heading, 'the first result has a heading').not.toBeNull();
    expect((heading?.y ?? 0) + (heading?.height ?? 0)).toBeLessThanOrEqual(phone.height);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // One button, saying how many filters are set; the filters behind it are folded.
    const toggle = page.getByRole('button', { name: 'Filters (2 set)' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByLabel('Country', { exact: true }).isVisible()).toBe(false);
    // The map comes after the results.
    const map = await page.getByRole('application').boundingBox();
    expect(map?.y ?? 0).toBeGreaterThan(heading?.y ?? Number.POSITIVE_INFINITY);
    await page.screenshot({ path: `${screenshotDirectory}directory-phone-first-screen.png` });

    // By keyboard: the button opens the filters, a change keeps the count true.
    await toggle.focus();
    await page.keyboard.press('Enter');
    await poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByLabel('Country', { exact: true }).isVisible()).toBe(true);
    await page.getByLabel('Sector').selectOption('finance');
    await poll(() => new URL(page.url()).searchParams.get('sector')).toBe('finance');
    await page.getByRole('button', { name: 'Filters (3 set)' }).waitFor();
    await checkScreen(page, 'directory-filters');

    // On a desktop the filters start unfolded and the map sits beside the results.
    await page.setViewportSize(desktop);
    await page.reload();
    await results.locator('article').first().waitFor();
    const wideToggle = page.getByRole('button', { name: 'Filters (3 set)' });
    expect(await wideToggle.getAttribute('aria-expanded')).toBe('true');
    const list = await results.boundingBox();
    const wideMap = await page.getByRole('application').boundingBox();
    expect(wideMap?.x ?? 0).toBeGreaterThanOrEqual((list?.x ?? 0) + (list?.width ?? 0));

    // The button speaks every shipped language.
    for (const [language, words] of [
      ['fr', 'Filtres (3 choisis)'],
      ['es', 'Filtros (3 elegidos)'],
      ['hi', 'फ़िल्टर (3 चुने गए)'],
    ] as const) {
      await page
        .getByRole('combobox', { name: /^(Language|Langue|Idioma|भाषा)$/ })
        .selectOption(language);
      await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
      await page.getByRole('button', { name: words }).waitFor();
    }
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });
});

describe('the map by place', () => {
  it('zooms to the results, spreads those at one place, and moves and zooms by keyboard', async () => {
    for (const viewport of [phone, desktop]) {
      const { context, page } = await newPage(viewport);
      const errors = recordPageErrors(page);
      await page.goto(`${server.url}/?q=Mahila+${runId}`);
      await poll(() => page.getByRole('status').first().textContent()).toBe('5 organizations');
      await page.getByRole('button', { name: 'By place' }).click();
      const map = page.getByRole('application', { name: /5 organizations of the results/ });
      await map.waitFor();
      const svg = page.locator('.world-map__svg');
      const markers = page.locator('.world-map__marker');
      await poll(() => markers.count()).toBe(5);

      // Zoomed to India: the world's outline is many times wider than the map, and every
      // marker is inside the map.
      const frame = await svg.boundingBox();
      if (!frame) throw new Error('the map is not on the screen');
      const world = await page.locator('.world-map__sphere').boundingBox();
      expect(world?.width ?? 0).toBeGreaterThan(frame.width * 4);
      const spots = await markers.evaluateAll((circles) =>
        circles.map((circle) => {
          const box = circle.getBoundingClientRect();
          return { x: box.x + box.width / 2, y: box.y + box.height / 2, r: box.width / 2 };
        }),
      );
      for (const spot of spots) {
        expect(spot.x).toBeGreaterThan(frame.x);
        expect(spot.x).toBeLessThan(frame.x + frame.width);
        expect(spot.y).toBeGreaterThan(frame.y);
        expect(spot.y).toBeLessThan(frame.y + frame.height);
        // Big enough to see and to point at, on a phone too.
        expect(spot.r).toBeGreaterThanOrEqual(5);
      }
      // The four at one point are spread: no marker covers another.
      for (const [index, spot] of spots.entries()) {
        for (const other of spots.slice(index + 1)) {
          expect(Math.hypot(spot.x - other.x, spot.y - other.y)).toBeGreaterThan(spot.r * 2);
        }
      }

      // The keyboard: Tab reaches the map, which shows its focus and says how to use it.
      // (Show all the results is disabled while the map shows them all: Tab passes it by.)
      await page.getByRole('button', { name: 'Zoom out' }).focus();
      await page.keyboard.press('Tab');
      expect(await map.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await map.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid');
      const hint = await map.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${hint}"]`).textContent()).toContain('arrow keys');
      const sphere = async () => {
        const box = await page.locator('.world-map__sphere').boundingBox();
        return { x: box?.x ?? 0, width: box?.width ?? 0 };
      };
      // Framed on two towns, the map is at its closest: − zooms out, + back in.
      const start = await sphere();
      await page.keyboard.press('-');
      await poll(async () => (await sphere()).width).toBeLessThan(start.width / 1.4);
      const before = await sphere();
      await page.keyboard.press('-');
      await page.keyboard.press('+');
      await poll(async () => (await sphere()).width).toBeCloseTo(before.width, 0);
      const scrolled = await page.evaluate(() => window.scrollY);
      await page.keyboard.press('ArrowRight');
      // Moving right brings what is east into view: the world shifts left, the page stays put.
      await poll(async () => (await sphere()).x).toBeLessThan(before.x);
      expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('0');
      await poll(async () => (await sphere()).width).toBeCloseTo(start.width, 0);
      // The buttons do the same for a pointer.
      await page.getByRole('button', { name: 'Zoom out' }).click();
      await poll(async () => (await sphere()).width).toBeCloseTo(before.width, 0);
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await poll(async () => (await sphere()).width).toBeCloseTo(start.width, 0);
      await checkScreen(page, `map-by-place-${viewport.width}`);
      expect(unexpected(errors)).toEqual([]);
      await context.close();
    }
  });
});

describe('the relation graph', () => {
  it('names the first ring where it fits, readably on a phone, and draws every kind visibly', async () => {
    for (const viewport of [phone, desktop]) {
      const { context, page } = await newPage(viewport);
      const errors = recordPageErrors(page);
      await page.goto(`${server.url}/organizations/${centreId}/graph`);
      await poll(() => page.locator('h1').textContent()).toBe(`Relations of ${centreName}`);
      const svg = page.locator('svg.relation-graph__svg');
      await svg.locator('a[data-organization]').nth(14).waitFor();
      // Names are written once the drawing's scale is known.
      await poll(() => svg.locator('.relation-graph__label').count()).toBeGreaterThanOrEqual(3);

      const labels = await svg.locator('.relation-graph__label').evaluateAll((texts) =>
        texts.map((text) => {
          const box = text.getBoundingClientRect();
          const scale = (text as SVGGraphicsElement).getScreenCTM()?.a ?? 1;
          return {
            text: text.textContent ?? '',
            box: { x: box.x, y: box.y, width: box.width, height: box.height },
            pixels: Number.parseFloat(getComputedStyle(text).fontSize) * scale,
          };
        }),
      );
      // The centre and several of its fourteen members are named, at a size one can read.
      expect(labels.some((label) => label.text === centreName)).toBe(true);
      const ring = labels.filter((label) => label.text.startsWith('Cooperativa Agraria'));
      expect(ring.length).toBeGreaterThanOrEqual(viewport === phone ? 2 : 6);
      for (const label of labels) expect(label.pixels).toBeGreaterThanOrEqual(12.5);
      // No name is written over another.
      for (const [index, label] of labels.entries()) {
        for (const other of labels.slice(index + 1)) {
          const apart =
            label.box.x + label.box.width <= other.box.x ||
            other.box.x + other.box.width <= label.box.x ||
            label.box.y + label.box.height <= other.box.y ||
            other.box.y + other.box.height <= label.box.y;
          expect(apart, `"${label.text}" over "${other.text}"`).toBe(true);
        }
      }

      // Every kind's shape, as painted, stands out 3:1 on the drawing's background.
      const painted = await svg.evaluate((drawing) => {
        const toHex = (colour: string) => {
          const [r, g, b] = (colour.match(/\d+/g) ?? []).map(Number);
          return `#${[r, g, b].map((channel) => (channel ?? 0).toString(16).padStart(2, '0')).join('')}`;
        };
        const background = toHex(getComputedStyle(drawing).backgroundColor);
        const shapes = [...drawing.querySelectorAll('.relation-graph__shape')].map((shape) => ({
          label: shape.closest('a')?.getAttribute('aria-label') ?? '',
          fill: toHex(getComputedStyle(shape).fill),
        }));
        return { background, shapes };
      });
      expect(painted.shapes.length).toBe(15);
      for (const shape of painted.shapes) {
        expect(contrastRatio(shape.fill, painted.background), shape.label).toBeGreaterThanOrEqual(
          3,
        );
      }
      expect(painted.shapes.some((shape) => shape.label.includes(', Other,'))).toBe(true);

      // The list beside the drawing names all fourteen.
      const list = page.getByRole('region', { name: 'The same organizations, as a list' });
      expect(await list.getByRole('link', { name: /^Cooperativa Agraria/ }).count()).toBe(14);
      await checkScreen(page, `graph-labels-${viewport.width}`);
      expect(unexpected(errors)).toEqual([]);
      await context.close();
    }
  });
});
