// The administration in a real browser: a network admin invites someone (who accepts from the
// email), changes their role in one step, disables their account (their open session stops
// working, sign-in is refused) and enables it again, creates an API token (seen once) and
// revokes it, finds each step in the audit log with its filters, then exports the registry
// (and is told in words when the session has ended) and imports it into a fresh instance
// through that instance's page. An organization admin and a plain member see less.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailSink, startMailSink, tokenFrom } from '../test/mail-sink.ts';
import { run, type Started, signInOverHttp, startServe } from '../test/processes.ts';
import {
  checkScreen,
  launchChromium,
  phone,
  poll,
  recordPageErrors,
  recordScriptBytes,
  writeJson,
} from './browser.ts';

const javascriptBudgetBytes = 200 * 1024;
const timezoneId = 'Asia/Kolkata';
const runId = Date.now().toString(36);
const organizationName = `Cooperativa Administrada ${runId}`;
const otherOrganizationName = `Otra Cooperativa ${runId}`;
const invitedEmail = `ravi-${runId}@coop.example`;
const invitedName = 'Ravi Kumar';
const invitedPassword = 'monsoon ledger indigo 1948';
const tokenName = `Accounting export ${runId}`;

let server: Started;
let fresh: Started | undefined;
let sink: MailSink;
let browser: Browser;
const directories: string[] = [];
let admin: { email: string; password: string };
let organizationId: string;
let otherOrganizationId: string;
let organizationAdmin: { email: string; password: string };
let member: { email: string; password: string };
let exportPath: string;

