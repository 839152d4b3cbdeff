// The access table: every operation of the API, called without credentials, as another
// organization's admin, as a plain member, with the organization's read and write API tokens
// (made by its admin), and with the right role. Each must answer what the
// rules say, and a refused call must leave every table and the audit log as they were.
// An operation missing from the table (or a row for one that no longer exists) fails the test.
import { createHmac } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureFixtureIndicator,
  fixtureIndicator,
  freshPeriod,
  reportAt,
} from '../test/kpi-fixtures.ts';
import { tokenFrom } from '../test/mail-sink.ts';
import { type Agent, fingerprint, startTestApi, type TestApi } from '../test/test-api.ts';

let api: TestApi;
type ActorName =
  | 'anonymous'
  | 'otherOrganizationAdmin'
  | 'member'
  | 'readToken'
  | 'writeToken'
  | 'allowed';
const callers: ActorName[] = [
  'anonymous',
  'otherOrganizationAdmin',
  'member',
  'readToken',
  'writeToken',
  'allowed',
];
type Fixtures = {
  organizationId: string;
  otherOrganizationId: string;
  organizationAdmin: Agent;
  otherOrganizationAdmin: Agent;
  member: Agent;
  /** An account holding a role in the organization, for the role operations. */
  target: Agent;
  /** API tokens the organization's admin made for the organization, to read and to write. */
  readToken: string;
  writeToken: string;
};
let fixtures: Fixtures;

type Row = {
  /** Who makes the successful call. */
  allowedAs: 'admin' | 'organizationAdmin' | 'member' | 'anonymous';
  expect: Record<ActorName, number>;
  /** The request, made fresh for each caller (some calls consume what they act on). */
  request: (caller: ActorName) => Promise<InjectOptions> | InjectOptions;
};

// The phone providers' callbacks: Africa's Talking's carries the webhook secret; Twilio's is
// signed as Twilio signs (the URL, then each parameter's name and value, sorted by name).
const webhookSecret = 'access-table-webhook-secret';
const twilioAuthToken = 'access-table-twilio-token';
function signedTwilioCallback(fields: Record<string, string>): InjectOptions {
  const url = '/api/reach/sms/twilio';
  const signed = Object.keys(fields)
    .sort()
    .reduce((text, name) => text + name + fields[name], `http://intercoop.test${url}`);
  return {
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': createHmac('sha1', twilioAuthToken).update(signed).digest('base64'),
    },
    payload: new URLSearchParams(fields).toString(),
  };
}

let counter = 0;
const unique = () => `${Date.now()}-${++counter}`;
const newOrganization = () => ({
  name: `Access Test ${unique()}`,
  kind: 'cooperative',
  country: 'KE',
  sector: 'agriculture',
});

async function pendingInvitationId(): Promise<string> {
  const response = await api.admin.request({
    method: 'POST',
    url: '/api/accounts/invitations',
    payload: {
      email: `pending-${unique()}@coop.test`,
      roles: [
        {
          role: 'organization-member',
          scopeType: 'organization',
          scopeId: fixtures.organizationId,
        },
      ],
    },
  });
  return response.json().id;
}

async function tokenId(): Promise<string> {
  const response = await fixtures.organizationAdmin.request({
    method: 'POST',
    url: '/api/accounts/tokens',
    payload: { name: `t-${unique()}`, organizationId: fixtures.organizationId, access: 'read' },
  });
  return response.json().id;
}

async function grantIdOnTarget(): Promise<string> {
  const response = await api.admin.request({
    method: 'POST',
    url: `/api/accounts/accounts/${fixtures.target.accountId}/roles`,
    payload: {
      role: 'partner-viewer',
      scopeType: 'organization',
      scopeId: fixtures.organizationId,
    },
  });
  const grant = response
    .json()
    .grants.find((entry: { role: string }) => entry.role === 'partner-viewer');
  return grant.id;
}

/** A new account with a role in the organization, to disable without touching the fixtures. */
function leaver(): Promise<Agent> {
  return api.createAccount([
    { role: 'organization-member', scopeType: 'organization', scopeId: fixtures.organizationId },
  ]);
}

/** A partnership a new organization's admin claims with the organization: its claim's id. */
async function claimAwaitingOrganization(): Promise<string> {
  const claimer = await freshOrganization();
  const claimerAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: claimer },
  ]);
  const response = await claimerAdmin.request({
    method: 'POST',
    url: '/api/network/partnerships',
    payload: { fromId: claimer, toId: fixtures.organizationId, kind: 'training' },
  });
  if (response.statusCode !== 202) throw new Error(`claim failed: ${response.body}`);
  return response.json().id;
}

/** A new organization made by the admin, to tie to the fixtures without touching other rows. */
function freshOrganization(): Promise<string> {
  return api.createOrganization(newOrganization());
}

const logoImage = () =>
  sharp({ create: { width: 32, height: 32, channels: 3, background: 'teal' } })
    .png()
    .toBuffer();

