import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailSink, startMailSink, tokenFrom } from '../test/mail-sink.ts';
import { type Started, signInOverHttp, startServe } from '../test/processes.ts';
import {
  checkScreen,
  desktop,
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
  coop: `Cooperativa Semillas ${runId}`,
  partner: `Banco Solidario ${runId}`,
  federation: `Federación Agraria ${runId}`,
  group: `Grupo Escuela Rural ${runId}`,
  distant: `Cooperativa Lejana ${runId}`,
  alone: `Cooperativa Aislada ${runId}`,
  other: `Otra Cooperativa ${runId}`,
};
const ids: Record<keyof typeof names, string> = {
  coop: '',
  partner: '',
  federation: '',
  group: '',
  distant: '',
  alone: '',
  other: '',
};
const coopAdmin = { email: `lucia-${runId}@coop.example`, password: 'maize terrace rain ledger' };
const otherAdmin = { email: `omar-${runId}@coop.example`, password: 'olive press morning tide' };

/** Invites an organization admin by email and accepts the invitation, as the person would. */
async function createOrganizationAdmin(
  person: { email: string; password: string },
  organizationId: string,
  displayName: string,
) {
  await writeJson(server.url, '/api/accounts/invitations', adminHeaders, {
    email: person.email,
    roles: [{ role: 'organization-admin', scopeType: 'organization', scopeId: organizationId }],
  });
  const mail = await sink.waitFor(person.email, undefined, 10_000);
  await writeJson(
    server.url,
    '/api/auth/invitations/accept',
    { 'content-type': 'application/json' },
    { token: tokenFrom(mail), displayName, password: person.password },
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'intercoop-e2e-graph-'));
  sink = await startMailSink();
  [server, browser] = await Promise.all([
    startServe({ INTERCOOP_DATA_DIR: dataDir, SMTP_URL: sink.url }),
    launchChromium(),
  ]);
  if (!server.admin) throw new Error('the first start printed no network admin');
  adminHeaders = await signInOverHttp(server.url, server.admin.email, server.admin.password);
  const create = async (key: keyof typeof names, kind: string, country: string) => {
    const organization = await writeJson(server.url, '/api/network/organizations', adminHeaders, {
      name: names[key],
      kind,
      sector: 'agriculture',
      country,
    });
    ids[key] = String(organization.id);
  };
  await create('coop', 'cooperative', 'PE');
  await create('partner', 'ngo', 'PE');
  await create('federation', 'federation', 'PE');
  await create('group', 'group', 'BO');
  await create('distant', 'cooperative', 'BO');
  await create('alone', 'cooperative', 'EC');
  await create('other', 'cooperative', 'EC');
  // The coop belongs to the federation, which trains a group that a distant coop belongs to:
  // three ties from the coop to the distant coop.
  const tie = (path: string, body: Record<string, unknown>) =>
    writeJson(server.url, `/api/network/${path}`, adminHeaders, body);
  await tie('affiliations', {
    memberId: ids.coop,
    parentId: ids.federation,
    kind: 'member-of',
    startedOn: '2010-05-01',
  });
  await tie('partnerships', { fromId: ids.federation, toId: ids.group, kind: 'training' });
  await tie('affiliations', { memberId: ids.distant, parentId: ids.group, kind: 'member-of' });
  await createOrganizationAdmin(coopAdmin, ids.coop, 'Lucía Quispe');
  await createOrganizationAdmin(otherAdmin, ids.other, 'Omar Vera');
}, 120_000);

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

async function signIn(page: Page, person: { email: string; password: string }, next: string) {
  await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await poll(() => new URL(page.url()).pathname).toBe(next);
}

/** Types into an organization combobox and chooses the suggestion by keyboard. */
async function chooseOrganization(page: Page, label: string, typed: string, name: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.fill(typed);
  await page.getByRole('option', { name: new RegExp(name) }).waitFor();
  await box.press('ArrowDown');
  await poll(() => box.getAttribute('aria-activedescendant')).toBeTruthy();
  await box.press('Enter');
  await poll(() => box.inputValue()).toBe(name);
  expect(await box.getAttribute('aria-expanded')).toBe('false');
}

