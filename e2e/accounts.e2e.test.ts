import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailSink, startMailSink } from '../test/mail-sink.ts';
import { type Started, signInOverHttp, startServe } from '../test/processes.ts';
import { checkScreen, desktop, launchChromium, phone, poll, writeJson } from './browser.ts';

let server: Started;
let sink: MailSink;
let dataDir: string;
let browser: Browser;
const runId = Date.now().toString(36);
const invitedEmail = `amina-${runId}@coop.example`;
const invitedPassword = 'loom indigo river harvest';
/** Who edits in the second flow: a demo coop admin when the demo network loaded, else Amina. */
let editor: { email: string; password: string; organizationId: string };
let invitedOrganizationId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'intercoop-e2e-accounts-'));
  sink = await startMailSink();
  [server, browser] = await Promise.all([
    startServe({ INTERCOOP_DATA_DIR: dataDir, SMTP_URL: sink.url }),
    launchChromium(),
  ]);
  if (!server.admin) throw new Error('the first start printed no network admin');
  const admin = await signInOverHttp(server.url, server.admin.email, server.admin.password);
  const organization = await writeJson(server.url, '/api/network/organizations', admin, {
    name: `Cooperativa Invitada ${runId}`,
    kind: 'cooperative',
    sector: 'agriculture',
    country: 'IN',
    employees: 5,
  });
  invitedOrganizationId = String(organization.id);
  await writeJson(server.url, '/api/accounts/invitations', admin, {
    email: invitedEmail,
    roles: [
      { role: 'organization-admin', scopeType: 'organization', scopeId: invitedOrganizationId },
    ],
  });

  const demoAdmin = /Demo account: (\S+) password: (\S+) \(admin of [^)]*cooperative\)/.exec(
    server.output(),
  );
  if (demoAdmin?.[1] && demoAdmin[2]) {
    const headers = await signInOverHttp(server.url, demoAdmin[1], demoAdmin[2]);
    const me = (await (await fetch(`${server.url}/api/auth/me`, { headers })).json()) as {
      grants: { role: string; scopeId: string | null }[];
    };
    const grant = me.grants.find((entry) => entry.role === 'organization-admin');
    if (!grant?.scopeId) throw new Error('the demo coop admin administers no organization');
    editor = { email: demoAdmin[1], password: demoAdmin[2], organizationId: grant.scopeId };
  } else {
    editor = {
      email: invitedEmail,
      password: invitedPassword,
      organizationId: invitedOrganizationId,
    };
  }
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