/** Gives the organization a logo (as the admin), so that reading or removing one can succeed. */
async function ensureLogo(): Promise<void> {
  const response = await api.admin.request({
    method: 'PUT',
    url: `/api/network/organizations/${fixtures.organizationId}/logo`,
    payload: await logoImage(),
    headers: { 'content-type': 'image/png' },
  });
  if (response.statusCode !== 200) throw new Error(`logo upload failed: ${response.body}`);
}

async function currentVersion(id: string): Promise<number> {
  return (await api.app.inject({ method: 'GET', url: `/api/network/organizations/${id}` })).json()
    .version;
}

/** A fresh need of the fixture organization (made by the admin), at version 1. */
async function intentId(): Promise<string> {
  const response = await api.admin.request({
    method: 'POST',
    url: '/api/network/intents',
    payload: {
      organizationId: fixtures.organizationId,
      direction: 'need',
      title: `Access test need ${unique()}`,
      sector: 'agriculture',
      kind: 'know-how',
    },
  });
  if (response.statusCode !== 201) throw new Error(`intent failed: ${response.body}`);
  return response.json().id;
}

/** A message the outbox gave up on (written as the system, then failed), for the retry row. */
async function failedMessageId(): Promise<string> {
  const id = await api.system.outbox.mail(api.database.db, {
    to: `retry-${unique()}@coop.test`,
    subject: 'Access test',
    text: 'A message to send again.',
  });
  await api.database.pool.query(
    "update platform_outbox_message set status = 'failed', failed_at = now(), last_error = 'refused' where id = $1",
    [id],
  );
  return id;
}

/** The same answer for every caller: the outcome depends on the request, not on who asks. */
const anyone = (status: number) =>
  Object.fromEntries(callers.map((caller) => [caller, status])) as Record<ActorName, number>;
const everyone200 = anyone(200);
/** Any signed-in person; API tokens act only on their organization, never on the account itself. */
const signedIn = (allowed: number, token = 403) => ({
  anonymous: 401,
  otherOrganizationAdmin: allowed,
  member: allowed,
  readToken: token,
  writeToken: token,
  allowed,
});
/** The organization's admins; its tokens, made by such an admin, write only when made to write. */
const organizationAdmins = (
  allowed: number,
  { readToken = 403, writeToken = allowed }: { readToken?: number; writeToken?: number } = {},
) => ({
  anonymous: 401,
  otherOrganizationAdmin: 403,
  member: 403,
  readToken,
  writeToken,
  allowed,
});
/** People only: tokens are refused whatever they were made for. */
const peopleOnly = (allowed: number) => organizationAdmins(allowed, { writeToken: 403 });
/** Network admins only: neither another organization's admin nor a token. */
const networkAdmins = peopleOnly;
/** Any organization's admin, who is shown their own organization's part; no token. */
const anyOrganizationAdmin = { ...peopleOnly(200), otherOrganizationAdmin: 200 };