describe('ties, the relation graph and introductions in the browser', () => {
  it('lets a coop admin add a partnership, explains a cycle, and finds the partner in the graph', async () => {
    const { context, page } = await newPage(desktop);
    const errors = recordPageErrors(page);
    await signIn(page, coopAdmin, `/organizations/${ids.coop}`);
    await poll(() => page.locator('h1').textContent()).toBe(names.coop);

    // Nothing chosen: the summary takes the focus and links to the field.
    await page.getByRole('button', { name: 'Add a partnership' }).click();
    await page.getByRole('button', { name: 'Record the partnership' }).click();
    const summary = page.getByRole('alert');
    await poll(() => summary.textContent()).toContain('Please correct the following');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(
      await page
        .getByRole('combobox', { name: 'Partner organization' })
        .getAttribute('aria-invalid'),
    ).toBe('true');

    await chooseOrganization(
      page,
      'Partner organization',
      `banco solidario ${runId}`,
      names.partner,
    );
    await page.getByLabel('Kind of partnership').selectOption('funding');
    await page.getByLabel(`The partner provides to ${names.coop}`).check();
    await page.getByLabel('Start date (optional)').fill('2024-02-01');
    await page.getByLabel('Note (optional)').fill('Seed credit for the 2024 harvest.');
    await checkScreen(page, 'tie-partnership-form');
    await page.getByRole('button', { name: 'Record the partnership' }).click();
    const status = page.locator('.tie-editor__status');
    // The partner has not agreed yet: a claim, shown as such, that counts nowhere until then.
    await poll(() => status.textContent()).toBe(
      `Recorded as a claim: it counts once ${names.partner} confirms it.`,
    );
    await poll(() => page.evaluate(() => document.activeElement?.className)).toContain(
      'tie-editor__status',
    );
    const ties = page.locator('section[aria-labelledby="profile-ties"]');
    await poll(() => ties.locator('.tie-claims').textContent()).toContain(
      `claimed by ${names.coop}, not confirmed`,
    );
    expect(await page.getByRole('button', { name: 'Confirm' }).count()).toBe(0);
    await checkScreen(page, 'tie-claim-waiting');
    // Network staff confirm it for the partner (which has no admin of its own here).
    const tiesOfCoop = await (
      await fetch(`${server.url}/api/network/organizations/${ids.coop}/ties`)
    ).json();
    const claim = tiesOfCoop.claims[0];
    await writeJson(server.url, `/api/network/claims/${claim.id}/confirm`, adminHeaders, {
      version: claim.version,
    });
    await page.reload();
    await ties.getByRole('link', { name: names.partner }).first().waitFor();
    expect(await ties.locator('.tie-claims').count()).toBe(0);

    // The federation is above the coop: making it a member of the coop would close a loop.
    await page.getByRole('button', { name: 'Add an affiliation' }).click();
    await chooseOrganization(
      page,
      'Organization that belongs to it',
      `federación agraria ${runId}`,
      names.federation,
    );
    await page.getByRole('button', { name: 'Record the affiliation' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'This affiliation would make a loop',
    );
    expect(await page.getByRole('alert').textContent()).toContain(
      `${names.federation} is already above ${names.coop}`,
    );
    await checkScreen(page, 'tie-affiliation-cycle');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // The relation graph: the new partner in the drawing and in the list.
    await page.getByRole('link', { name: 'Relation graph' }).click();
    await poll(() => page.locator('h1').textContent()).toBe(`Relations of ${names.coop}`);
    const svg = page.locator('svg.relation-graph__svg');
    await svg.locator(`a[data-organization="${ids.partner}"]`).waitFor();
    expect(await svg.locator(`a[data-organization="${ids.federation}"]`).count()).toBe(1);
    expect(await svg.locator('line.relation-graph__edge--partnership').count()).toBe(1);
    const list = page.locator('section.neighbour-list');
    await list.getByRole('heading', { name: 'Partners (1)' }).waitFor();
    expect(await list.textContent()).toContain(`${names.partner} funds ${names.coop}`);

    // Two ties away brings the group the federation trains, listed with whom it goes through.
    await page.getByRole('button', { name: 'Up to two ties away' }).click();
    await poll(() => new URL(page.url()).search).toBe('?depth=2');
    await svg.locator(`a[data-organization="${ids.group}"]`).waitFor();
    await poll(() => list.textContent()).toContain(`through ${names.federation}`);
    await checkScreen(page, 'graph-depth2');

    // Enter on the partner's node re-centres the graph on it.
    await page.setViewportSize(desktop);
    await svg.locator(`a[data-organization="${ids.partner}"]`).focus();
    await page.keyboard.press('Enter');
    await poll(() => page.locator('h1').textContent()).toBe(`Relations of ${names.partner}`);
    expect(new URL(page.url()).pathname).toBe(`/organizations/${ids.partner}/graph`);
    await svg.locator(`a[data-organization="${ids.coop}"]`).waitFor();
    // A click on a node does the same, back to the coop.
    await svg.locator(`a[data-organization="${ids.coop}"]`).click();
    await poll(() => page.locator('h1').textContent()).toBe(`Relations of ${names.coop}`);
    // Expected: 401 from /api/auth/me before signing in, 409 for the refused cycle.
    expect(errors.filter((error) => !/status of (401|409)/.test(error))).toEqual([]);
    await context.close();
  });

  it('keeps the graph route light and readable in Hindi', async () => {
    const { context, page } = await newPage(phone);
    const scriptBytes = recordScriptBytes(page);
    const response = await page.goto(`${server.url}/organizations/${ids.federation}/graph?depth=2`);
    expect(response?.status()).toBe(200);
    await poll(() => page.locator('h1').textContent()).toBe(`Relations of ${names.federation}`);
    await page.locator(`svg a[data-organization="${ids.distant}"]`).waitFor();
    const { scripts, total } = await scriptBytes();
    console.info(
      `JavaScript for /organizations/:id/graph: ${(total / 1024).toFixed(1)} KB on the wire`,
      scripts.map((script) => `${new URL(script.url).pathname} ${script.bytes} B`),
    );
    expect(scripts.some((script) => script.url.includes('graph-page'))).toBe(true);
    expect(total).toBeLessThan(javascriptBudgetBytes);
    await checkScreen(page, 'graph-en');

    await page.getByLabel('Language', { exact: true }).selectOption('hi');
    await page.locator('html[lang="hi"]').waitFor({ state: 'attached' });
    await poll(() => page.locator('h1').textContent()).toBe(`${names.federation} के संबंध`);
    await checkScreen(page, 'graph-hi');
    await context.close();
  });

  it('shows another organization’s claim to the coop’s admin, in every language at 360 px, to decline', async () => {
    const otherHeaders = await signInOverHttp(server.url, otherAdmin.email, otherAdmin.password);
    await writeJson(server.url, '/api/network/partnerships', otherHeaders, {
      fromId: ids.other,
      toId: ids.coop,
      kind: 'supply',
    });
    const { context, page } = await newPage(phone);
    const errors = recordPageErrors(page);
    await signIn(page, coopAdmin, `/organizations/${ids.coop}`);
    const claims = page.locator('.tie-claims');
    await poll(() => claims.textContent()).toContain(`claimed by ${names.other}, not confirmed`);
    for (const [locale, words] of [
      ['fr', 'non confirmé'],
      ['es', 'sin confirmar'],
      ['hi', 'पुष्ट नहीं'],
      ['en', 'not confirmed'],
    ] as const) {
      await page.locator('header select').selectOption(locale);
      await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
      await poll(() => claims.textContent()).toContain(words);
      await checkScreen(page, `tie-claim-to-decide-${locale}`);
    }
    await page.getByRole('button', { name: 'Decline' }).click();
    await poll(() => claims.textContent()).toContain(`declined by ${names.coop}`);
    expect(await page.getByRole('button', { name: 'Decline' }).count()).toBe(0);
    // Expected: 401 from /api/auth/me before signing in.
    expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
    await context.close();
  });

  it('finds who can introduce two organizations three ties apart, and keeps them in the address', async () => {
    const { context, page } = await newPage(phone);
    const errors = recordPageErrors(page);
    const scriptBytes = recordScriptBytes(page);
    await page.goto(`${server.url}/organizations/${ids.coop}`);
    await page.getByRole('link', { name: 'Who can introduce us?' }).click();
    await poll(() => page.locator('h1').textContent()).toBe('Who can introduce us?');
    const from = page.getByRole('combobox', { name: 'From (your organization)' });
    await poll(() => from.inputValue()).toBe(names.coop);

    const to = page.getByRole('combobox', { name: 'To (the organization you want to reach)' });
    await to.fill(`lejana ${runId}`);
    await page.getByRole('option', { name: new RegExp(names.distant) }).waitFor();
    await to.press('ArrowDown');
    // The suggestions open over the page, on a phone too.
    await checkScreen(page, 'combobox-open');
    expect(await to.getAttribute('aria-expanded')).toBe('true');
    await to.press('Enter');
    await poll(() => to.inputValue()).toBe(names.distant);
    await page.getByRole('button', { name: 'Find a chain' }).click();
    await poll(() => new URL(page.url()).searchParams.get('to')).toBe(ids.distant);
    expect(new URL(page.url()).searchParams.get('from')).toBe(ids.coop);
    const heading = page.getByRole('heading', { name: 'A chain of 3 ties' });
    await heading.waitFor();
    await poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    const drawn = page.getByRole('list', { name: 'The chain, drawn' });
    expect(await drawn.locator('.chain__organization').allTextContents()).toEqual([
      names.coop,
      names.federation,
      names.group,
      names.distant,
    ]);
    expect(await drawn.locator('.chain__tie-label').allTextContents()).toEqual([
      'member (pointing to the next)',
      'training (pointing to the next)',
      'member (pointing to the previous)',
    ]);
    expect(await page.locator('ol.chain-words li').allTextContents()).toEqual([
      `${names.coop} is a member of ${names.federation}`,
      `${names.federation} trains ${names.group}`,
      `${names.distant} is a member of ${names.group}`,
    ]);
    expect(await page.locator('main').textContent()).toContain(
      `${names.federation} and ${names.group} can introduce you, one after the other.`,
    );
    const { total } = await scriptBytes();
    console.info(`JavaScript for /introductions: ${(total / 1024).toFixed(1)} KB on the wire`);
    expect(total).toBeLessThan(javascriptBudgetBytes);
    await checkScreen(page, 'introductions-en');

    // The address is enough to show the same chain again.
    expect((await page.reload())?.status()).toBe(200);
    await page.getByRole('heading', { name: 'A chain of 3 ties' }).waitFor();
    await poll(() => from.inputValue()).toBe(names.coop);
    await page.getByLabel('Language', { exact: true }).selectOption('hi');
    await page.locator('html[lang="hi"]').waitFor({ state: 'attached' });
    await poll(() => page.locator('h1').textContent()).toBe('हमारा परिचय कौन करा सकता है?');
    await checkScreen(page, 'introductions-hi');
    await page.getByLabel('भाषा', { exact: true }).selectOption('en');
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });

    // An organization with no ties: no chain, said in words.
    await page.goto(`${server.url}/introductions?from=${ids.coop}&to=${ids.alone}`);
    await page.getByRole('heading', { name: 'No chain found' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(
      'No chain of at most 6 ties in force today links these two organizations.',
    );
    await checkScreen(page, 'introductions-none');
    // Expected: /api/auth/me saying no one is signed in (401), and the chain search's 404.
    expect(errors.filter((error) => !/status of (401|404)/.test(error)).length).toBe(0);
    expect(errors.filter((error) => error.includes('status of 404'))).toHaveLength(1);
    await context.close();
  });

  it('lets the coop admin end the partnership, which then leaves the graph', async () => {
    const { context, page } = await newPage(phone);
    await signIn(page, coopAdmin, `/organizations/${ids.coop}`);
    await page.getByRole('button', { name: `End the tie with ${names.partner}` }).click();
    const date = page.getByLabel('Date it ended');
    // Before the partnership started: refused here, before anything is sent.
    await date.fill('2023-12-31');
    await page.getByRole('button', { name: 'Confirm the end' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'It cannot end before it starts.',
    );
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await checkScreen(page, 'tie-end-error');
    await date.fill('2025-12-31');
    await page.getByRole('button', { name: 'Confirm the end' }).click();
    await poll(() => page.locator('.tie-editor__status').textContent()).toBe(
      `The tie with ${names.partner} ended on Dec 31, 2025.`,
    );
    const ties = page.locator('section[aria-labelledby="profile-ties"] ul.ties');
    await poll(() => ties.last().textContent()).toContain('ended Dec 31, 2025');
    expect(
      await page.getByRole('button', { name: `End the tie with ${names.partner}` }).count(),
    ).toBe(0);

    await page.getByRole('link', { name: 'Relation graph' }).click();
    await poll(() => page.locator('h1').textContent()).toBe(`Relations of ${names.coop}`);
    await page.locator(`svg a[data-organization="${ids.federation}"]`).waitFor();
    expect(await page.locator(`svg a[data-organization="${ids.partner}"]`).count()).toBe(0);
    await context.close();
  });

  it('shows no tie forms to a visitor or to another organization’s admin', async () => {
    const { context, page } = await newPage(phone);
    await page.goto(`${server.url}/organizations/${ids.coop}`);
    await poll(() => page.locator('h1').textContent()).toBe(names.coop);
    await page.getByRole('link', { name: 'Relation graph' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add a partnership' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add an affiliation' }).count()).toBe(0);
    expect(await page.locator('.tie-editor').count()).toBe(0);

    await signIn(page, otherAdmin, `/organizations/${ids.coop}`);
    await poll(() => page.locator('h1').textContent()).toBe(names.coop);
    await page.getByRole('link', { name: 'Relation graph' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add a partnership' }).count()).toBe(0);
    expect(await page.locator('.tie-editor').count()).toBe(0);
    // On the organization it administers, the forms are there.
    await page.goto(`${server.url}/organizations/${ids.other}`);
    await page.getByRole('button', { name: 'Add a partnership' }).waitFor();
    await context.close();

    // And the server refuses them anyway.
    const headers = await signInOverHttp(server.url, otherAdmin.email, otherAdmin.password);
    const refused = await fetch(`${server.url}/api/network/partnerships`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ fromId: ids.coop, toId: ids.partner, kind: 'supply' }),
    });
    expect(refused.status).toBe(403);
  });
});