describe('accounts in the browser', () => {
  it('accepts an invitation from the email, shows the account in Hindi, signs out and in', async () => {
    const mail = await sink.waitFor(invitedEmail, undefined, 10_000);
    const link = /(https?:\/\/\S+\/invitations\/accept#token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(link, mail.text).toBeTruthy();
    const { context, page } = await newPage();
    await page.goto(String(link));
    await poll(() => page.locator('h1').textContent()).toBe('Accept your invitation');
    // The token leaves the address bar once read.
    expect(new URL(page.url()).hash).toBe('');
    await checkScreen(page, 'invitation');

    // A password the server refuses: its message shows under the field and in the summary.
    await page.getByLabel('Your name').fill('Amina Patel');
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Create my account' }).click();
    const fieldError = page.locator('#invitation-password-error');
    await fieldError.waitFor();
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').textContent()).toContain('Please correct the following');
    await checkScreen(page, 'invitation-error');

    await page.getByLabel('New password').fill(invitedPassword);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/account');
    await poll(() => page.locator('.notice--success').textContent()).toContain('Amina Patel');
    expect(await page.locator('main').textContent()).toContain('Organization administrator');
    // The role names the organization it is held in.
    await page
      .getByRole('list')
      .getByRole('link', { name: `Cooperativa Invitada ${runId}` })
      .waitFor();
    expect(await page.getByText('open the organization').count()).toBe(0);
    await page.getByText('This device').waitFor();
    await checkScreen(page, 'account-en');

    await page.getByLabel('Language', { exact: true }).selectOption('hi');
    await page.locator('html[lang="hi"]').waitFor({ state: 'attached' });
    await poll(() => page.locator('h1').textContent()).toBe('मेरा खाता');
    await checkScreen(page, 'account-hi');
    await page.getByLabel('भाषा', { exact: true }).selectOption('en');
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/');
    await page.getByRole('link', { name: 'Sign in' }).waitFor();

    // A wrong password says so, without telling which part was wrong.
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email address').fill(invitedEmail);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'The email address or the password is not right.',
    );
    await checkScreen(page, 'sign-in-error');

    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await poll(() => page.locator('h1').textContent()).toBe('Reset your password');
    await page.getByLabel('Email address').fill(invitedEmail);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await poll(() => page.getByRole('status').textContent()).toContain(invitedEmail);
    await checkScreen(page, 'password-reset-sent');
    await sink.waitFor(invitedEmail, /password|reset/i, 10_000);

    await signIn(page, invitedEmail, invitedPassword, '/account');
    // Back after signing in goes where the person was before, not to a sign-in form they no
    // longer need; the sign-in page, opened while signed in, says so.
    await page.goBack();
    await poll(() => new URL(page.url()).pathname).toBe('/password-reset');
    expect(await page.locator('#sign-in-email').count()).toBe(0);
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent('/account')}`);
    await poll(() => page.getByRole('status').locator('.notice__title').textContent()).toBe(
      'You are signed in as Amina Patel.',
    );
    expect(await page.locator('#sign-in-email').count()).toBe(0);
    await page.getByRole('link', { name: 'Open my account' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/account');

    // The invitation link, opened again once used: said once, with the way to sign in.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/');
    await page.goto(String(link));
    await page.getByLabel('Your name').fill('Amina Patel');
    await page.getByLabel('New password').fill('another loom and river');
    await page.getByRole('button', { name: 'Create my account' }).click();
    const used = page.getByRole('alert');
    await poll(() => used.textContent()).toContain(
      'This invitation was used already. Sign in, or ask for a new invitation.',
    );
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await used.locator('p').first().textContent()).toBe(
      'This invitation was used already. Sign in, or ask for a new invitation.',
    );
    expect(await page.locator('#invitation-password').count()).toBe(0);
    await checkScreen(page, 'invitation-used');
    await used.getByRole('link', { name: 'Sign in' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('lets a coop admin edit in place, and tells a second session it was overtaken (409)', async () => {
    const profilePath = `/organizations/${editor.organizationId}`;
    const first = await newPage(desktop);
    const second = await newPage(phone);
    await signIn(first.page, editor.email, editor.password, profilePath);
    await signIn(second.page, editor.email, editor.password, profilePath);

    // The second session opens the form first, so it holds the version both read.
    await second.page.getByRole('button', { name: 'Edit this organization' }).click();
    await second.page.getByLabel('Town or village').waitFor();

    const page = first.page;
    await page.getByRole('button', { name: 'Edit this organization' }).click();
    const newName = `${await page.locator('#edit-organization-name').inputValue()} ${runId}`;
    await page.locator('#edit-organization-name').fill(newName);
    await page.getByLabel('Employees').fill('4242');
    const website = page.getByLabel('Website');
    const websiteBefore = await website.inputValue();
    await website.fill('not a web address');
    await page.getByRole('button', { name: 'Save' }).click();
    // The server's message for that field, beside it and linked from the summary.
    const websiteError = page.locator('#edit-organization-website-error');
    await websiteError.waitFor();
    expect(await websiteError.textContent()).toContain('https://');
    expect(await page.getByRole('alert').getByRole('link').first().textContent()).toContain(
      'Website',
    );
    await checkScreen(page, 'edit-field-error');
    await website.fill(websiteBefore);
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.getByRole('status').first().textContent()).toBe(
      'Your changes are saved.',
    );
    await poll(() => page.locator('.figures').textContent()).toContain('4,242');
    await checkScreen(page, 'profile-saved');

    const stale = second.page;
    await stale.getByLabel('Town or village').fill(`Anand ${runId}`);
    await stale.getByRole('button', { name: 'Save' }).click();
    const alert = stale.getByRole('alert');
    await poll(() => alert.textContent()).toContain(
      'Someone else changed this organization while you were editing it.',
    );
    // What the other person wrote, and the heading follows it.
    expect(await alert.textContent()).toContain(
      `They changed: Name (now ${newName}) and Employees (now 4,242).`,
    );
    expect(await stale.locator('h1').textContent()).toBe(newName);
    // The reader's own change is still in the form.
    expect(await stale.getByLabel('Town or village').inputValue()).toBe(`Anand ${runId}`);
    await checkScreen(stale, 'edit-conflict');
    // Saving again applies it on top of the other change.
    await stale.getByRole('button', { name: 'Save' }).click();
    await poll(() => stale.locator('.facts').textContent()).toContain(`Anand ${runId}`);
    expect(await stale.locator('.figures').textContent()).toContain('4,242');

    await first.context.close();
    await second.context.close();
  });
});
