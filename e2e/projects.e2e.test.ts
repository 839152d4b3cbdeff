// Projects in the browser: a cooperative's admin starts a project that the cooperative leads,
// with participants and results (after a mistake the form explains), its page shows them, the
// statistics page's impact totals move by exactly those results, the admin carries it on (a
// target added, a result recorded by mistake withdrawn, a participant removed), and nobody else
// may change it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailSink, startMailSink, tokenFrom } from '../test/mail-sink.ts';
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

/** Every route's JavaScript, compressed, as it comes over the wire. */
const javascriptBudgetBytes = 200 * 1024;

let server: Started;
let sink: MailSink;
let dataDir: string;
let browser: Browser;
let adminHeaders: Record<string, string>;
const runId = Date.now().toString(36);
const names = {
  lead: `Solar Weavers Cooperative ${runId}`,
  funder: `Green Horizon Fund ${runId}`,
  outsider: `Hill Tea Cooperative ${runId}`,
};
const projectTitle = `Solar kilns for weavers ${runId}`;
const leadAdmin = { email: `lead-${runId}@coop.example`, password: 'kiln loom sunrise harvest' };
const outsiderAdmin = { email: `tea-${runId}@coop.example`, password: 'terrace leaf kettle dawn' };
let projectId: string;
const ids: Record<keyof typeof names, string> = { lead: '', funder: '', outsider: '' };

async function invite(email: string, organizationId: string, password: string) {
  await writeJson(server.url, '/api/accounts/invitations', adminHeaders, {
    email,
    roles: [{ role: 'organization-admin', scopeType: 'organization', scopeId: organizationId }],
  });
  const mail = await sink.waitFor(email, undefined, 10_000);
  await writeJson(
    server.url,
    '/api/auth/invitations/accept',
    { 'content-type': 'application/json' },
    {
      token: tokenFrom(mail),
      displayName: email.split('@')[0],
      password,
    },
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'intercoop-e2e-projects-'));
  sink = await startMailSink();
  [server, browser] = await Promise.all([
    startServe({ INTERCOOP_DATA_DIR: dataDir, SMTP_URL: sink.url }),
    launchChromium(),
  ]);
  if (!server.admin) throw new Error('the first start printed no network admin');
  adminHeaders = await signInOverHttp(server.url, server.admin.email, server.admin.password);
  const create = async (name: string, kind: string, country: string, members?: object) =>
    String(
      (
        await writeJson(server.url, '/api/network/organizations', adminHeaders, {
          name,
          kind,
          sector: 'energy-utilities',
          country,
          ...(members ? { members } : {}),
        })
      ).id,
    );
  ids.lead = await create(names.lead, 'cooperative', 'KE', { total: 40, women: 31, men: 9 });
  ids.funder = await create(names.funder, 'ngo', 'NL');
  ids.outsider = await create(names.outsider, 'cooperative', 'IN');
  await invite(leadAdmin.email, ids.lead, leadAdmin.password);
  await invite(outsiderAdmin.email, ids.outsider, outsiderAdmin.password);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 30_000);

async function newPage(locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: phone, locale });
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, email: string, password: string, next: string) {
  await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await poll(() => new URL(page.url()).pathname).toBe(next);
}

/**
 * A network total as the statistics page shows it, as an integer of its smallest shown unit
 * (digits only: "BHD 12,500.250" is 12500250), or 0 when the page shows no such total.
 */
async function shownTotal(page: Page, key: string): Promise<bigint> {
  const value = page.locator(`[data-total="${key}"] .figure__value`);
  if ((await value.count()) === 0) return 0n;
  return BigInt(((await value.textContent()) ?? '').replace(/\D/g, '') || '0');
}

/** Text as read, with the no-break spaces Intl puts in numbers and currencies made plain. */
async function plain(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');
}

async function openStatistics(page: Page) {
  await page.goto(`${server.url}/statistics`);
  await page.getByRole('heading', { name: 'What the projects have achieved' }).waitFor();
}