const table: Record<string, Row> = {
  'GET /health': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({ method: 'GET', url: '/health' }),
  },
  'GET /ready': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({ method: 'GET', url: '/ready' }),
  },
  'GET /api/network/organizations': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({ method: 'GET', url: '/api/network/organizations' }),
  },
  'GET /api/network/organizations/{id}': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({
      method: 'GET',
      url: `/api/network/organizations/${fixtures.organizationId}`,
    }),
  },
  'POST /api/network/organizations': {
    allowedAs: 'admin',
    expect: networkAdmins(201),
    request: () => ({
      method: 'POST',
      url: '/api/network/organizations',
      payload: newOrganization(),
    }),
  },
  'PATCH /api/network/organizations/{id}': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => ({
      method: 'PATCH',
      url: `/api/network/organizations/${fixtures.organizationId}`,
      payload: {
        version: await currentVersion(fixtures.organizationId),
        description: `Edited ${unique()}`,
      },
    }),
  },
  'GET /api/network/organizations/{id}/ties': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({
      method: 'GET',
      url: `/api/network/organizations/${fixtures.organizationId}/ties`,
    }),
  },
  // One side's admin claims the tie: 202, a claim awaiting the other organization's word.
  'POST /api/network/affiliations': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(202),
    request: async () => ({
      method: 'POST',
      url: '/api/network/affiliations',
      payload: {
        memberId: await freshOrganization(),
        parentId: fixtures.organizationId,
        kind: 'member-of',
        startedOn: '2020-01-01',
      },
    }),
  },
  'PATCH /api/network/affiliations/{id}': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/network/affiliations',
        payload: {
          memberId: await freshOrganization(),
          parentId: fixtures.organizationId,
          kind: 'member-of',
        },
      });
      return {
        method: 'PATCH',
        url: `/api/network/affiliations/${created.json().id}`,
        payload: { version: 1, endedOn: '2024-12-31' },
      };
    },
  },
  'POST /api/network/partnerships': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(202),
    request: async () => ({
      method: 'POST',
      url: '/api/network/partnerships',
      payload: {
        fromId: await freshOrganization(),
        toId: fixtures.organizationId,
        kind: 'funding',
        startedOn: '2021-05-01',
      },
    }),
  },
  'PATCH /api/network/partnerships/{id}': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/network/partnerships',
        payload: {
          fromId: fixtures.organizationId,
          toId: await freshOrganization(),
          kind: 'training',
        },
      });
      return {
        method: 'PATCH',
        url: `/api/network/partnerships/${created.json().id}`,
        payload: { version: 1, endedOn: '2025-01-31', note: 'Programme finished.' },
      };
    },
  },
  // A claim by the other organization's admin awaits the organization: only its admins (and
  // network staff) decide; the claimer cannot confirm its own claim.
  'POST /api/network/claims/{id}/confirm': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => ({
      method: 'POST',
      url: `/api/network/claims/${await claimAwaitingOrganization()}/confirm`,
      payload: { version: 1 },
    }),
  },
  'POST /api/network/claims/{id}/decline': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => ({
      method: 'POST',
      url: `/api/network/claims/${await claimAwaitingOrganization()}/decline`,
      payload: { version: 1 },
    }),
  },
  'GET /api/network/organizations/{id}/murmurations': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({
      method: 'GET',
      url: `/api/network/organizations/${fixtures.organizationId}/murmurations`,
    }),
  },
  'GET /api/network/schema-org-context.jsonld': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({ method: 'GET', url: '/api/network/schema-org-context.jsonld' }),
  },
  'GET /api/network/organizations/{id}/logo': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: async () => {
      await ensureLogo();
      return { method: 'GET', url: `/api/network/organizations/${fixtures.organizationId}/logo` };
    },
  },
  'PUT /api/network/organizations/{id}/logo': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => ({
      method: 'PUT',
      url: `/api/network/organizations/${fixtures.organizationId}/logo`,
      payload: await logoImage(),
      headers: { 'content-type': 'image/png' },
    }),
  },
  'DELETE /api/network/organizations/{id}/logo': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(204),
    request: async () => {
      await ensureLogo();
      return {
        method: 'DELETE',
        url: `/api/network/organizations/${fixtures.organizationId}/logo`,
      };
    },
  },
  'GET /api/projects': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({ method: 'GET', url: '/api/projects?country=KE' }),
  },
  'GET /api/projects/{id}': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: { title: `Access Project ${unique()}`, sector: 'other', countries: ['KE'] },
      });
      return { method: 'GET', url: `/api/projects/${created.json().id}` };
    },
  },
  'POST /api/projects': {
    // Network staff start any project; an organization's admin one that their organization leads.
    // The other organization's admin names an organization not theirs as lead (their own only as
    // a funder): refused, as are a member and a visitor.
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(201),
    request: (caller) => ({
      method: 'POST',
      url: '/api/projects',
      payload: {
        title: `Access Project ${unique()}`,
        sector: 'energy-utilities',
        countries: ['KE'],
        participants: [
          { organizationId: fixtures.organizationId, role: 'lead' },
          ...(caller === 'otherOrganizationAdmin'
            ? [{ organizationId: fixtures.otherOrganizationId, role: 'funder' }]
            : []),
        ],
      },
    }),
  },
  'PATCH /api/projects/{id}': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: {
          title: `Access Project ${unique()}`,
          sector: 'energy-utilities',
          countries: ['KE'],
          participants: [{ organizationId: fixtures.organizationId, role: 'lead' }],
        },
      });
      return {
        method: 'PATCH',
        url: `/api/projects/${created.json().id}`,
        payload: { version: 1, status: 'active' },
      };
    },
  },
  'POST /api/projects/{id}/participants': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(201),
    request: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: {
          title: `Access Project ${unique()}`,
          sector: 'energy-utilities',
          countries: ['KE'],
          participants: [{ organizationId: fixtures.organizationId, role: 'lead' }],
        },
      });
      return {
        method: 'POST',
        url: `/api/projects/${created.json().id}/participants`,
        payload: { version: 1, organizationId: fixtures.otherOrganizationId, role: 'funder' },
      };
    },
  },
  'POST /api/projects/{id}/figures': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(201),
    request: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: {
          title: `Access Project ${unique()}`,
          sector: 'energy-utilities',
          countries: ['KE'],
          participants: [{ organizationId: fixtures.organizationId, role: 'lead' }],
        },
      });
      return {
        method: 'POST',
        url: `/api/projects/${created.json().id}/figures`,
        payload: {
          version: 1,
          kind: 'result',
          indicator: 'households-connected',
          amount: '12',
          period: 2024,
        },
      };
    },
  },
  'DELETE /api/projects/{id}/participants/{organizationId}/{role}': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: {
          title: `Access Project ${unique()}`,
          sector: 'energy-utilities',
          countries: ['KE'],
          participants: [
            { organizationId: fixtures.organizationId, role: 'lead' },
            { organizationId: fixtures.otherOrganizationId, role: 'funder' },
          ],
        },
      });
      return {
        method: 'DELETE',
        url: `/api/projects/${created.json().id}/participants/${fixtures.otherOrganizationId}/funder?version=1`,
      };
    },
  },
  'DELETE /api/projects/{id}/figures/{figureId}': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: {
          title: `Access Project ${unique()}`,
          sector: 'energy-utilities',
          countries: ['KE'],
          participants: [{ organizationId: fixtures.organizationId, role: 'lead' }],
        },
      });
      const recorded = await api.admin.request({
        method: 'POST',
        url: `/api/projects/${created.json().id}/figures`,
        payload: {
          version: 1,
          kind: 'result',
          indicator: 'households-connected',
          amount: '12',
          period: 2024,
        },
      });
      const project = recorded.json();
      return {
        method: 'DELETE',
        url: `/api/projects/${project.id}/figures/${project.results[0].id}?version=${project.version}`,
      };
    },
  },
  'GET /api/projects/impact': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({ method: 'GET', url: '/api/projects/impact?by=country' }),
  },
  'GET /api/network/intents': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({ method: 'GET', url: '/api/network/intents' }),
  },
  'POST /api/network/intents': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(201),
    request: () => ({
      method: 'POST',
      url: '/api/network/intents',
      payload: {
        organizationId: fixtures.organizationId,
        direction: 'offer',
        title: `Access test offer ${unique()}`,
        sector: 'agriculture',
        kind: 'training',
      },
    }),
  },
  'GET /api/network/intents/{id}': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: async () => ({
      method: 'GET',
      url: `/api/network/intents/${await intentId()}`,
    }),
  },
  'PATCH /api/network/intents/{id}': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => ({
      method: 'PATCH',
      url: `/api/network/intents/${await intentId()}`,
      payload: { version: 1, title: `Edited ${unique()}` },
    }),
  },
  'POST /api/network/intents/{id}/close': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => ({
      method: 'POST',
      url: `/api/network/intents/${await intentId()}/close`,
      payload: { version: 1 },
    }),
  },
  'GET /api/network/intents/{id}/suggestions': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: async () => ({
      method: 'GET',
      url: `/api/network/intents/${await intentId()}/suggestions`,
    }),
  },
  'GET /api/network/valueflows-context.jsonld': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({ method: 'GET', url: '/api/network/valueflows-context.jsonld' }),
  },
  'GET /api/network/organizations/{id}/tree': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({
      method: 'GET',
      url: `/api/network/organizations/${fixtures.organizationId}/tree`,
    }),
  },
  'GET /api/network/organizations/{id}/neighbours': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({
      method: 'GET',
      url: `/api/network/organizations/${fixtures.organizationId}/neighbours?depth=2`,
    }),
  },
  'GET /api/network/chain': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({
      method: 'GET',
      url: `/api/network/chain?from=${fixtures.organizationId}&to=${fixtures.organizationId}`,
    }),
  },
  'GET /api/network/statistics': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({ method: 'GET', url: '/api/network/statistics' }),
  },
  'GET /api/network/registry/export': {
    allowedAs: 'admin',
    expect: networkAdmins(200),
    request: () => ({ method: 'GET', url: '/api/network/registry/export?format=csv' }),
  },
  'POST /api/network/registry/import': {
    allowedAs: 'admin',
    // Into a registry that is not empty: refused even for the admin, after the access check.
    expect: networkAdmins(409),
    request: async () => {
      const exported = await api.admin.request({
        method: 'GET',
        url: '/api/network/registry/export?format=json',
      });
      return {
        method: 'POST',
        url: '/api/network/registry/import',
        payload: exported.rawPayload,
        headers: { 'content-type': 'application/json' },
      };
    },
  },
  'POST /api/auth/login': {
    allowedAs: 'anonymous',
    // Signing in needs no session; the outcome depends on the credentials, not on who asks.
    expect: anyone(200),
    request: () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: fixtures.member.email, password: fixtures.member.password },
    }),
  },
  'POST /api/auth/logout': {
    allowedAs: 'member',
    expect: signedIn(200),
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
  },
  'GET /api/auth/me': {
    allowedAs: 'member',
    // A visitor with neither cookie nor token is told that nobody is signed in (200,
    // `signedIn: false`), not refused: auth.api.test.ts checks what each is answered.
    expect: { ...signedIn(200), anonymous: 200 },
    request: () => ({ method: 'GET', url: '/api/auth/me' }),
  },
  'PATCH /api/auth/me': {
    allowedAs: 'member',
    // Each person chooses their own language; nobody sets another's.
    expect: signedIn(200),
    request: () => ({ method: 'PATCH', url: '/api/auth/me', payload: { preferredLanguage: null } }),
  },
  'GET /api/auth/sessions': {
    allowedAs: 'member',
    expect: signedIn(200),
    request: () => ({ method: 'GET', url: '/api/auth/sessions' }),
  },
  'DELETE /api/auth/sessions/{id}': {
    allowedAs: 'member',
    // Someone else's session is "not found" for the caller: its existence is not theirs to know.
    expect: {
      anonymous: 401,
      otherOrganizationAdmin: 404,
      member: 204,
      readToken: 403,
      writeToken: 403,
      allowed: 204,
    },
    request: async () => {
      const extra = await api.signIn(fixtures.member.email, fixtures.member.password);
      const sessions = await extra.request({ method: 'GET', url: '/api/auth/sessions' });
      const id = sessions.json().items.find((item: { current: boolean }) => item.current).id;
      return { method: 'DELETE', url: `/api/auth/sessions/${id}` };
    },
  },
  'POST /api/auth/invitations/accept': {
    allowedAs: 'anonymous',
    // Whoever holds the link may accept; a made-up link is not found for anyone.
    expect: anyone(201),
    request: async () => {
      const email = `accept-${unique()}@coop.test`;
      await api.admin.request({
        method: 'POST',
        url: '/api/accounts/invitations',
        payload: {
          email,
          roles: [
            {
              role: 'organization-member',
              scopeType: 'organization',
              scopeId: fixtures.organizationId,
            },
          ],
        },
      });
      const token = tokenFrom(await api.mail.waitFor(email));
      return {
        method: 'POST',
        url: '/api/auth/invitations/accept',
        payload: { token, displayName: 'New Member', password: 'mango monsoon loom 1987' },
      };
    },
  },
  'POST /api/auth/password-reset': {
    allowedAs: 'anonymous',
    expect: anyone(202),
    request: () => ({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: `nobody-${unique()}@coop.test` },
    }),
  },
  'POST /api/auth/password-reset/confirm': {
    allowedAs: 'anonymous',
    expect: anyone(404),
    request: () => ({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token: 'x'.repeat(43), password: 'mango monsoon loom 1987' },
    }),
  },
  'GET /api/accounts/accounts': {
    allowedAs: 'organizationAdmin',
    // Another organization's admin sees their own organization's accounts: allowed, but not these.
    expect: anyOrganizationAdmin,
    request: () => ({ method: 'GET', url: '/api/accounts/accounts' }),
  },
  'POST /api/accounts/accounts/network-admins': {
    allowedAs: 'admin',
    expect: networkAdmins(201),
    request: () => ({
      method: 'POST',
      url: '/api/accounts/accounts/network-admins',
      payload: { email: `admin-${unique()}@coop.test` },
    }),
  },
  'POST /api/accounts/accounts/{id}/roles': {
    allowedAs: 'organizationAdmin',
    expect: peopleOnly(200),
    request: () => ({
      method: 'POST',
      url: `/api/accounts/accounts/${fixtures.target.accountId}/roles`,
      payload: {
        role: 'organization-admin',
        scopeType: 'organization',
        scopeId: fixtures.organizationId,
      },
    }),
  },
  'DELETE /api/accounts/accounts/{id}/roles/{grantId}': {
    allowedAs: 'organizationAdmin',
    expect: peopleOnly(200),
    request: async () => ({
      method: 'DELETE',
      url: `/api/accounts/accounts/${fixtures.target.accountId}/roles/${await grantIdOnTarget()}`,
    }),
  },
  'PUT /api/accounts/accounts/{id}/roles/{grantId}': {
    // An organization's admins change roles within it; another organization's admins may not.
    allowedAs: 'organizationAdmin',
    expect: peopleOnly(200),
    request: async () => {
      const person = await leaver();
      const grant = await api.database.pool.query<{ id: string }>(
        'select id from accounts_role_grant where account_id = $1',
        [person.accountId],
      );
      return {
        method: 'PUT',
        url: `/api/accounts/accounts/${person.accountId}/roles/${grant.rows[0]?.id}`,
        payload: {
          role: 'partner-viewer',
          scopeType: 'organization',
          scopeId: fixtures.organizationId,
        },
      };
    },
  },
  'POST /api/accounts/accounts/{id}/disable': {
    // Network admins only: an organization's own admin is refused too (see the accounts tests).
    allowedAs: 'admin',
    expect: networkAdmins(200),
    request: async () => ({
      method: 'POST',
      url: `/api/accounts/accounts/${(await leaver()).accountId}/disable`,
    }),
  },
  'POST /api/accounts/accounts/{id}/enable': {
    allowedAs: 'admin',
    expect: networkAdmins(200),
    request: async () => {
      const person = await leaver();
      await api.admin.request({
        method: 'POST',
        url: `/api/accounts/accounts/${person.accountId}/disable`,
      });
      return { method: 'POST', url: `/api/accounts/accounts/${person.accountId}/enable` };
    },
  },
  'GET /api/accounts/invitations': {
    allowedAs: 'organizationAdmin',
    expect: anyOrganizationAdmin,
    request: () => ({ method: 'GET', url: '/api/accounts/invitations' }),
  },
  'POST /api/accounts/invitations': {
    allowedAs: 'organizationAdmin',
    expect: peopleOnly(201),
    request: () => ({
      method: 'POST',
      url: '/api/accounts/invitations',
      payload: {
        email: `invite-${unique()}@coop.test`,
        roles: [
          {
            role: 'organization-member',
            scopeType: 'organization',
            scopeId: fixtures.organizationId,
          },
        ],
      },
    }),
  },
  'POST /api/accounts/invitations/{id}/revoke': {
    allowedAs: 'organizationAdmin',
    expect: peopleOnly(200),
    request: async () => ({
      method: 'POST',
      url: `/api/accounts/invitations/${await pendingInvitationId()}/revoke`,
    }),
  },
  'GET /api/accounts/tokens': {
    allowedAs: 'member',
    // A token lists the tokens of its organization that its owner made.
    expect: signedIn(200, 200),
    request: () => ({ method: 'GET', url: '/api/accounts/tokens' }),
  },
  'POST /api/accounts/tokens': {
    allowedAs: 'organizationAdmin',
    expect: peopleOnly(201),
    request: () => ({
      method: 'POST',
      url: '/api/accounts/tokens',
      payload: {
        name: `token ${unique()}`,
        organizationId: fixtures.organizationId,
        access: 'write',
      },
    }),
  },
  'POST /api/accounts/tokens/{id}/revoke': {
    allowedAs: 'organizationAdmin',
    expect: peopleOnly(200),
    request: async () => ({
      method: 'POST',
      url: `/api/accounts/tokens/${await tokenId()}/revoke`,
    }),
  },
  'GET /api/accounts/organizations/{organizationId}/members': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200, { readToken: 200 }),
    request: () => ({
      method: 'GET',
      url: `/api/accounts/organizations/${fixtures.organizationId}/members`,
    }),
  },
  'POST /api/accounts/organizations/{organizationId}/members': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(201),
    request: () => ({
      method: 'POST',
      url: `/api/accounts/organizations/${fixtures.organizationId}/members`,
      payload: {
        person: { displayName: 'Kamla Ben', phone: '+919876543210', preferredLanguage: 'gu' },
        membership: { kind: 'worker-member', startedOn: '2024-02-01' },
      },
    }),
  },
  'PATCH /api/accounts/people/{personId}': {
    allowedAs: 'organizationAdmin',
    // Made fresh for each caller by the admin, so each call is made from the person's version.
    expect: organizationAdmins(200),
    request: async () => {
      const added = await api.admin.request({
        method: 'POST',
        url: `/api/accounts/organizations/${fixtures.organizationId}/members`,
        payload: {
          person: { displayName: `Phone ${unique()}` },
          membership: { kind: 'worker-member', startedOn: '2024-02-01' },
        },
      });
      return {
        method: 'PATCH',
        url: `/api/accounts/people/${added.json().personId}`,
        payload: { version: 1, phone: '98765 43210', defaultCountry: 'IN' },
      };
    },
  },
  // A member's phone PIN: their cooperative's admins (and its write token), network staff.
  'POST /api/reach/people/{personId}/pin-reset': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => {
      const added = await api.admin.request({
        method: 'POST',
        url: `/api/accounts/organizations/${fixtures.organizationId}/members`,
        payload: {
          person: { displayName: `Phone ${unique()}`, phone: '+254712000999' },
          membership: { kind: 'farmer-member', startedOn: '2024-02-01' },
        },
      });
      return { method: 'POST', url: `/api/reach/people/${added.json().personId}/pin-reset` };
    },
  },
  'GET /api/audit/entries': {
    allowedAs: 'organizationAdmin',
    expect: {
      anonymous: 401,
      otherOrganizationAdmin: 403,
      member: 403,
      readToken: 200,
      writeToken: 200,
      allowed: 200,
    },
    request: () => ({
      method: 'GET',
      // Every filter at once: none of them widens what a caller may read.
      url: `/api/audit/entries?organizationId=${fixtures.organizationId}&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&action=grant-role&entityType=account`,
    }),
  },
  // Network admins only: the outbox names every address mail goes to.
  'GET /api/platform/outbox': {
    allowedAs: 'admin',
    expect: networkAdmins(200),
    request: () => ({ method: 'GET', url: '/api/platform/outbox?status=failed&limit=5' }),
  },
  'POST /api/platform/outbox/{id}/retry': {
    allowedAs: 'admin',
    expect: networkAdmins(200),
    request: async () => ({
      method: 'POST',
      url: `/api/platform/outbox/${await failedMessageId()}/retry`,
    }),
  },
  // KPI: the catalogue is public and kept by network admins; an organization's reports are
  // read by its own people and tokens, saved and submitted by its admins and writing tokens, and
  // validated, returned or kept in exchange rates by network staff only.
  'GET /api/kpi/indicators': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({ method: 'GET', url: '/api/kpi/indicators' }),
  },
  'POST /api/kpi/indicators': {
    allowedAs: 'admin',
    expect: networkAdmins(201),
    request: () => ({
      method: 'POST',
      url: '/api/kpi/indicators',
      payload: {
        code: `access_${unique().replace(/\W/g, '_').toLowerCase()}`.slice(0, 60),
        names: { en: 'Access indicator' },
        unit: 'count',
        direction: 'higher-is-better',
        periodicity: 'month',
        aggregation: 'sum',
      },
    }),
  },
  'GET /api/kpi/indicators/{code}': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: async () => {
      await ensureFixtureIndicator(api);
      return { method: 'GET', url: `/api/kpi/indicators/${fixtureIndicator}` };
    },
  },
  'PUT /api/kpi/indicators/{code}': {
    allowedAs: 'admin',
    expect: networkAdmins(200),
    request: async () => {
      await ensureFixtureIndicator(api);
      const current = await api.app.inject({
        method: 'GET',
        url: `/api/kpi/indicators/${fixtureIndicator}`,
      });
      return {
        method: 'PUT',
        url: `/api/kpi/indicators/${fixtureIndicator}`,
        payload: {
          names: { en: 'Members (fixture)' },
          unit: 'people',
          direction: 'higher-is-better',
          periodicity: 'month',
          aggregation: 'latest-sum',
          minValue: 0,
          version: current.json().version,
        },
      };
    },
  },
  'GET /api/kpi/organizations/{organizationId}/reports/{period}': {
    allowedAs: 'member',
    expect: {
      anonymous: 401,
      otherOrganizationAdmin: 403,
      member: 200,
      readToken: 200,
      writeToken: 200,
      allowed: 200,
    },
    request: async () => {
      const { period } = await reportAt(api, fixtures.organizationId, 'draft');
      return {
        method: 'GET',
        url: `/api/kpi/organizations/${fixtures.organizationId}/reports/${period}`,
      };
    },
  },
  'PUT /api/kpi/organizations/{organizationId}/reports/{period}': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(201),
    request: async () => {
      await ensureFixtureIndicator(api);
      return {
        method: 'PUT',
        url: `/api/kpi/organizations/${fixtures.organizationId}/reports/${freshPeriod()}`,
        payload: { values: [{ indicator: fixtureIndicator, value: '7' }] },
      };
    },
  },
  'POST /api/kpi/organizations/{organizationId}/reports/{period}/submit': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => {
      const { period, version } = await reportAt(api, fixtures.organizationId, 'draft');
      return {
        method: 'POST',
        url: `/api/kpi/organizations/${fixtures.organizationId}/reports/${period}/submit`,
        payload: { version },
      };
    },
  },
  'POST /api/kpi/organizations/{organizationId}/reports/{period}/validate': {
    allowedAs: 'admin',
    expect: networkAdmins(200),
    request: async () => {
      const { period, version } = await reportAt(api, fixtures.organizationId, 'submitted');
      return {
        method: 'POST',
        url: `/api/kpi/organizations/${fixtures.organizationId}/reports/${period}/validate`,
        payload: { version },
      };
    },
  },
  'POST /api/kpi/organizations/{organizationId}/reports/{period}/return': {
    allowedAs: 'admin',
    expect: networkAdmins(200),
    request: async () => {
      const { period, version } = await reportAt(api, fixtures.organizationId, 'submitted');
      return {
        method: 'POST',
        url: `/api/kpi/organizations/${fixtures.organizationId}/reports/${period}/return`,
        payload: { version, comment: 'Check the members figure.' },
      };
    },
  },
  'POST /api/kpi/organizations/{organizationId}/reports/{period}/revise': {
    allowedAs: 'organizationAdmin',
    expect: organizationAdmins(200),
    request: async () => {
      const { period, version } = await reportAt(api, fixtures.organizationId, 'validated');
      return {
        method: 'POST',
        url: `/api/kpi/organizations/${fixtures.organizationId}/reports/${period}/revise`,
        payload: {
          version,
          reason: 'A member was counted twice.',
          values: [{ indicator: fixtureIndicator, value: '11' }],
        },
      };
    },
  },
  'GET /api/kpi/exchange-rates': {
    allowedAs: 'member',
    expect: signedIn(200),
    request: () => ({ method: 'GET', url: '/api/kpi/exchange-rates' }),
  },
  'PUT /api/kpi/exchange-rates/{period}/{currency}/{base}': {
    allowedAs: 'admin',
    expect: networkAdmins(200),
    request: () => ({
      method: 'PUT',
      url: '/api/kpi/exchange-rates/2026-01/EUR/XOF',
      payload: { rate: '655.957' },
    }),
  },
  // Words only (what each action is called), the same for everyone.
  'GET /api/audit/vocabulary': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({ method: 'GET', url: '/api/audit/vocabulary' }),
  },
  // Public: a text's encoding and segments hold nothing personal.
  'POST /api/reach/sms/segments': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({
      method: 'POST',
      url: '/api/reach/sms/segments',
      payload: { text: 'Dial *384*12# for your menu.' },
    }),
  },
  'GET /api/reach/sms/templates': {
    allowedAs: 'admin',
    expect: networkAdmins(200),
    request: () => ({ method: 'GET', url: '/api/reach/sms/templates' }),
  },
  // Providers' callbacks: whoever holds the secret or signs with the token, whatever else they carry.
  'POST /api/reach/sms/africastalking': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () => ({
      method: 'POST',
      url: `/api/reach/sms/africastalking?secret=${webhookSecret}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        id: `ATXid_${unique()}`,
        from: '+254711000999',
        text: 'info',
      }).toString(),
    }),
  },
  'POST /api/reach/sms/twilio': {
    allowedAs: 'anonymous',
    expect: everyone200,
    request: () =>
      signedTwilioCallback({ MessageSid: `SM${unique()}`, From: '+254711000998', Body: 'info' }),
  },
  'GET /api/platform/queues': {
    allowedAs: 'admin',
    expect: networkAdmins(200),
    request: () => ({ method: 'GET', url: '/api/platform/queues' }),
  },
};

beforeAll(async () => {
  api = await startTestApi({
    REACH_WEBHOOK_SECRET: webhookSecret,
    TWILIO_AUTH_TOKEN: twilioAuthToken,
  });
  const organizationId = await api.createOrganization({ name: 'Organization A' });
  const otherOrganizationId = await api.createOrganization({ name: 'Organization B' });
  fixtures = {
    organizationId,
    otherOrganizationId,
    organizationAdmin: await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
    ]),
    otherOrganizationAdmin: await api.createAccount([
      { role: 'organization-admin', scopeType: 'organization', scopeId: otherOrganizationId },
    ]),
    member: await api.createAccount([
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
    ]),
    target: await api.createAccount([
      { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
    ]),
    readToken: '',
    writeToken: '',
  };
  for (const access of ['read', 'write'] as const) {
    const created = await fixtures.organizationAdmin.request({
      method: 'POST',
      url: '/api/accounts/tokens',
      payload: { name: `${access} token`, organizationId, access },
    });
    fixtures[`${access}Token`] = created.json().token;
  }
});
afterAll(async () => {
  await api?.close();
});

function agentFor(caller: ActorName, row: Row): Agent | undefined {
  if (caller === 'anonymous') return undefined;
  if (caller === 'otherOrganizationAdmin') return fixtures.otherOrganizationAdmin;
  if (caller === 'member') return fixtures.member;
  return {
    admin: api.admin,
    organizationAdmin: fixtures.organizationAdmin,
    member: fixtures.member,
    anonymous: undefined,
  }[row.allowedAs];
}

/** Builds the call (which may write, to have something to act on), then returns how to send it. */
async function prepare(caller: ActorName, row: Row) {
  const options = await row.request(caller);
  if (caller === 'readToken' || caller === 'writeToken') {
    const token = fixtures[caller];
    const withToken = (request: InjectOptions) =>
      api.app.inject({
        ...request,
        headers: { ...(request.headers ?? {}), authorization: `Bearer ${token}` },
      });
    // A token's use is recorded once a minute: done now, so that the call itself changes nothing.
    await withToken({ method: 'GET', url: '/api/network/statistics' });
    return () => withToken(options);
  }
  let agent = agentFor(caller, row);
  // Signing out ends the session: use a fresh one so the shared agents stay signed in.
  if (agent && options.url === '/api/auth/logout')
    agent = await api.signIn(agent.email, agent.password);
  return () => (agent ? agent.request(options) : api.app.inject(options));
}

describe('the access table', () => {
  it('covers every operation of the API, and nothing else', async () => {
    const document = (await api.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    ).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(
      operations.filter((operation) => !table[operation]),
      'operations missing from the access table',
    ).toEqual([]);
    expect(
      Object.keys(table).filter((key) => !operations.includes(key)),
      'rows for operations that do not exist',
    ).toEqual([]);
  });

  for (const [operation, row] of Object.entries(table)) {
    it(operation, async () => {
      for (const caller of callers) {
        const send = await prepare(caller, row);
        const before = await fingerprint(api.database);
        const response = await send();
        expect(
          response.statusCode,
          `${operation} as ${caller}: ${response.body.slice(0, 300)}`,
        ).toBe(row.expect[caller]);
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(
            await fingerprint(api.database),
            `${operation} as ${caller} was refused but changed data`,
          ).toBe(before);
        }
      }
    });
  }
});