/** Today in the browser's time zone, as the date inputs want it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: timezoneId }).format(new Date());

async function newDirectory(prefix: string) {
  const directory = await mkdtemp(join(tmpdir(), prefix));
  directories.push(directory);
  return directory;
}

/** An account made as a person would make it: invited by the admin, accepted over HTTP. */
async function acceptedAccount(role: string, scopeId: string, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${runId}@coop.example`;
  const password = `river loom harvest ${runId}`;
  const headers = await signInOverHttp(server.url, admin.email, admin.password);
  await writeJson(server.url, '/api/accounts/invitations', headers, {
    email,
    roles: [{ role, scopeType: 'organization', scopeId }],
  });
  const token = tokenFrom(await sink.waitFor(email, undefined, 10_000));
  await writeJson(
    server.url,
    '/api/auth/invitations/accept',
    { 'content-type': 'application/json' },
    {
      token,
      displayName: name,
      password,
    },
  );
  return { email, password };
}

beforeAll(async () => {
  sink = await startMailSink();
  const dataDir = await newDirectory('intercoop-e2e-admin-');
  [server, browser] = await Promise.all([
    startServe({ INTERCOOP_DATA_DIR: dataDir, SMTP_URL: sink.url }),
    launchChromium(),
  ]);
  if (!server.admin) throw new Error('the first start printed no network admin');
  admin = server.admin;
  const headers = await signInOverHttp(server.url, admin.email, admin.password);
  const create = async (name: string) =>
    String(
      (
        await writeJson(server.url, '/api/network/organizations', headers, {
          name,
          kind: 'cooperative',
          sector: 'agriculture',
          country: 'IN',
        })
      ).id,
    );
  organizationId = await create(organizationName);
  otherOrganizationId = await create(otherOrganizationName);
  organizationAdmin = await acceptedAccount('organization-admin', organizationId, 'Meera Admin');
  member = await acceptedAccount('organization-member', organizationId, 'Suresh Member');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fresh?.stop();
  await server?.stop();
  await sink?.close();
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
}, 60_000);

async function newPage(url = server.url): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: phone,
    locale: 'en-US',
    timezoneId,
    acceptDownloads: true,
    baseURL: url,
  });
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, email: string, password: string, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await poll(() => new URL(page.url()).pathname).toBe(next);
}

/**
 * Loads a route in a new context with the same session but an empty cache, and measures the
 * JavaScript it fetched, compressed, as it came over the wire.
 */
async function measureRoute(context: BrowserContext, path: string, heading: string) {
  const measuring = await browser.newContext({
    viewport: phone,
    locale: 'en-US',
    timezoneId,
    baseURL: server.url,
    storageState: await context.storageState(),
  });
  const page = await measuring.newPage();
  const bytes = recordScriptBytes(page);
  const errors = recordPageErrors(page);
  await page.goto(path);
  await poll(() => page.locator('h1').textContent()).toBe('Administration');
  await page.getByRole('link', { name: heading, exact: true }).waitFor();
  await page.waitForLoadState('networkidle');
  const { scripts, total } = await bytes();
  console.info(
    `JavaScript for ${path}: ${(total / 1024).toFixed(1)} KB on the wire`,
    scripts.map((script) => `${new URL(script.url).pathname} ${script.bytes} B`),
  );
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThan(javascriptBudgetBytes);
  expect(errors).toEqual([]);
  await measuring.close();
}

/** Applies audit filters through the form and waits for the list to answer. */
async function filterAudit(
  page: Page,
  filters: { who?: string; action?: string; type?: string; from?: string; to?: string },
) {
  await page.getByRole('link', { name: 'Clear the filters' }).click();
  await poll(() => new URL(page.url()).search).toBe('');
  if (filters.who) await page.getByLabel('Who').selectOption({ label: filters.who });
  if (filters.action)
    await page.getByLabel('What was done').selectOption({ label: filters.action });
  if (filters.type) await page.getByLabel('Kind of record').selectOption({ label: filters.type });
  if (filters.from) await page.getByLabel('From (day)').fill(filters.from);
  if (filters.to) await page.getByLabel('To (day, included)').fill(filters.to);
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await poll(() => new URL(page.url()).search).not.toBe('');
  await page.locator('.audit-list, .results__status').first().waitFor();
}

describe('the administration', () => {
  it('lets a network admin invite, change a role, make and revoke a token, and find it all in the audit log', async () => {
    const { context, page } = await newPage();
    const errors = recordPageErrors(page);
    await signIn(page, admin.email, admin.password, '/admin');
    await poll(() => page.locator('h1').textContent()).toBe('Administration');
    await page.getByRole('link', { name: 'Import and export' }).waitFor();
    await page.getByText(organizationAdmin.email).waitFor();
    await checkScreen(page, 'admin-people');

    // Invite someone as a member of the organization, choosing it with the keyboard.
    await page.getByLabel('Email address').fill(invitedEmail);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Organization member' });
    const combobox = page.getByRole('combobox', { name: 'Organization of this role' });
    await combobox.fill(`Administrada ${runId}`);
    await page.getByRole('option', { name: new RegExp(organizationName) }).waitFor();
    await combobox.press('ArrowDown');
    await combobox.press('Enter');
    expect(await combobox.inputValue()).toBe(organizationName);
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await poll(() => page.getByRole('status').first().textContent()).toContain(
      `The invitation was sent to ${invitedEmail}.`,
    );
    const pending = page.locator('.admin-card', { hasText: invitedEmail });
    await pending.getByText(`Organization member · ${organizationName}`, { exact: true }).waitFor();
    await checkScreen(page, 'admin-invited');

    // The invited person accepts through the emailed link, in their own browser.
    const mail = await sink.waitFor(invitedEmail, undefined, 10_000);
    const link = /(https?:\/\/\S+\/invitations\/accept#token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(link, mail.text).toBeTruthy();
    const invitee = await newPage();
    await invitee.page.goto(String(link));
    await invitee.page.getByLabel('Your name').fill(invitedName);
    await invitee.page.getByLabel('New password').fill(invitedPassword);
    await invitee.page.getByRole('button', { name: 'Create my account' }).click();
    await poll(() => new URL(invitee.page.url()).pathname).toBe('/account');
    const inviteeSession = () =>
      invitee.page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(await inviteeSession()).toBe(200);

    // Change their role: member becomes administrator of the same organization.
    await page.reload();
    await page.getByLabel('Find a person (name or email)').fill('ravi');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await poll(() => page.locator('.results__status').textContent()).toBe(
      'One person’s name or email contains “ravi”.',
    );
    const card = page.locator('li.admin-card', {
      has: page.getByRole('heading', { name: invitedName }),
    });
    const grantLabels = card.locator('.admin-grant__label');
    await grantLabels.filter({ hasText: `Organization member · ${organizationName}` }).waitFor();
    await card.getByRole('button', { name: /^Change Organization member/ }).click();
    await card
      .getByLabel('Role', { exact: true })
      .selectOption({ label: 'Organization administrator' });
    await poll(() => card.getByLabel('Organization of this role').inputValue()).toBe(
      organizationName,
    );
    await card.getByRole('button', { name: 'Change the role' }).click();
    await poll(() => page.getByRole('status').first().textContent()).toBe(
      `${invitedName} had the role Organization member · ${organizationName}; it is now Organization administrator · ${organizationName}.`,
    );
    await grantLabels
      .filter({ hasText: `Organization administrator · ${organizationName}` })
      .waitFor();
    expect(await grantLabels.allTextContents()).toEqual([
      `Organization administrator · ${organizationName}`,
    ]);
    await checkScreen(page, 'admin-role-changed');

    // Taking a role back asks first, naming the person and the role.
    await card.getByRole('button', { name: /^Take back Organization administrator/ }).click();
    const question = await card.locator('.confirm__question').textContent();
    expect(question).toBe(
      `Take back the role Organization administrator · ${organizationName} from ${invitedName} (${invitedEmail})?`,
    );
    await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Yes, take it back',
    );
    await checkScreen(page, 'admin-confirm-revoke');
    await card.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => grantLabels.allTextContents()).toEqual([
      `Organization administrator · ${organizationName}`,
    ]);

    // Ravi has left: disabling the account asks first, naming him, and ends his open session.
    await card.getByRole('button', { name: `Disable the account of ${invitedName}` }).click();
    expect(await card.locator('.confirm__question').textContent()).toContain(
      `Disable the account of ${invitedName} (${invitedEmail})?`,
    );
    await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Yes, disable it',
    );
    await checkScreen(page, 'admin-confirm-disable');
    await card.getByRole('button', { name: 'Yes, disable it' }).click();
    await poll(() => page.getByRole('status').first().textContent()).toBe(
      `The account of ${invitedName} is disabled: they are signed out everywhere and cannot sign in.`,
    );
    await card.getByText('Account disabled: cannot sign in.').waitFor();
    await checkScreen(page, 'admin-disabled');
    expect(await inviteeSession()).toBe(401);
    await invitee.page.goto('/sign-in?next=%2Faccount');
    await invitee.page.getByLabel('Email address').fill(invitedEmail);
    await invitee.page.getByLabel('Password').fill(invitedPassword);
    await invitee.page.getByRole('button', { name: 'Sign in' }).last().click();
    await poll(() => invitee.page.getByRole('alert').first().textContent()).toContain(
      'The email address or the password is not right.',
    );
    // Enabled again, he signs in with his password.
    await card.getByRole('button', { name: `Enable the account of ${invitedName}` }).click();
    await card.getByRole('button', { name: 'Yes, enable it' }).click();
    await poll(() => page.getByRole('status').first().textContent()).toBe(
      `The account of ${invitedName} is enabled again.`,
    );
    await card.getByText('Account active.').waitFor();
    await signIn(invitee.page, invitedEmail, invitedPassword, '/account');
    expect(await inviteeSession()).toBe(200);
    await invitee.context.close();

    // An API token: shown once, then gone for good.
    await page.getByRole('link', { name: 'API tokens' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/admin/tokens');
    await page.getByLabel('Name', { exact: true }).fill(tokenName);
    const tokenOrganization = page.getByRole('combobox', { name: 'Organization' });
    await tokenOrganization.fill(`Administrada ${runId}`);
    await page.getByRole('option', { name: new RegExp(organizationName) }).click();
    await page.getByLabel('Access').selectOption('write');
    await page.getByRole('button', { name: 'Create the token' }).click();
    const shown = page.getByLabel('The token', { exact: true });
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^ic_[A-Za-z0-9_-]{20,}$/);
    expect(await page.getByText('it is shown only this once').count()).toBe(1);
    await checkScreen(page, 'admin-token-created');
    // The token works until it is revoked.
    const withToken = () =>
      fetch(`${server.url}/api/audit/entries?organizationId=${organizationId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await withToken()).status).toBe(200);
    await page.getByRole('button', { name: 'I have kept it' }).click();
    expect(await page.getByLabel('The token', { exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'People and roles' }).click();
    await page.getByRole('link', { name: 'API tokens' }).click();
    const tokenCard = page.locator('li.admin-card', { hasText: tokenName });
    await tokenCard.getByText('Read and write').waitFor();
    expect(await page.getByText(token).count()).toBe(0);
    expect(await page.locator(`input[value="${token}"]`).count()).toBe(0);
    await tokenCard.getByRole('button', { name: `Revoke ${tokenName}` }).click();
    expect(await tokenCard.locator('.confirm__question').textContent()).toContain(tokenName);
    await tokenCard.getByRole('button', { name: 'Revoke', exact: true }).click();
    await poll(() => page.getByRole('status').first().textContent()).toBe(
      `The token “${tokenName}” was revoked.`,
    );
    await tokenCard.getByText('revoked', { exact: true }).waitFor();
    expect((await withToken()).status).toBe(401);
    await checkScreen(page, 'admin-tokens');

    // Each step in the audit log, found with the filters.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/admin/audit');
    await page.locator('.audit-list').waitFor();
    const adminLabel = new RegExp(`\\(${admin.email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`);
    const adminOption = (await page.getByLabel('Who').locator('option').allTextContents()).find(
      (label) => adminLabel.test(label),
    );
    expect(adminOption).toBeTruthy();

    const firstEntry = () => page.locator('.audit-entry').first();
    const openFirst = async () => {
      await firstEntry().getByRole('button').first().click();
      await firstEntry().locator('table').waitFor();
      return firstEntry();
    };

    await filterAudit(page, { action: 'Invitation sent', from: today(), to: today() });
    let entry = await openFirst();
    expect(await entry.textContent()).toContain(invitedEmail);
    expect(await entry.locator('tr', { hasText: 'email' }).textContent()).toContain(invitedEmail);
    await checkScreen(page, 'admin-audit');

    await filterAudit(page, { action: 'Invitation accepted', type: 'Account' });
    entry = await openFirst();
    expect(await entry.textContent()).toContain(invitedEmail);

    // The change of role is one entry with the role before and after, not a grant and a revoke.
    await filterAudit(page, { who: adminOption as string, action: 'Role changed' });
    entry = await openFirst();
    expect(await entry.textContent()).toContain('role: organization-admin');
    expect(await entry.textContent()).toContain('role: organization-member');
    await filterAudit(page, { action: 'Role taken back' });
    await poll(() => page.locator('.results__status').textContent()).toBe('No entry matches.');

    await filterAudit(page, { who: adminOption as string, action: 'Account disabled' });
    // The row names the account before it is opened, though the entry holds only its status.
    expect(await firstEntry().locator('.audit-entry__record').textContent()).toBe(invitedName);
    entry = await openFirst();
    expect(await entry.locator('tr', { hasText: 'status' }).textContent()).toContain('disabled');
    expect(await entry.locator('tr', { hasText: 'sessionsEnded' }).textContent()).toContain('1');
    await filterAudit(page, { who: adminOption as string, action: 'Account enabled' });
    await openFirst();

    await filterAudit(page, { action: 'API token created', from: today() });
    entry = await openFirst();
    expect(await entry.textContent()).toContain(tokenName);
    expect(await entry.textContent()).not.toContain(token);

    await filterAudit(page, { action: 'API token revoked', type: 'API token' });
    entry = await openFirst();
    const revokedRow = entry.locator('tr', { hasText: 'revokedAt' });
    expect(await revokedRow.locator('td').first().textContent()).toBe('empty');
    // The time shows in the reader's time zone (India: +05:30), not as an ISO string.
    expect(await revokedRow.locator('td').last().textContent()).not.toMatch(/T\d\d:/);

    // Nothing before today: a range in the past shows no entry.
    await filterAudit(page, { from: '2001-01-01', to: '2001-01-31' });
    await poll(() => page.locator('.results__status').textContent()).toBe('No entry matches.');
    // An end before the start is refused in place.
    await page.getByLabel('From (day)').fill('2001-02-01');
    await page.getByLabel('To (day, included)').fill('2001-01-01');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.locator('#audit-to-error').waitFor();
    await checkScreen(page, 'admin-audit-range-error');
    await filterAudit(page, { action: 'Role changed' });
    await openFirst();

    await page.getByLabel('Language', { exact: true }).selectOption('hi');
    await page.locator('html[lang="hi"]').waitFor({ state: 'attached' });
    await poll(() => page.locator('h1').textContent()).toBe('प्रशासन');
    await checkScreen(page, 'admin-audit-hi');
    await page.getByRole('link', { name: 'लोग और भूमिकाएँ' }).click();
    await page.getByText(invitedEmail).first().waitFor();
    await checkScreen(page, 'admin-people-hi');
    await page.getByLabel('भाषा', { exact: true }).selectOption('en');
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });

    // Download the registry through the page.
    await page.getByRole('link', { name: 'Import and export' }).click();
    await checkScreen(page, 'admin-exchange');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as JSON' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/^intercoop-registry-\d{4}-\d{2}-\d{2}\.json$/);
    exportPath = join(await newDirectory('intercoop-e2e-export-'), json.suggestedFilename());
    await json.saveAs(exportPath);
    const [zip] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as zipped CSV' }).click(),
    ]);
    expect(zip.suggestedFilename()).toMatch(/\.zip$/);
    const zipPath = join(await newDirectory('intercoop-e2e-export-'), 'registry.zip');
    await zip.saveAs(zipPath);
    expect((await readFile(zipPath)).subarray(0, 2).toString()).toBe('PK');

    // This registry is not empty: importing into it is refused in words.
    await page.getByLabel('Export file (.json or .zip)').setInputFiles(exportPath);
    await page.getByRole('button', { name: 'Import' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'The registry here is not empty.',
    );

    for (const [path, heading] of [
      ['/admin', 'People and roles'],
      ['/admin/tokens', 'API tokens'],
      ['/admin/audit', 'Audit log'],
      ['/admin/exchange', 'Import and export'],
    ] as const) {
      await measureRoute(context, path, heading);
    }

    // The session has ended (here: its cookie is gone): the server's 401 to the export switches
    // the app to signed out, sent to sign in and back here after, and no file of the server's
    // error is saved.
    const downloads: unknown[] = [];
    page.on('download', (download) => downloads.push(download));
    await context.clearCookies();
    await page.getByRole('button', { name: 'Download as JSON' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/exchange');
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    expect(downloads).toEqual([]);
    await checkScreen(page, 'admin-export-signed-out');
    // Only the refusals the flow provoked: who is signed in (before signing in), and the import
    // into a registry that is not empty.
    expect(errors.filter((error) => !/status of (401|409)/.test(error))).toEqual([]);
    await context.close();
  });

  it('imports the export into a fresh instance through its page, which then lists the same organizations', async () => {
    expect(exportPath).toBeTruthy();
    // A fresh instance without the demo: an admin made before the first start means no demo.
    const dataDir = await newDirectory('intercoop-e2e-admin-fresh-');
    const created = run(['create-admin', '--email', `fresh-${runId}@coop.example`], {
      INTERCOOP_DATA_DIR: dataDir,
    });
    expect(await created.exited, created.output()).toBe(0);
    const printed = /Network admin: (\S+) password: (\S+)/.exec(created.output());
    if (!printed?.[1] || !printed[2]) throw new Error(created.output());
    fresh = await startServe({ INTERCOOP_DATA_DIR: dataDir });
    const directory = async (url: string) =>
      (await (await fetch(`${url}/api/network/organizations?limit=20`)).json()) as {
        items: { id: string; name: string }[];
        total: number;
      };
    expect((await directory(fresh.url)).total).toBe(0);

    const { context, page } = await newPage(fresh.url);
    await signIn(page, printed[1], printed[2], '/admin/exchange');
    await page.getByRole('heading', { name: 'Import a registry' }).waitFor();

    // A file with a fault: the page names the table, the record and the field.
    const document = JSON.parse(await readFile(exportPath, 'utf8'));
    document.organizations[1].country = 'Atlantis';
    const badPath = join(await newDirectory('intercoop-e2e-bad-'), 'bad-registry.json');
    await writeFile(badPath, JSON.stringify(document));
    await page.getByLabel('Export file (.json or .zip)').setInputFiles(badPath);
    await page.getByRole('button', { name: 'Import' }).click();
    const alert = page.getByRole('alert');
    await poll(() => alert.textContent()).toContain(
      'bad-registry.json was not imported; nothing was stored.',
    );
    expect(await alert.textContent()).toContain(
      'In the table organizations, record 2, the field “country”.',
    );
    await checkScreen(page, 'admin-import-refused');

    await page.getByLabel('Export file (.json or .zip)').setInputFiles(exportPath);
    await page.getByRole('button', { name: 'Import' }).click();
    const done = page.getByRole('status').filter({ hasText: 'was imported.' });
    await done.waitFor({ timeout: 60_000 });
    const before = await directory(server.url);
    const organizationsRow = done.locator('tr', { hasText: 'Organizations' });
    expect((await organizationsRow.locator('td').textContent())?.replace(/\D/g, '')).toBe(
      String(before.total),
    );
    await checkScreen(page, 'admin-imported');

    const after = await directory(fresh.url);
    expect(after.total).toBe(before.total);
    expect(after.items.map((item) => item.id)).toEqual(before.items.map((item) => item.id));
    await page.goto('/');
    await page
      .getByRole('link', { name: before.items[0]?.name ?? '' })
      .first()
      .waitFor();
    await context.close();
  });

  it('shows an organization admin only their organization, and refuses the rest', async () => {
    const { context, page } = await newPage();
    await signIn(page, organizationAdmin.email, organizationAdmin.password, '/');
    await page.getByRole('link', { name: 'Administration' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/admin');
    await page.getByText(member.email).waitFor();
    // The network admin has no role in this organization: not listed.
    const listed = await page.locator('.admin-card__detail').allTextContents();
    expect(listed).toContain(organizationAdmin.email);
    expect(listed).not.toContain(admin.email);
    expect(await page.getByRole('link', { name: 'Import and export' }).count()).toBe(0);
    const roles = await page
      .getByLabel('Role', { exact: true })
      .locator('option')
      .allTextContents();
    expect(roles).toEqual([
      'Choose a role',
      'Organization administrator',
      'Organization member',
      'Partner (read only)',
    ]);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Organization member' });
    // Their only organization is chosen for them; no search over others.
    expect(await page.locator('input[role="combobox"]').count()).toBe(0);
    await poll(() => page.getByLabel('Organization of this role').inputValue()).toBe(
      organizationId,
    );
    await checkScreen(page, 'admin-organization-admin');

    await page.goto('/admin/exchange');
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'The administration has no such part',
    );

    // The server refuses what the page does not offer.
    const headers = await signInOverHttp(
      server.url,
      organizationAdmin.email,
      organizationAdmin.password,
    );
    const accounts = (await (
      await fetch(`${server.url}/api/accounts/accounts`, { headers })
    ).json()) as { items: { id: string; email: string }[] };
    const memberAccount = accounts.items.find((account) => account.email === member.email);
    expect(memberAccount).toBeTruthy();
    for (const grant of [
      { role: 'network-admin', scopeType: 'network', scopeId: null },
      { role: 'organization-member', scopeType: 'organization', scopeId: otherOrganizationId },
    ]) {
      const response = await fetch(
        `${server.url}/api/accounts/accounts/${memberAccount?.id}/roles`,
        { method: 'POST', headers, body: JSON.stringify(grant) },
      );
      expect(response.status, JSON.stringify(grant)).toBe(403);
    }
    const invitation = await fetch(`${server.url}/api/accounts/invitations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        email: `elsewhere-${runId}@coop.example`,
        roles: [
          { role: 'organization-admin', scopeType: 'organization', scopeId: otherOrganizationId },
        ],
      }),
    });
    expect(invitation.status).toBe(403);
    const exported = await fetch(`${server.url}/api/network/registry/export`, { headers });
    expect(exported.status).toBe(403);
    // Only network admins disable accounts, and roles change only within their organization.
    expect(await page.getByRole('button', { name: /^Disable the account/ }).count()).toBe(0);
    const { 'content-type': _json, ...withoutBody } = headers;
    const disable = await fetch(
      `${server.url}/api/accounts/accounts/${memberAccount?.id}/disable`,
      // No body, so no content type: as the page sends it.
      {
        method: 'POST',
        headers: withoutBody,
      },
    );
    expect(disable.status).toBe(403);
    const memberGrant = (
      accounts.items.find((account) => account.email === member.email) as unknown as {
        grants: { id: string }[];
      }
    ).grants[0];
    const changed = await fetch(
      `${server.url}/api/accounts/accounts/${memberAccount?.id}/roles/${memberGrant?.id}`,
      {
        method: 'PUT',
        headers,
        body: JSON.stringify({ role: 'network-admin', scopeType: 'network', scopeId: null }),
      },
    );
    expect(changed.status).toBe(403);
    await context.close();
  });

  it('lets an organization admin add a member with a phone typed nationally and change it, at 360 px', async () => {
    const { context, page } = await newPage();
    const errors = recordPageErrors(page);
    await signIn(page, organizationAdmin.email, organizationAdmin.password, '/admin/members');
    // Their only organization is chosen for them, and its country reads a number without +.
    await page
      .getByText(
        'A number without + is read as a number of IN. Several people may share one phone.',
      )
      .waitFor();
    await page.getByLabel('Name').fill('Wanjiru Kamau');
    await page.getByLabel('Kind of membership').selectOption({ label: 'Farmer-member' });
    await page.getByLabel('Member since').fill('2024-02-01');
    await page.getByLabel('Phone (optional)').fill('098765 43210');
    await page.getByRole('button', { name: 'Add the member' }).click();
    await poll(() => page.getByRole('status').first().textContent()).toContain(
      'Wanjiru Kamau was added.',
    );
    const card = page.locator('li', { hasText: 'Wanjiru Kamau' });
    await card.getByRole('link', { name: '+919876543210' }).waitFor();
    await checkScreen(page, 'admin-members');

    // A number that is not one of the country's is refused at the field, and nothing changes.
    await card.getByRole('button', { name: 'Change the phone' }).click();
    await card.getByLabel('Phone (optional)').fill('55555 55555');
    await card.getByRole('button', { name: 'Save the phone' }).click();
    await poll(() => card.locator('.field__error').textContent()).toBe(
      'This is not a valid phone number in IN; check its digits.',
    );
    await checkScreen(page, 'admin-members-phone-refused');
    await card.getByLabel('Phone (optional)').fill('+254 712 345678');
    await card.getByRole('button', { name: 'Save the phone' }).click();
    await card.getByRole('link', { name: '+254712345678' }).waitFor();
    await card.getByRole('button', { name: 'Remove the phone' }).click();
    await card.getByText('No phone').waitFor();
    // Only the refusals the flow provoked: who is signed in (before signing in), and the phone.
    expect(errors.filter((error) => !/status of (401|400)/.test(error))).toEqual([]);
    await context.close();
  });

  it('offers a plain member no administration, and /admin says they may not', async () => {
    const { context, page } = await newPage();
    await signIn(page, member.email, member.password, '/account');
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await page.goto('/admin');
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'You may not use the administration.',
    );
    await checkScreen(page, 'admin-not-allowed');
    await context.close();
  });

  it('shows a network admin the outbox at 360 px, reached and filtered by keyboard', async () => {
    const { context, page } = await newPage();
    await signIn(page, admin.email, admin.password, '/admin');
    // From the tabs to the outbox with the keyboard alone.
    const tab = page.getByRole('link', { name: 'Outbox', exact: true });
    await tab.focus();
    await page.keyboard.press('Enter');
    await poll(() => new URL(page.url()).pathname).toBe('/admin/outbox');
    await page.getByRole('heading', { name: 'Job queues' }).waitFor();
    await page.getByText('platform.outbox.deliver').waitFor();
    // The invitations sent before this test went out: they show as delivered, without their text.
    const card = page.locator('li.admin-card', { hasText: organizationAdmin.email });
    await card.getByText('Delivered', { exact: true }).first().waitFor();
    expect(await page.getByText('#token=').count()).toBe(0);
    await checkScreen(page, 'admin-outbox');
    const show = page.getByLabel('Show');
    await show.focus();
    await show.selectOption('failed');
    await page.getByText('No messages here.').waitFor();
    await checkScreen(page, 'admin-outbox-failed');
    await context.close();
  });
});