async function routeBytes(page: Page, path: string, ready: () => Promise<unknown>) {
  const scriptBytes = recordScriptBytes(page);
  await page.goto(`${server.url}${path}`);
  await ready();
  const { scripts, total } = await scriptBytes();
  console.info(
    `JavaScript for ${path}: ${(total / 1024).toFixed(1)} KB on the wire`,
    scripts.map((script) => `${new URL(script.url).pathname} ${script.bytes} B`),
  );
  expect(total, path).toBeLessThan(javascriptBudgetBytes);
}

describe('projects in the browser', () => {
  let peopleBefore = 0n;
  let moneyBefore = 0n;

  it('the cooperative’s admin starts a project it leads: mistakes shown inline, then participants and results saved', async () => {
    const { context, page } = await newPage();
    const errors = recordPageErrors(page);
    await signIn(page, leadAdmin.email, leadAdmin.password, '/statistics');
    await page.getByRole('heading', { name: 'What the projects have achieved' }).waitFor();
    peopleBefore = await shownTotal(page, 'people-trained ');
    moneyBefore = await shownTotal(page, 'money-mobilised BHD');

    await page.goto(`${server.url}/projects`);
    await poll(() => page.locator('h1').textContent()).toBe('Projects');
    await page.getByRole('link', { name: 'Start a project' }).click();
    await poll(() => page.locator('h1').textContent()).toBe('Start a project');
    // Their cooperative must lead: the form says so, and names it lead from the start.
    expect(
      await page.getByText('Your organization must lead this project').textContent(),
    ).toContain(names.lead);
    const added = page.getByRole('list', { name: 'Participants to add' });
    expect(await plain(added)).toContain(`${names.lead} — Lead`);

    // First attempt: no country, and a count with decimals.
    await page.getByLabel('Title').fill(projectTitle);
    await page.getByLabel('Summary').fill('Solar kilns so weavers dry dyed wool in any weather.');
    await page.getByLabel('Sector').selectOption('energy-utilities');
    await page.getByLabel('Status').selectOption('active');
    await page.getByRole('button', { name: 'Add a target or a result' }).click();
    await page.getByLabel('Indicator').first().selectOption('people-trained');
    await page.getByLabel('Amount').first().fill('120.5');
    await page.getByRole('button', { name: 'Create the project' }).click();
    const summary = page.getByRole('alert');
    await poll(() => summary.textContent()).toContain('Please correct the following:');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await poll(() => page.locator('#project-form-countries-error').textContent()).toContain(
      'Add at least one country',
    );
    expect(await page.locator('#project-form-figures-0-amount-error').textContent()).toContain(
      'whole number',
    );
    expect(await page.locator('#project-form-figures-0-amount').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await checkScreen(page, 'project-form-errors');

    // Second attempt: the server refuses a source that is not a link, under its field.
    await page.getByLabel('Country to add').selectOption('KE');
    await page.getByRole('button', { name: 'Add the country' }).click();
    await page.getByLabel('Country to add').selectOption('UG');
    await page.getByRole('button', { name: 'Add the country' }).click();
    await page.getByLabel('Sources').fill('not a link');
    await page.getByLabel('Amount').first().fill('120');
    await page.getByLabel('Country of the figure').first().selectOption('KE');
    await page.getByLabel('Year').first().fill('2025');

    // A second participant, chosen with the keyboard in the organization search.
    const organization = page.getByRole('combobox', { name: 'Organization' });
    await organization.fill(`Green Horizon ${runId}`);
    await page.getByRole('option', { name: new RegExp(names.funder) }).waitFor();
    await organization.press('ArrowDown');
    await organization.press('Enter');
    await poll(() => organization.inputValue()).toBe(names.funder);
    await page.getByLabel('Role').selectOption('funder');
    await page.getByRole('button', { name: 'Add the participant' }).click();
    await poll(() => added.getByRole('listitem').count()).toBe(2);

    // Money in a currency with three decimals, not tied to one of the two countries.
    await page.getByRole('button', { name: 'Add a target or a result' }).click();
    await page.getByLabel('Indicator').nth(1).selectOption('money-mobilised');
    await page.getByLabel('Currency').fill('bhd');
    await page.getByLabel('Amount').nth(1).fill('12500.25');
    await poll(() => plain(page.locator('#project-form-figures-1-amount-hint'))).toContain(
      'BHD 12,500.250',
    );
    await page.getByLabel('Year').nth(1).fill('2025');
    await checkScreen(page, 'project-form');
    await page.getByRole('button', { name: 'Create the project' }).click();
    await poll(() => page.locator('#project-form-sources-error').textContent()).not.toBe('');
    expect(await page.getByLabel('Title').inputValue()).toBe(projectTitle);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');

    await page.getByLabel('Sources').fill('https://example.org/solar-kilns');
    await page.getByRole('button', { name: 'Create the project' }).click();
    await poll(() => page.locator('h1').textContent()).toBe(projectTitle);
    projectId = new URL(page.url()).pathname.split('/')[2] ?? '';
    expect(projectId).toMatch(/^[0-9a-f-]{36}$/);
    await poll(() => page.getByRole('status').first().textContent()).toBe(
      'Your changes are saved.',
    );
    const article = page.locator('article.project');
    const text = await plain(article);
    expect(text).toContain('Kenya and Uganda');
    expect(text).toContain('Result 120 · Kenya · 2025');
    expect(text).toContain('Result BHD 12,500.250 · Not tied to one country · 2025');
    expect(await article.getByRole('link', { name: names.lead }).getAttribute('href')).toBe(
      `/organizations/${ids.lead}`,
    );
    expect(await article.getByRole('link', { name: names.funder }).count()).toBe(1);
    await checkScreen(page, 'project-en');

    // The list shows it with its status, countries, lead and results.
    await page.goto(`${server.url}/projects?q=${runId}`);
    const card = page.locator('.project-card', { hasText: projectTitle });
    await card.waitFor();
    const cardText = await plain(card);
    expect(cardText).toContain('Active');
    expect(cardText).toContain(names.lead);
    expect(cardText).toContain('People trained: 120');
    expect(cardText).toContain('Money mobilised: BHD 12,500.250');
    await checkScreen(page, 'projects-en');
    expect(errors.filter((error) => !error.includes('status of 40'))).toEqual([]);
    await context.close();
  });

  it('the network’s impact grows by exactly the new results', async () => {
    const { context, page } = await newPage();
    await openStatistics(page);
    await poll(() => shownTotal(page, 'people-trained ')).toBe(peopleBefore + 120n);
    expect(await shownTotal(page, 'money-mobilised BHD')).toBe(moneyBefore + 12500250n);

    // The chart of people trained by country, read as a table: Kenya counts the 120.
    await page.getByLabel('Indicator shown in the charts below').selectOption('people-trained ');
    const byCountry = page.locator('figure', { hasText: 'People trained by country' });
    await byCountry.getByRole('button', { name: 'Show as a table' }).click();
    const kenya = byCountry.getByRole('row', { name: /Kenya/ });
    const kenyaPeople = BigInt(
      ((await kenya.locator('td').textContent()) ?? '').replace(/\D/g, ''),
    );
    expect(kenyaPeople).toBeGreaterThanOrEqual(120n);
    // Money not tied to one country shows once, under several countries.
    await page
      .getByLabel('Indicator shown in the charts below')
      .selectOption('money-mobilised BHD');
    const moneyByCountry = page.locator('figure', { hasText: 'Money mobilised (BHD) by country' });
    // The reader's choice of a table stays when the indicator changes.
    await moneyByCountry.getByRole('button', { name: 'Show as a chart' }).waitFor();
    await moneyByCountry.getByRole('row', { name: /Several countries/ }).waitFor();
    expect(await moneyByCountry.getByRole('row', { name: /Uganda/ }).count()).toBe(0);
    // Women and men members, as the organizations state them, with the chart's table.
    const people = (await (await fetch(`${server.url}/api/network/statistics`)).json()) as {
      womenMembers: { total: number };
    };
    expect(people.womenMembers.total).toBeGreaterThanOrEqual(31);
    expect(
      BigInt(
        ((await page.locator('[data-people="women"] .figure__value').textContent()) ?? '').replace(
          /\D/g,
          '',
        ),
      ),
    ).toBe(BigInt(people.womenMembers.total));
    const bySex = page.locator('figure', { hasText: 'Women and men members' });
    await bySex.getByRole('button', { name: 'Show as a table' }).click();
    await bySex.getByRole('row', { name: /Women/ }).waitFor();
    await checkScreen(page, 'statistics-en');
    await context.close();
  });

  it('the lead cooperative’s admin adds a target, withdraws a result recorded by mistake and removes a participant', async () => {
    const { context, page } = await newPage();
    await signIn(page, leadAdmin.email, leadAdmin.password, `/projects/${projectId}`);
    await page.getByRole('link', { name: 'Edit this project' }).click();
    await poll(() => page.locator('h1').textContent()).toBe('Edit the project');
    const addFigure = async (kind: string, amount: string, year: string) => {
      await page.getByRole('button', { name: 'Add a target or a result' }).click();
      await page.getByLabel('Target or result').last().selectOption(kind);
      await page.getByLabel('Indicator').last().selectOption('people-trained');
      await page.getByLabel('Amount').last().fill(amount);
      await page.getByLabel('Country of the figure').last().selectOption('KE');
      await page.getByLabel('Year').last().fill(year);
    };
    await addFigure('target', '500', '2026');
    // A slip: 35 people recorded for a course that has not happened.
    await addFigure('result', '35', '2026');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.locator('h1').textContent()).toBe(projectTitle);
    await poll(() => page.locator('article.project').textContent()).toContain(
      '155 of a target of 500.',
    );

    // Withdrawn after a confirmation that names it.
    await page.getByRole('link', { name: 'Edit this project' }).click();
    await poll(() => page.locator('h1').textContent()).toBe('Edit the project');
    const slip = 'Result People trained: 35 · Kenya · 2026';
    await page.getByRole('button', { name: `Withdraw ${slip}` }).click();
    const question = page.getByText(`Withdraw “${slip}”? Do this only`);
    await poll(() => question.evaluate((node) => node === document.activeElement)).toBe(true);
    await checkScreen(page, 'project-edit-confirm');
    await page.getByRole('button', { name: 'Yes, withdraw' }).click();
    const withdrawn = page.getByText(`Withdrawn: ${slip}.`);
    await poll(() => withdrawn.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await page.getByRole('button', { name: `Withdraw ${slip}` }).count()).toBe(0);

    // The only lead stays, and the form says why; the funder goes.
    await page
      .getByRole('button', { name: `Remove ${names.lead} (Lead) from the project` })
      .click();
    await page.getByText(`${names.lead} is this project’s only lead`).waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page
      .getByRole('button', { name: `Remove ${names.funder} (Funder) from the project` })
      .click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await page.getByText(`${names.funder} (Funder) no longer takes part in the project.`).waitFor();

    await page.goto(`${server.url}/projects/${projectId}`);
    await poll(() => page.locator('article.project').textContent()).toContain(
      '120 of a target of 500. (24% of the target)',
    );
    expect(
      await page.locator('article.project').getByRole('link', { name: names.funder }).count(),
    ).toBe(0);
    // The network's impact counts the withdrawn result no more.
    await openStatistics(page);
    await poll(() => shownTotal(page, 'people-trained ')).toBe(peopleBefore + 120n);
    await context.close();
  });

  it('keeps changes to the lead’s admins and staff: visitors and other admins see no action', async () => {
    const { context, page } = await newPage();
    // From the lead's profile to the projects it takes part in.
    await page.goto(`${server.url}/organizations/${ids.lead}`);
    await page.getByRole('link', { name: 'Projects it takes part in' }).click();
    await poll(() => new URL(page.url()).searchParams.get('organizationId')).toBe(ids.lead);
    await poll(() => page.locator('.projects__organization-filter').textContent()).toContain(
      names.lead,
    );
    await page.locator('.project-card', { hasText: projectTitle }).waitFor();
    await poll(() => page.locator('.project-card').count()).toBe(1);
    await page.goto(`${server.url}/projects`);
    await page.locator('.project-card', { hasText: projectTitle }).waitFor();
    expect(await page.getByRole('link', { name: 'Start a project' }).count()).toBe(0);
    await page.goto(`${server.url}/projects/${projectId}`);
    await poll(() => page.locator('h1').textContent()).toBe(projectTitle);
    expect(await page.getByRole('link', { name: 'Edit this project' }).count()).toBe(0);
    await page.goto(`${server.url}/projects/${projectId}/edit`);
    await poll(() => page.locator('h1').textContent()).toBe('You cannot change projects here');
    await page.goto(`${server.url}/projects/new`);
    await poll(() => page.locator('h1').textContent()).toBe('You cannot change projects here');

    await signIn(page, outsiderAdmin.email, outsiderAdmin.password, `/projects/${projectId}`);
    await poll(() => page.locator('h1').textContent()).toBe(projectTitle);
    // Another cooperative's admin may start a project that their own cooperative leads.
    await page.goto(`${server.url}/projects/new`);
    await poll(() => page.locator('h1').textContent()).toBe('Start a project');
    expect(await plain(page.getByRole('list', { name: 'Participants to add' }))).toContain(
      `${names.outsider} — Lead`,
    );
    await page.goto(`${server.url}/projects/${projectId}`);
    await poll(() => page.locator('h1').textContent()).toBe(projectTitle);
    expect(await page.getByRole('link', { name: 'Edit this project' }).count()).toBe(0);
    await page.goto(`${server.url}/projects/${projectId}/edit`);
    await poll(() => page.locator('h1').textContent()).toBe('You cannot change projects here');
    // And the server refuses them anyway.
    const headers = await signInOverHttp(server.url, outsiderAdmin.email, outsiderAdmin.password);
    const current = (await (await fetch(`${server.url}/api/projects/${projectId}`)).json()) as {
      version: number;
    };
    const refused = await fetch(`${server.url}/api/projects/${projectId}`, {
      method: 'PATCH',
      headers: { ...headers, accept: 'application/json' },
      body: JSON.stringify({ version: current.version, title: 'Taken over' }),
    });
    expect(refused.status).toBe(403);
    // Nor may they start one that another cooperative leads.
    const taken = await fetch(`${server.url}/api/projects`, {
      method: 'POST',
      headers: { ...headers, accept: 'application/json' },
      body: JSON.stringify({
        title: `Not theirs ${runId}`,
        sector: 'energy-utilities',
        countries: ['KE'],
        participants: [
          { organizationId: ids.lead, role: 'lead' },
          { organizationId: ids.outsider, role: 'funder' },
        ],
      }),
    });
    expect(taken.status).toBe(403);
    await context.close();
  });

  it('reads in Hindi, and each route stays within its JavaScript budget', async () => {
    const { context, page } = await newPage('hi-IN');
    await page.goto(`${server.url}/statistics`);
    await poll(() => page.locator('h1').textContent()).toBe('आँकड़ों में नेटवर्क');
    await page.locator('[data-total="people-trained "]').waitFor();
    await checkScreen(page, 'statistics-hi');
    await page.goto(`${server.url}/projects/${projectId}`);
    await poll(() => page.locator('h1').textContent()).toBe(projectTitle);
    await poll(() => page.locator('article.project').textContent()).toContain('केन्या');
    await checkScreen(page, 'project-hi');
    await page.goto(`${server.url}/projects`);
    await page.locator('.project-card', { hasText: projectTitle }).waitFor();
    await checkScreen(page, 'projects-hi');
    await context.close();

    for (const [path, heading] of [
      ['/projects', 'Projects'],
      [`/projects/${projectId}`, projectTitle],
      ['/statistics', 'The network in figures'],
    ] as const) {
      const fresh = await newPage();
      await routeBytes(fresh.page, path, () =>
        poll(() => fresh.page.locator('h1').textContent()).toBe(heading),
      );
      await fresh.context.close();
    }
    // Signed in over HTTP in a fresh context: nothing cached, every script counted.
    const staff = await newPage();
    const login = await staff.context.request.post(`${server.url}/api/auth/login`, {
      data: { email: server.admin?.email, password: server.admin?.password },
    });
    expect(login.status()).toBe(200);
    await routeBytes(staff.page, '/projects/new', () =>
      poll(() => staff.page.locator('h1').textContent()).toBe('Start a project'),
    );
    await checkScreen(staff.page, 'project-form-empty');
    await staff.context.close();
  });
});
