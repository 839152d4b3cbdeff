// What the browser flows share: Chromium, the page budget, axe, and screenshots at two widths.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const screenshotDirectory = fileURLToPath(
  new URL('../test-results/screenshots/', import.meta.url),
);
export const phone = { width: 360, height: 740 };
export const desktop = { width: 1280, height: 800 };

export async function launchChromium(): Promise<Browser> {
  await mkdir(screenshotDirectory, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** expect.poll gives up after 1 s by default: too short for a cold server on a busy CI box. */
export function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000 });
}

/** Compressed bytes of every script the page fetched, as they came over the wire. */
export function recordScriptBytes(page: Page) {
  const sizes: Promise<{ url: string; bytes: number }>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    sizes.push(
      request.sizes().then((size) => ({ url: request.url(), bytes: size.responseBodySize })),
    );
  });
  return async () => {
    const scripts = await Promise.all(sizes);
    return { scripts, total: scripts.reduce((sum, script) => sum + script.bytes, 0) };
  };
}

/** Errors the page reported: script errors, and console errors such as CSP refusals. */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function seriousAccessibilityViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/**
 * Checks the screen at a phone's width (no sideways scrolling) and a desktop's, with axe at
 * both, and keeps a full-page screenshot of each as a test artefact.
 */
export async function checkScreen(page: Page, name: string) {
  for (const [label, viewport] of [
    ['360', phone],
    ['1280', desktop],
  ] as const) {
    await page.setViewportSize(viewport);
    if (viewport === phone) {
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `${name} scrolls sideways at 360 px`,
      ).toBeLessThanOrEqual(phone.width);
    }
    expect(await seriousAccessibilityViolations(page), `${name} at ${label} px`).toEqual([]);
    await page.screenshot({ path: `${screenshotDirectory}${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(phone);
}

export async function writeJson(
  url: string,
  path: string,
  headers: Record<string, string>,
  body: unknown,
  method = 'POST',
) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...headers, accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as Record<string, unknown>;
}
