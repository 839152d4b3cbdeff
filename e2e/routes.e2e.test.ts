// The app as a whole, route by route: the JavaScript each main route loads stays within the
// budget; a visitor's first load logs no error (no 401 from asking who is signed in); and signing
// out, or a session that ended on the server, switches every open tab to the signed-out state.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, signInOverHttp, startServe } from '../test/processes.ts';
import { launchChromium, phone, poll, recordPageErrors, recordScriptBytes } from './browser.ts';

/** The page budget of every route (issue figure): JavaScript, compressed as it is served. */
const javascriptBudgetBytes = 200 * 1024;

let server: Started;
let dataDir: string;
let browser: Browser;
let admin: { email: string; password: string };
const ids = { organization: '', project: '', intent: '' };

async function firstId(path: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${server.url}${path}`, { headers });
  const body = (await response.json()) as { items?: { id: string }[] };
  const id = body.items?.[0]?.id;
  if (!id) throw new Error(`${path} listed nothing: ${JSON.stringify(body).slice(0, 200)}`);
  return id;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'intercoop-e2e-routes-'));
  [server, browser] = await Promise.all([
    // A first start loads the demo network; a busy machine may take longer than the default.
    startServe({ INTERCOOP_DATA_DIR: dataDir }, 150_000),
    launchChromium(),
  ]);
  if (!server.admin) throw new Error('the first start printed no network admin');
  admin = server.admin;
  // The demo network loaded on this first start: its records are the routes' subjects.
  ids.organization = await firstId('/api/network/organizations?limit=1');
  ids.project = await firstId('/api/projects?limit=1');
  ids.intent = await firstId('/api/network/intents?limit=1');
}, 200_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 30_000);

async function newContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: phone, locale: 'en-US' });
}

/** A context signed in as the network admin over HTTP: its cookie serves every page of it. */
async function signedInContext(): Promise<BrowserContext> {
  const context = await newContext();
  const login = await context.request.post(`${server.url}/api/auth/login`, {
    data: { email: admin.email, password: admin.password },
  });
  expect(login.status()).toBe(200);
  return context;
}

const heading = (page: Page) => page.locator('h1').first();

describe('each main route', () => {
  it('loads at most 200 KB of JavaScript, compressed as served, counted in a fresh context', async () => {
    const routes: { path: string; signedIn: boolean; ready: (page: Page) => Promise<unknown> }[] = [
      {
        path: '/',
        signedIn: false,
        ready: (page) => page.locator('.organization-card').first().waitFor(),
      },
      {
        path: `/organizations/${ids.organization}`,
        signedIn: false,
        ready: (page) => heading(page).waitFor(),
      },
      {
        path: `/organizations/${ids.organization}/graph`,
        signedIn: false,
        ready: (page) => page.locator('svg').first().waitFor(),
      },
      { path: '/introductions', signedIn: false, ready: (page) => heading(page).waitFor() },
      {
        path: '/projects',
        signedIn: false,
        ready: (page) => page.locator('.project-card').first().waitFor(),
      },
      {
        path: `/projects/${ids.project}`,
        signedIn: false,
        ready: (page) => page.locator('article.project').waitFor(),
      },
      {
        path: '/offers-and-needs',
        signedIn: false,
        ready: (page) => page.locator('.board article').first().waitFor(),
      },
      {
        path: `/offers-and-needs/${ids.intent}`,
        signedIn: false,
        ready: (page) => heading(page).waitFor(),
      },
      {
        path: '/statistics',
        signedIn: false,
        ready: (page) => page.locator('[data-total]').first().waitFor(),
      },
      {
        path: '/sign-in',
        signedIn: false,
        ready: (page) => page.getByLabel('Email address').waitFor(),
      },
      {
        path: '/account',
        signedIn: true,
        ready: (page) => page.getByText('This device', { exact: true }).waitFor(),
      },
      {
        path: '/organizations/new',
        signedIn: true,
        ready: (page) => page.locator('form').first().waitFor(),
      },
      {
        path: '/projects/new',
        signedIn: true,
        ready: (page) => page.locator('form').first().waitFor(),
      },
      {
        path: '/offers-and-needs/new',
        signedIn: true,
        ready: (page) => page.locator('form').first().waitFor(),
      },
      { path: '/admin', signedIn: true, ready: (page) => page.locator('.admin-tabs').waitFor() },
    ];
    const figures: { path: string; kilobytes: number; scripts: number }[] = [];
    for (const route of routes) {
      // A fresh context each time: nothing cached, every script the route needs is counted.
      const context = route.signedIn ? await signedInContext() : await newContext();
      const page = await context.newPage();
      const scriptBytes = recordScriptBytes(page);
      await page.goto(`${server.url}${route.path}`);
      await route.ready(page);
      await page.waitForLoadState('networkidle');
      const { scripts, total } = await scriptBytes();
      figures.push({
        path: route.path.replace(/[0-9a-f-]{36}/, ':id'),
        kilobytes: Math.round((total / 1024) * 10) / 10,
        scripts: scripts.length,
      });
      // Compressed as it came: a script served uncompressed would count its full size here.
      expect(scripts.length, `${route.path} loaded no script`).toBeGreaterThan(0);
      expect(total, `${route.path}: ${JSON.stringify(scripts)}`).toBeLessThanOrEqual(
        javascriptBudgetBytes,
      );
      await context.close();
    }
    // The figures, for the record of each change (compressed kilobytes per route).
    console.table(figures);
  });
});

describe('signed out', () => {
  it('a visitor’s first load asks who is signed in without an error, and logs none', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors = recordPageErrors(page);
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
    });
    const me = page.waitForResponse((response) => response.url().endsWith('/api/auth/me'));
    await page.goto(`${server.url}/`);
    expect((await me).status()).toBe(200);
    expect(await (await me).json()).toEqual({ signedIn: false });
    await page.locator('.organization-card').first().waitFor();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signing out in one tab switches the other tabs of the browser to signed out', async () => {
    const context = await signedInContext();
    const adminTab = await context.newPage();
    const accountTab = await context.newPage();
    const errors = recordPageErrors(adminTab);
    await adminTab.goto(`${server.url}/admin`);
    await adminTab.locator('.admin-tabs').waitFor();
    await adminTab.getByRole('link', { name: 'Administration' }).waitFor();
    await accountTab.goto(`${server.url}/account`);
    await accountTab.getByText('This device', { exact: true }).waitFor();

    await accountTab.getByRole('button', { name: 'Sign out', exact: true }).click();
    await poll(() => new URL(accountTab.url()).pathname).toBe('/');

    // The other tab, without a reload: signed out, sent to sign in, no Administration left.
    await poll(() => new URL(adminTab.url()).pathname).toBe('/sign-in');
    expect(new URL(adminTab.url()).searchParams.get('next')).toBe('/admin');
    await adminTab.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await adminTab.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    expect(await adminTab.locator('.admin-tabs').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a session ended on the server (signed out everywhere elsewhere) switches every tab at its next request', async () => {
    const context = await signedInContext();
    const first = await context.newPage();
    const second = await context.newPage();
    await first.goto(`${server.url}/admin`);
    await first.locator('.admin-tabs').waitFor();
    await second.goto(`${server.url}/projects`);
    await second.getByRole('link', { name: 'Administration' }).waitFor();

    // Another device of the same account ends every session of it.
    const { 'content-type': _json, ...elsewhere } = await signInOverHttp(
      server.url,
      admin.email,
      admin.password,
    );
    const ended = await fetch(`${server.url}/api/auth/logout?everywhere=true`, {
      method: 'POST',
      headers: elsewhere,
    });
    expect(ended.status).toBe(200);

    // The first tab's next request is refused (401): that tab and the other switch.
    await first.getByRole('link', { name: 'My account' }).click();
    await poll(() => new URL(first.url()).pathname).toBe('/sign-in');
    await first.getByRole('link', { name: 'Sign in' }).waitFor();
    await second.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await second.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await context.close();
  });
});
