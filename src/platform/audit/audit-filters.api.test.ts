// The audit log's filters: by time (from inclusive, to exclusive), action, entity and actor,
// combined, with the refusals a bad filter gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, startTestApi, type TestApi } from '../../../test/test-api.ts';

let api: TestApi;
let admin: Agent;
let organizationId: string;
/** Moves the clock and signs in again: a session from another time has expired. */
async function atTime(iso: string | undefined) {
  api.setNow(iso ? new Date(iso) : undefined);
  admin = await api.signIn(api.admin.email, api.admin.password);
}

async function rename(name: string, at: string) {
  await atTime(at);
  const read = await api.app.inject({
    method: 'GET',
    url: `/api/network/organizations/${organizationId}`,
  });
  const response = await admin.request({
    method: 'PATCH',
    url: `/api/network/organizations/${organizationId}`,
    payload: { version: read.json().version, name },
  });
  expect(response.statusCode).toBe(200);
}

async function entries(query: string) {
  const response = await admin.request({ method: 'GET', url: `/api/audit/entries?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as { at: string; action: string; after: { name?: string } }[];
}

beforeAll(async () => {
  api = await startTestApi();
  await atTime('2021-03-01T08:00:00.000Z');
  const created = await admin.request({
    method: 'POST',
    url: '/api/network/organizations',
    payload: {
      name: 'Filter Cooperative',
      kind: 'cooperative',
      country: 'IN',
      sector: 'agriculture',
    },
  });
  organizationId = created.json().id;
  await rename('Filter Cooperative March 2', '2021-03-02T10:00:00.000Z');
  await rename('Filter Cooperative March 3', '2021-03-03T23:59:59.999Z');
  await rename('Filter Cooperative March 4', '2021-03-04T00:00:00.000Z');
  await atTime(undefined);
});
afterAll(async () => {
  api?.setNow(undefined);
  await api?.close();
});

describe('the audit log filters', () => {
  it('keeps entries from the start (inclusive) to the end (exclusive), newest first', async () => {
    const found = await entries(
      `organizationId=${organizationId}&from=2021-03-02T10:00:00.000Z&to=2021-03-04T00:00:00.000Z`,
    );
    expect(found.map((entry) => entry.after.name)).toEqual([
      'Filter Cooperative March 3',
      'Filter Cooperative March 2',
    ]);
  });

  it('reads a time with an offset as that instant (a day in India starts at 18:30 UTC)', async () => {
    const found = await entries(
      `organizationId=${organizationId}&from=${encodeURIComponent('2021-03-04T00:00:00+05:30')}`,
    );
    expect(found.map((entry) => entry.after.name)).toEqual([
      'Filter Cooperative March 4',
      'Filter Cooperative March 3',
    ]);
  });

  it('combines time with action and entity, and pages with the cursor inside the range', async () => {
    const range = `from=2021-03-01T00:00:00Z&to=2021-03-05T00:00:00Z&entityType=organization&entityId=${organizationId}`;
    expect((await entries(`${range}&action=create-organization`)).length).toBe(1);
    const first = await admin.request({
      method: 'GET',
      url: `/api/audit/entries?${range}&action=update-organization&limit=2`,
    });
    expect(first.json().items).toHaveLength(2);
    const second = await admin.request({
      method: 'GET',
      url: `/api/audit/entries?${range}&action=update-organization&limit=2&cursor=${first.json().nextCursor}`,
    });
    expect(
      second.json().items.map((entry: { after: { name: string } }) => entry.after.name),
    ).toEqual(['Filter Cooperative March 2']);
    expect(second.json().nextCursor).toBeNull();
  });

  it('filters by who acted', async () => {
    const found = await entries(
      `actorAccountId=${admin.accountId}&entityId=${organizationId}&to=2021-03-02T00:00:00Z`,
    );
    expect(found.map((entry) => entry.action)).toEqual(['create-organization']);
    const someoneElse = await entries(
      `actorAccountId=00000000-0000-4000-8000-000000000000&entityId=${organizationId}`,
    );
    expect(someoneElse).toEqual([]);
  });

  it('refuses a time that is not a timestamp, and an end before the start, naming the field', async () => {
    for (const [query, pointer] of [
      ['from=2021-03-01', '/from'],
      ['to=yesterday', '/to'],
      ['from=2021-03-02T00:00:00Z&to=2021-03-01T00:00:00Z', '/to'],
      ['from=2021-03-02T00:00:00Z&to=2021-03-02T00:00:00Z', '/to'],
    ] as const) {
      const response = await admin.request({
        method: 'GET',
        url: `/api/audit/entries?${query}`,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(
        response.json().errors.map((error: { pointer: string }) => error.pointer),
        query,
      ).toContain(pointer);
    }
  });

  it('keeps an organization admin to their organization whatever the dates', async () => {
    const organizationAdmin = await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
    ]);
    const other = await api.createOrganization({ name: 'Other Filter Cooperative' });
    const own = await organizationAdmin.request({
      method: 'GET',
      url: '/api/audit/entries?from=2000-01-01T00:00:00Z',
    });
    expect(own.statusCode).toBe(200);
    expect(
      own
        .json()
        .items.every(
          (entry: { organizationId: string }) => entry.organizationId === organizationId,
        ),
    ).toBe(true);
    const refused = await organizationAdmin.request({
      method: 'GET',
      url: `/api/audit/entries?organizationId=${other}&from=2000-01-01T00:00:00Z`,
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('the words of the log', () => {
  it('name every action and kind of record its modules declare, in the language asked for', async () => {
    const english = await api.app.inject({ method: 'GET', url: '/api/audit/vocabulary' });
    expect(english.statusCode).toBe(200);
    const french = await api.app.inject({
      method: 'GET',
      url: '/api/audit/vocabulary',
      headers: { 'accept-language': 'fr' },
    });
    expect(french.headers['content-language']).toBe('fr');
    const label = (body: { actions: { code: string; label: string }[] }, code: string) =>
      body.actions.find((word) => word.code === code)?.label;
    expect(label(english.json(), 'create-organization')).toBe('Organization created');
    expect(label(french.json(), 'create-organization')).toBe('Organisation créée');
    expect(label(french.json(), 'retry-outbox-message')).toBeTruthy();
    // Every action the log holds here has its words.
    const held = await entries('limit=100');
    const codes = new Set(english.json().actions.map((word: { code: string }) => word.code));
    for (const entry of held) expect(codes, entry.action).toContain(entry.action);
  });
});

describe('the record an entry changed', () => {
  it('is named in the list: from the entry, else from the latest entry about it that names it', async () => {
    const person = await api.createAccount(
      [{ role: 'organization-admin', scopeType: 'organization', scopeId: organizationId }],
      'Labelled Lakshmi',
    );
    const disabled = await admin.request({
      method: 'POST',
      url: `/api/accounts/accounts/${person.accountId}/disable`,
    });
    expect(disabled.statusCode).toBe(200);
    const response = await admin.request({ method: 'GET', url: '/api/audit/entries?limit=100' });
    const items = response.json().items as Array<{
      action: string;
      entityId: string;
      entityLabel: string | null;
    }>;
    const about = (id: string) =>
      items
        .filter((entry) => entry.entityId === id)
        .map(({ action, entityLabel }) => ({ action, entityLabel }));
    expect(about(organizationId)).toContainEqual({
      action: 'update-organization',
      entityLabel: 'Filter Cooperative March 4',
    });
    expect(about(organizationId)).toContainEqual({
      action: 'create-organization',
      entityLabel: 'Filter Cooperative',
    });
    // Disabling records only the status: the account is named by the entry of its acceptance.
    expect(about(person.accountId)).toContainEqual({
      action: 'disable-account',
      entityLabel: 'Labelled Lakshmi',
    });
  });
});
