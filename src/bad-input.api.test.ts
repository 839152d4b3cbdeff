// The bad-input table: every write operation, called with the right role, with no body, an
// unknown field, wrong types, strings over their limit, hostile strings (markup; a NUL, a lone
// surrogate or a byte that is not UTF-8 in any string) and an oversized body, at every depth of
// the body; and every operation, reads included, with the same in each query and path parameter
// and in a header. Each must answer 4xx problem+json that points at the field, and store nothing.
// The cases are derived from each operation's schema in /api/openapi.json, so a new field or
// parameter is covered without editing this file, and a write operation missing from the table fails.
import { createHmac } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
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
import { fieldErrorCodes } from './platform/field-errors.ts';

let api: TestApi;
let organizationId: string;
let organizationAdmin: Agent;
let member: Agent;

// The phone providers' callbacks: Africa's Talking's carries the webhook secret; Twilio's is
// signed as Twilio signs (the URL, then each parameter's name and value, sorted by name).
const webhookSecret = 'bad-input-webhook-secret';
const twilioAuthToken = 'bad-input-twilio-token';
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

type Write = {
  as: () => Agent | undefined;
  /** A call that would succeed; each case spoils one thing in it. */
  valid: () => Promise<InjectOptions> | InjectOptions;
  /**
   * For an operation whose body is raw bytes (an image), which has no JSON schema to derive
   * cases from: the content type it takes, and the most it accepts.
   */
  /**
   * A body of bytes, not JSON; `maxBytes: null` when the limit is too large to send in a test;
   * `unreadAs`, the status of an operation that refuses before it reads the body (an import
   * into a registry that is not empty, as here), whatever the bytes.
   */
  rawBody?: { contentType: string; maxBytes: number | null; unreadAs?: number };
};

/** A partnership another organization's admin claimed with the organization, awaiting its answer. */
async function claimAwaitingOrganization(): Promise<string> {
  const claimer = await api.createOrganization({ name: `Claiming Cooperative ${unique()}` });
  const claimerAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: claimer },
  ]);
  const response = await claimerAdmin.request({
    method: 'POST',
    url: '/api/network/partnerships',
    payload: { fromId: claimer, toId: organizationId, kind: 'training' },
  });
  if (response.statusCode !== 202) throw new Error(`claim failed: ${response.body}`);
  return response.json().id;
}

const logoImage = () =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: 'olive' } })
    .png()
    .toBuffer();

// The nested fields of an organization, filled so that the table reaches into each.
const nestedOrganizationFields = {
  otherNames: [{ text: 'Sahakari Mandali', script: 'Latn', language: 'gu' }],
  coordinates: { lat: 23.03, lon: 72.58 },
  languages: ['gu', 'hi'],
  members: { total: 40, women: 30, men: 10 },
  contacts: { email: 'info@coop.example', phone: '+919876543210' },
  descriptions: { gu: 'Fine.' },
  principles: [{ principle: 1, score: 3, evidence: 'Open to all.' }],
};

const table: Record<string, Write> = {
  'POST /api/network/organizations': {
    as: () => api.admin,
    valid: () => ({
      method: 'POST',
      url: '/api/network/organizations',
      payload: {
        name: `Valid ${unique()}`,
        shortName: 'VC',
        kind: 'cooperative',
        country: 'IN',
        sector: 'agriculture',
        description: 'Fine.',
        website: 'https://coop.example',
        foundingYear: 1990,
        ...nestedOrganizationFields,
      },
    }),
  },
  'PATCH /api/network/organizations/{id}': {
    as: () => organizationAdmin,
    valid: async () => {
      const current = await api.app.inject({
        method: 'GET',
        url: `/api/network/organizations/${organizationId}`,
      });
      return {
        method: 'PATCH',
        url: `/api/network/organizations/${organizationId}`,
        payload: {
          version: current.json().version,
          name: 'Renamed Cooperative',
          shortName: 'RC',
          kind: 'cooperative',
          country: 'IN',
          sector: 'agriculture',
          description: 'Fine.',
          website: 'https://coop.example',
          foundingYear: 1990,
          ...nestedOrganizationFields,
        },
      };
    },
  },
  'POST /api/network/affiliations': {
    as: () => organizationAdmin,
    valid: async () => ({
      method: 'POST',
      url: '/api/network/affiliations',
      payload: {
        memberId: await api.createOrganization(),
        parentId: organizationId,
        kind: 'member-of',
        startedOn: '2020-01-01',
        endedOn: '2024-01-01',
        note: 'Joined in 2020.',
      },
    }),
  },
  'PATCH /api/network/affiliations/{id}': {
    as: () => organizationAdmin,
    valid: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/network/affiliations',
        payload: {
          memberId: await api.createOrganization(),
          parentId: organizationId,
          kind: 'member-of',
        },
      });
      return {
        method: 'PATCH',
        url: `/api/network/affiliations/${created.json().id}`,
        payload: { version: 1, endedOn: '2024-12-31', note: 'Left.' },
      };
    },
  },
  'POST /api/network/partnerships': {
    as: () => organizationAdmin,
    valid: async () => ({
      method: 'POST',
      url: '/api/network/partnerships',
      payload: {
        fromId: await api.createOrganization(),
        toId: organizationId,
        kind: 'funding',
        startedOn: '2021-05-01',
        endedOn: '2023-05-01',
        note: 'A loan fund.',
      },
    }),
  },
  'PATCH /api/network/partnerships/{id}': {
    as: () => organizationAdmin,
    valid: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/network/partnerships',
        payload: { fromId: organizationId, toId: await api.createOrganization(), kind: 'training' },
      });
      return {
        method: 'PATCH',
        url: `/api/network/partnerships/${created.json().id}`,
        payload: { version: 1, endedOn: '2025-01-31', note: 'Done.' },
      };
    },
  },
  'PUT /api/network/organizations/{id}/logo': {
    as: () => organizationAdmin,
    rawBody: { contentType: 'image/png', maxBytes: 1024 * 1024 },
    valid: async () => ({
      method: 'PUT',
      url: `/api/network/organizations/${organizationId}/logo`,
      payload: await logoImage(),
      headers: { 'content-type': 'image/png' },
    }),
  },
  'DELETE /api/network/organizations/{id}/logo': {
    as: () => organizationAdmin,
    valid: () => ({ method: 'DELETE', url: `/api/network/organizations/${organizationId}/logo` }),
  },
  'POST /api/projects': {
    as: () => api.admin,
    valid: () => ({
      method: 'POST',
      url: '/api/projects',
      payload: {
        title: `Valid Project ${unique()}`,
        summary: 'Fine.',
        sector: 'energy-utilities',
        status: 'active',
        startedOn: '2020-01-01',
        endedOn: '2021-12-31',
        countries: ['KE', 'UG'],
        sources: ['https://coop.example/project'],
        participants: [{ organizationId, role: 'lead' }],
      },
    }),
  },
  'PATCH /api/projects/{id}': {
    as: () => organizationAdmin,
    valid: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: {
          title: `Valid Project ${unique()}`,
          sector: 'energy-utilities',
          countries: ['KE'],
          participants: [{ organizationId, role: 'lead' }],
        },
      });
      return {
        method: 'PATCH',
        url: `/api/projects/${created.json().id}`,
        payload: {
          version: 1,
          title: 'Renamed Project',
          summary: 'Fine.',
          sector: 'energy-utilities',
          status: 'active',
          startedOn: '2020-01-01',
          endedOn: '2021-12-31',
          countries: ['KE', 'UG'],
          sources: ['https://coop.example/project'],
        },
      };
    },
  },
  'POST /api/projects/{id}/participants': {
    as: () => organizationAdmin,
    valid: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: {
          title: `Valid Project ${unique()}`,
          sector: 'energy-utilities',
          countries: ['KE'],
          participants: [{ organizationId, role: 'lead' }],
        },
      });
      return {
        method: 'POST',
        url: `/api/projects/${created.json().id}/participants`,
        payload: {
          version: 1,
          organizationId: await api.createOrganization(),
          role: 'funder',
          note: 'Fine.',
        },
      };
    },
  },
  'POST /api/projects/{id}/figures': {
    as: () => organizationAdmin,
    valid: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: {
          title: `Valid Project ${unique()}`,
          sector: 'energy-utilities',
          countries: ['KE', 'UG'],
          participants: [{ organizationId, role: 'lead' }],
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
          unit: 'households',
          country: 'KE',
          period: 2024,
          note: 'Fine.',
          source: 'https://coop.example/result',
        },
      };
    },
  },
  'DELETE /api/projects/{id}/participants/{organizationId}/{role}': {
    as: () => organizationAdmin,
    valid: async () => {
      const funder = await api.createOrganization();
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: {
          title: `Valid Project ${unique()}`,
          sector: 'energy-utilities',
          countries: ['KE'],
          participants: [
            { organizationId, role: 'lead' },
            { organizationId: funder, role: 'funder' },
          ],
        },
      });
      return {
        method: 'DELETE',
        url: `/api/projects/${created.json().id}/participants/${funder}/funder?version=1`,
      };
    },
  },
  'DELETE /api/projects/{id}/figures/{figureId}': {
    as: () => organizationAdmin,
    valid: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: {
          title: `Valid Project ${unique()}`,
          sector: 'energy-utilities',
          countries: ['KE'],
          participants: [{ organizationId, role: 'lead' }],
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
  'POST /api/network/intents': {
    as: () => organizationAdmin,
    valid: () => ({
      method: 'POST',
      url: '/api/network/intents',
      payload: {
        organizationId,
        direction: 'need',
        title: `Organic farming training ${unique()}`,
        description: 'For forty members,\nin Gujarati.',
        sector: 'agriculture',
        countries: ['IN'],
        kind: 'training',
        validFrom: '2025-01-01',
        validUntil: '2030-12-31',
      },
    }),
  },
  'PATCH /api/network/intents/{id}': {
    as: () => organizationAdmin,
    valid: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/network/intents',
        payload: {
          organizationId,
          direction: 'offer',
          title: `Compost ${unique()}`,
          sector: 'agriculture',
          kind: 'product',
        },
      });
      return {
        method: 'PATCH',
        url: `/api/network/intents/${created.json().id}`,
        payload: {
          version: 1,
          title: 'Compost, by the tonne',
          description: 'Delivered.',
          sector: 'agriculture',
          countries: ['IN', 'NP'],
          kind: 'product',
          validFrom: '2025-01-01',
          validUntil: '2030-12-31',
        },
      };
    },
  },
  'POST /api/network/intents/{id}/close': {
    as: () => organizationAdmin,
    valid: async () => {
      const created = await api.admin.request({
        method: 'POST',
        url: '/api/network/intents',
        payload: {
          organizationId,
          direction: 'need',
          title: `Seeds ${unique()}`,
          sector: 'agriculture',
          kind: 'product',
        },
      });
      return {
        method: 'POST',
        url: `/api/network/intents/${created.json().id}/close`,
        payload: { version: 1 },
      };
    },
  },
  'POST /api/network/registry/import': {
    as: () => api.admin,
    // IMPORT_MAX_MIB (256 MiB) is too large to send here; its 413 is tested in exchange.api.test.ts.
    rawBody: { contentType: 'application/json', maxBytes: null, unreadAs: 409 },
    valid: async () => {
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
    as: () => undefined,
    valid: () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: member.email, password: member.password },
    }),
  },
  'POST /api/auth/logout': {
    as: () => member,
    valid: () => ({ method: 'POST', url: '/api/auth/logout?everywhere=false' }),
  },
  'PATCH /api/auth/me': {
    as: () => member,
    valid: () => ({ method: 'PATCH', url: '/api/auth/me', payload: { preferredLanguage: 'fr' } }),
  },
  'DELETE /api/auth/sessions/{id}': {
    as: () => member,
    valid: () => ({
      method: 'DELETE',
      url: '/api/auth/sessions/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e',
    }),
  },
  'POST /api/auth/invitations/accept': {
    as: () => undefined,
    valid: async () => {
      const email = `bad-input-${unique()}@coop.test`;
      await api.admin.request({
        method: 'POST',
        url: '/api/accounts/invitations',
        payload: {
          email,
          roles: [
            { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
          ],
        },
      });
      const token = tokenFrom(await api.mail.waitFor(email));
      return {
        method: 'POST',
        url: '/api/auth/invitations/accept',
        payload: { token, displayName: 'Valid Name', password: 'mango monsoon loom 1987' },
      };
    },
  },
  'POST /api/auth/password-reset': {
    as: () => undefined,
    valid: () => ({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: member.email },
    }),
  },
  'POST /api/auth/password-reset/confirm': {
    as: () => undefined,
    valid: () => ({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token: 'x'.repeat(43), password: 'mango monsoon loom 1987' },
    }),
  },
  'POST /api/accounts/accounts/network-admins': {
    as: () => api.admin,
    valid: () => ({
      method: 'POST',
      url: '/api/accounts/accounts/network-admins',
      payload: { email: `admin-${unique()}@coop.test` },
    }),
  },
  'POST /api/accounts/accounts/{id}/roles': {
    as: () => organizationAdmin,
    valid: () => ({
      method: 'POST',
      url: `/api/accounts/accounts/${member.accountId}/roles`,
      payload: { role: 'partner-viewer', scopeType: 'organization', scopeId: organizationId },
    }),
  },
  'DELETE /api/accounts/accounts/{id}/roles/{grantId}': {
    as: () => organizationAdmin,
    valid: () => ({
      method: 'DELETE',
      url: `/api/accounts/accounts/${member.accountId}/roles/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e`,
    }),
  },
  'PUT /api/accounts/accounts/{id}/roles/{grantId}': {
    as: () => organizationAdmin,
    valid: () => ({
      method: 'PUT',
      url: `/api/accounts/accounts/${member.accountId}/roles/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e`,
      payload: { role: 'partner-viewer', scopeType: 'organization', scopeId: organizationId },
    }),
  },
  'POST /api/accounts/accounts/{id}/disable': {
    as: () => api.admin,
    valid: () => ({
      method: 'POST',
      url: `/api/accounts/accounts/${member.accountId}/disable`,
    }),
  },
  'POST /api/accounts/accounts/{id}/enable': {
    as: () => api.admin,
    valid: () => ({
      method: 'POST',
      url: `/api/accounts/accounts/${member.accountId}/enable`,
    }),
  },
  'POST /api/accounts/invitations': {
    as: () => organizationAdmin,
    valid: () => ({
      method: 'POST',
      url: '/api/accounts/invitations',
      payload: {
        email: `i-${unique()}@coop.test`,
        roles: [
          { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
        ],
      },
    }),
  },
  'POST /api/accounts/invitations/{id}/revoke': {
    as: () => organizationAdmin,
    valid: () => ({
      method: 'POST',
      url: '/api/accounts/invitations/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e/revoke',
    }),
  },
  'POST /api/accounts/tokens': {
    as: () => organizationAdmin,
    valid: () => ({
      method: 'POST',
      url: '/api/accounts/tokens',
      payload: { name: 'Reporting script', organizationId, access: 'read' },
    }),
  },
  'POST /api/accounts/tokens/{id}/revoke': {
    as: () => organizationAdmin,
    valid: () => ({
      method: 'POST',
      url: '/api/accounts/tokens/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e/revoke',
    }),
  },
  'POST /api/platform/outbox/{id}/retry': {
    as: () => api.admin,
    valid: () => ({
      method: 'POST',
      url: '/api/platform/outbox/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e/retry',
    }),
  },
  'POST /api/reach/people/{personId}/pin-reset': {
    as: () => api.admin,
    valid: () => ({
      method: 'POST',
      url: '/api/reach/people/0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e/pin-reset',
    }),
  },
  'POST /api/network/claims/{id}/confirm': {
    as: () => organizationAdmin,
    valid: async () => ({
      method: 'POST',
      url: `/api/network/claims/${await claimAwaitingOrganization()}/confirm`,
      payload: { version: 1 },
    }),
  },
  'POST /api/network/claims/{id}/decline': {
    as: () => organizationAdmin,
    valid: async () => ({
      method: 'POST',
      url: `/api/network/claims/${await claimAwaitingOrganization()}/decline`,
      payload: { version: 1 },
    }),
  },
  'POST /api/kpi/indicators': {
    as: () => api.admin,
    valid: async () => {
      await ensureFixtureIndicator(api);
      return {
        method: 'POST',
        url: '/api/kpi/indicators',
        payload: {
          code: `valid_${unique().replace(/\W/g, '_').toLowerCase()}`.slice(0, 60),
          names: { en: 'Valid indicator', fr: 'Indicateur valide' },
          descriptions: { en: 'What it counts.' },
          unit: 'percent',
          direction: 'higher-is-better',
          periodicity: 'quarter',
          aggregation: 'weighted-average',
          weightCode: fixtureIndicator,
          minValue: 0,
          maxValue: 100,
          dimension: 'Results',
          sources: ['https://example.org/indicators'],
        },
      };
    },
  },
  'PUT /api/kpi/indicators/{code}': {
    as: () => api.admin,
    valid: async () => {
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
          archived: false,
          version: current.json().version,
        },
      };
    },
  },
  'PUT /api/kpi/organizations/{organizationId}/reports/{period}': {
    as: () => organizationAdmin,
    valid: async () => {
      await ensureFixtureIndicator(api);
      return {
        method: 'PUT',
        url: `/api/kpi/organizations/${organizationId}/reports/${freshPeriod()}`,
        payload: { values: [{ indicator: fixtureIndicator, value: '7' }] },
      };
    },
  },
  'POST /api/kpi/organizations/{organizationId}/reports/{period}/submit': {
    as: () => organizationAdmin,
    valid: async () => {
      const { period, version } = await reportAt(api, organizationId, 'draft');
      return {
        method: 'POST',
        url: `/api/kpi/organizations/${organizationId}/reports/${period}/submit`,
        payload: { version },
      };
    },
  },
  'POST /api/kpi/organizations/{organizationId}/reports/{period}/validate': {
    as: () => api.admin,
    valid: async () => {
      const { period, version } = await reportAt(api, organizationId, 'submitted');
      return {
        method: 'POST',
        url: `/api/kpi/organizations/${organizationId}/reports/${period}/validate`,
        payload: { version },
      };
    },
  },
  'POST /api/kpi/organizations/{organizationId}/reports/{period}/return': {
    as: () => api.admin,
    valid: async () => {
      const { period, version } = await reportAt(api, organizationId, 'submitted');
      return {
        method: 'POST',
        url: `/api/kpi/organizations/${organizationId}/reports/${period}/return`,
        payload: { version, comment: 'Check the members figure.' },
      };
    },
  },
  'POST /api/kpi/organizations/{organizationId}/reports/{period}/revise': {
    as: () => organizationAdmin,
    valid: async () => {
      const { period, version } = await reportAt(api, organizationId, 'validated');
      return {
        method: 'POST',
        url: `/api/kpi/organizations/${organizationId}/reports/${period}/revise`,
        payload: {
          version,
          reason: 'A member was counted twice.',
          values: [{ indicator: fixtureIndicator, value: '11' }],
        },
      };
    },
  },
  'PUT /api/kpi/exchange-rates/{period}/{currency}/{base}': {
    as: () => api.admin,
    valid: () => ({
      method: 'PUT',
      url: '/api/kpi/exchange-rates/2026-01/EUR/XOF',
      payload: { rate: '655.957', source: 'https://example.org/rates' },
    }),
  },
  'POST /api/reach/sms/segments': {
    as: () => undefined,
    valid: () => ({
      method: 'POST',
      url: '/api/reach/sms/segments',
      payload: { text: 'Dial *384*12# for your menu.' },
    }),
  },
  // Forms, not JSON: the content type, the size and a body that is no callback.
  'POST /api/reach/sms/africastalking': {
    as: () => undefined,
    valid: () => ({
      method: 'POST',
      url: `/api/reach/sms/africastalking?secret=${webhookSecret}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: Buffer.from(
        new URLSearchParams({
          id: `ATXid_${unique()}`,
          from: '+254711000997',
          text: 'info',
        }).toString(),
      ),
    }),
    rawBody: { contentType: 'application/x-www-form-urlencoded', maxBytes: 128 * 1024 },
  },
  'POST /api/reach/sms/twilio': {
    as: () => undefined,
    valid: () => {
      const signed = signedTwilioCallback({
        MessageSid: `SM${unique()}`,
        From: '+254711000996',
        Body: 'info',
      });
      return { ...signed, payload: Buffer.from(String(signed.payload)) };
    },
    // Its signature is checked before its fields: a body it did not sign is refused as unsigned.
    rawBody: {
      contentType: 'application/x-www-form-urlencoded',
      maxBytes: 128 * 1024,
      unreadAs: 403,
    },
  },
  'PATCH /api/accounts/people/{personId}': {
    as: () => organizationAdmin,
    valid: async () => {
      const added = await organizationAdmin.request({
        method: 'POST',
        url: `/api/accounts/organizations/${organizationId}/members`,
        payload: {
          person: { displayName: 'Ramesh Patel' },
          membership: { kind: 'farmer-member', startedOn: '2024-02-01' },
        },
      });
      return {
        method: 'PATCH',
        url: `/api/accounts/people/${added.json().personId}`,
        payload: { version: 1, phone: '+91 98765 43210', defaultCountry: 'IN' },
      };
    },
  },
  'POST /api/accounts/organizations/{organizationId}/members': {
    as: () => organizationAdmin,
    valid: () => ({
      method: 'POST',
      url: `/api/accounts/organizations/${organizationId}/members`,
      payload: {
        person: { displayName: 'Kamla Ben', phone: '+919876543210', preferredLanguage: 'gu' },
        membership: { kind: 'worker-member', startedOn: '2024-02-01', endedOn: '2025-02-01' },
      },
    }),
  },
};

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  maxLength?: number;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  anyOf?: JsonSchema[];
};

type Case = {
  name: string;
  payload?: unknown;
  /** Raw bytes with their content type, for operations that take no JSON. */
  raw?: { body: Buffer | string; contentType: string };
  url?: string;
  expectStatus: number;
  pointer?: string;
  /** Where the field at the pointer is, when not in the body. */
  location?: 'query' | 'path' | 'header';
  headers?: Record<string, string>;
  /** The code (one of these) and some of its params of a field error at the pointer. */
  code?: { code: string[]; params?: Record<string, unknown> };
};

// Refused in free text by the field's own rules.
const markup = '<script>alert(1)</script>';
// Refused in every string, whatever its form, before any field's rules see it.
const malformedText = [
  { name: 'a NUL', value: 'Nul\u0000byte', code: 'control-characters' },
  { name: 'a lone surrogate', value: 'Half \ud800 pair', code: 'invalid-encoding' },
];
const strayByteMarker = 'STRAY-BYTE-HERE';

function typeOf(schema: JsonSchema): string {
  const variant = schema.anyOf?.find((entry) => entry.type !== 'null') ?? schema;
  const type = Array.isArray(variant.type)
    ? variant.type.find((entry) => entry !== 'null')
    : variant.type;
  return variant.enum ? 'enum' : (type ?? 'unknown');
}

function wrongValueFor(schema: JsonSchema): unknown {
  return (
    {
      string: 12345,
      enum: 12345,
      integer: 'twelve',
      number: 'twelve',
      boolean: 'yes',
      object: 'not an object',
      array: 'not an array',
    }[typeOf(schema)] ?? { unexpected: true }
  );
}

function set(
  payload: Record<string, unknown>,
  path: string[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(payload);
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path.at(-1) as string] = value;
  return copy;
}

const pointerOf = (path: string[]) =>
  `/${path.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

function variantOf(schema: JsonSchema): JsonSchema {
  return schema.anyOf?.find((entry) => entry.type !== 'null') ?? schema;
}

function valueIn(payload: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined,
    payload,
  );
}

/**
 * Cases for each field of the body that the valid call fills, at any depth: the properties of
 * nested objects, the first item of an array and the first entry of a record.
 */
function bodyCases(schema: JsonSchema, payload: Record<string, unknown>): Case[] {
  const cases: Case[] = [];
  const visit = (fieldSchema: JsonSchema, at: string[], field: string) => {
    const pointer = pointerOf(at);
    const variant = variantOf(fieldSchema);
    const type = typeOf(fieldSchema);
    cases.push({
      name: `wrong type for ${pointer}`,
      payload: set(payload, at, wrongValueFor(fieldSchema)),
      expectStatus: 400,
      pointer,
      code: { code: [type === 'enum' ? 'invalid-option' : 'invalid-type'] },
    });
    const value = valueIn(payload, at);
    if (type === 'object' && variant.properties) {
      for (const [name, propertySchema] of Object.entries(variant.properties)) {
        if (typeof value === 'object' && value !== null && name in value)
          visit(propertySchema, [...at, name], name);
      }
    } else if (type === 'object' && typeof variant.additionalProperties === 'object') {
      const [key] = Object.keys((value ?? {}) as object);
      if (key !== undefined) visit(variant.additionalProperties, [...at, key], field);
      cases.push({
        name: `a NUL in a key of ${pointer}`,
        payload: set(payload, at, { ...(value as object), 'k\u0000': 'Text.' }),
        expectStatus: 400,
        pointer: pointerOf([...at, 'k\u0000']),
        code: { code: ['control-characters'] },
      });
    } else if (type === 'array' && variant.items && Array.isArray(value) && value.length > 0) {
      visit(variant.items, [...at, '0'], field);
    }
    if (variant.type !== 'string') return;
    if (variant.maxLength !== undefined) {
      cases.push({
        name: `${pointer} over its ${variant.maxLength} characters`,
        payload: set(payload, at, 'x'.repeat(variant.maxLength + 1)),
        expectStatus: 400,
        pointer,
        code: { code: ['too-long'], params: { maximum: variant.maxLength } },
      });
    }
    for (const { name, value: malformed, code } of malformedText) {
      cases.push({
        name: `${name} in ${pointer}`,
        payload: set(payload, at, malformed),
        expectStatus: 400,
        pointer,
        code: { code: [code] },
      });
    }
    const [before, after] = JSON.stringify(set(payload, at, strayByteMarker)).split(
      strayByteMarker,
    ) as [string, string];
    cases.push({
      name: `a byte that is not UTF-8 in ${pointer}`,
      raw: {
        body: Buffer.concat([Buffer.from(`${before}Caf`), Buffer.from([0xe9]), Buffer.from(after)]),
        contentType: 'application/json',
      },
      expectStatus: 400,
      pointer,
      code: { code: ['invalid-encoding'] },
    });
    // Free text (not a password or a token, which may hold any character) must refuse markup.
    if (
      type === 'string' &&
      !variant.format &&
      !variant.pattern &&
      !/password|token/i.test(field)
    ) {
      cases.push({
        name: `markup in ${pointer}`,
        payload: set(payload, at, markup),
        expectStatus: 400,
        pointer,
        // A field with a form of its own (an email, an amount, a unit) refuses it as not that form.
        code: { code: ['markup', 'invalid-format', 'unit-mismatch'] },
      });
    }
  };
  for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
    if (field in payload) visit(fieldSchema, [field], field);
  }
  return cases;
}

let document: {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        parameters?: Parameter[];
      }
    >
  >;
};

beforeAll(async () => {
  api = await startTestApi({
    REACH_WEBHOOK_SECRET: webhookSecret,
    TWILIO_AUTH_TOKEN: twilioAuthToken,
  });
  organizationId = await api.createOrganization({ name: 'Bad Input Cooperative' });
  organizationAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
  ]);
  member = await api.createAccount([
    { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
  ]);
  document = (await api.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(async () => {
  await api?.close();
});

describe('the bad-input table', () => {
  it('covers every write operation of the API', () => {
    const writes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(
      writes.filter((operation) => !table[operation]),
      'write operations missing from the bad-input table',
    ).toEqual([]);
    expect(Object.keys(table).filter((key) => !writes.includes(key))).toEqual([]);
  });

  for (const [operation, write] of Object.entries(table)) {
    it(operation, async () => {
      const [method, path] = operation.split(' ') as [string, string];
      const schema =
        document.paths[path]?.[method.toLowerCase()]?.requestBody?.content['application/json']
          ?.schema;
      const base = await write.valid();
      const send = (options: InjectOptions) => {
        const agent = write.as();
        return agent ? agent.request(options) : api.app.inject(options);
      };
      const cases: Case[] = [];
      // Path parameters: not an id, and a path traversal.
      if (path.includes('{')) {
        // The first path parameter, whatever its form (an id, a code, a period), swapped.
        const url = String(base.url);
        const [urlPath = '', query] = url.split('?');
        const segments = urlPath.split('/');
        const at = path.split('/').findIndex((segment) => segment.startsWith('{'));
        const swapped = (value: string) =>
          [...segments.slice(0, at), value, ...segments.slice(at + 1)].join('/') +
          (query === undefined ? '' : `?${query}`);
        cases.push({
          name: 'a path parameter that is not of its form',
          url: swapped('not-a-uuid'),
          expectStatus: 400,
        });
        cases.push({
          name: 'a path traversal for a path parameter',
          url: swapped('..%2F..%2Fetc%2Fpasswd'),
          expectStatus: 400,
        });
      }
      if (schema) {
        const payload = base.payload as Record<string, unknown>;
        cases.push({ name: 'no body', payload: undefined, expectStatus: 400 });
        cases.push({
          name: 'a JSON array instead of an object',
          payload: [payload],
          expectStatus: 400,
        });
        cases.push({
          name: 'an unknown field',
          payload: { ...payload, isAdmin: true },
          expectStatus: 400,
          pointer: '/isAdmin',
          code: { code: ['unknown-field'], params: { field: 'isAdmin' } },
        });
        cases.push({
          name: 'an oversized body',
          payload: { ...payload, padding: 'x'.repeat(1024 * 1024) },
          expectStatus: 413,
        });
        cases.push(...bodyCases(schema, payload));
      } else if (write.rawBody) {
        const { contentType, maxBytes, unreadAs } = write.rawBody;
        cases.push({
          name: 'a content type it does not take',
          raw: { body: base.payload as Buffer, contentType: 'text/plain' },
          expectStatus: 415,
        });
        if (maxBytes !== null) {
          cases.push({
            name: 'an oversized body',
            raw: {
              body: Buffer.concat([base.payload as Buffer, Buffer.alloc(maxBytes)]),
              contentType,
            },
            expectStatus: 413,
          });
        }
        cases.push({
          name: 'bytes that are not what the content type says',
          raw: { body: 'GIF89a, or so it claims: plain text', contentType },
          expectStatus: unreadAs ?? 400,
        });
      } else {
        cases.push({
          name: 'an unknown query parameter',
          url: `${String(base.url)}${String(base.url).includes('?') ? '&' : '?'}sneaky=1`,
          expectStatus: 400,
        });
      }
      expect(cases.length).toBeGreaterThan(0);

      await runCases(operation, base, cases, send, { fingerprintEach: true });
    });
  }
});

/** Sends each case and checks its problem; the data must not change (checked after each case, or once). */
async function runCases(
  operation: string,
  base: InjectOptions,
  cases: Case[],
  send: (options: InjectOptions) => Promise<LightMyRequestResponse>,
  { fingerprintEach }: { fingerprintEach: boolean },
) {
  const first = await fingerprint(api.database);
  for (const testCase of cases) {
    const options: InjectOptions = { ...base, url: testCase.url ?? base.url };
    if (testCase.raw) {
      options.payload = testCase.raw.body;
      options.headers = { 'content-type': testCase.raw.contentType };
    } else if ('payload' in testCase) {
      options.payload =
        testCase.payload === undefined ? undefined : JSON.stringify(testCase.payload);
      options.headers = { 'content-type': 'application/json' };
    }
    if (testCase.headers) options.headers = { ...options.headers, ...testCase.headers };
    const before = fingerprintEach ? await fingerprint(api.database) : first;
    const response = await send(options);
    const label = `${operation}: ${testCase.name} → ${response.statusCode} ${response.body.slice(0, 200)}`;
    expect(response.statusCode, label).toBe(testCase.expectStatus);
    expect(response.headers['content-type'], label).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem.detail.length, label).toBeGreaterThan(10);
    const atPointer = (problem.errors ?? []).filter(
      (error: { pointer: string; in?: string }) =>
        error.pointer === testCase.pointer && error.in === testCase.location,
    );
    if (testCase.pointer)
      expect(atPointer.length, `${label}: no error at the pointer`).toBeGreaterThan(0);
    // Every field error carries a code a client can word in its reader's language.
    for (const error of problem.errors ?? []) {
      expect(fieldErrorCodes(), `${label}: unknown code`).toContain(error.code);
      expect(error.code, `${label}: no specific code`).not.toBe('invalid');
    }
    if (testCase.code) {
      expect(atPointer, label).toContainEqual(
        expect.objectContaining({
          code: expect.toBeOneOf(testCase.code.code),
          ...(testCase.code.params
            ? { params: expect.objectContaining(testCase.code.params) }
            : {}),
        }),
      );
    }
    if (fingerprintEach)
      expect(await fingerprint(api.database), `${label}: data changed`).toBe(before);
  }
  if (!fingerprintEach)
    expect(await fingerprint(api.database), `${operation}: data changed`).toBe(first);
}

type Parameter = { in: string; name: string; required?: boolean; schema: JsonSchema };
const someId = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';

/** A value a parameter takes, to fill the parameters a case does not spoil. */
function placeholderFor(schema: JsonSchema): string {
  const variant = variantOf(schema);
  if (variant.enum) return String(variant.enum[0]);
  if (variant.format === 'uuid') return someId;
  return typeOf(schema) === 'integer' || typeOf(schema) === 'number' ? '1' : 'x';
}

/** A value of the wrong form for a parameter, and the codes it may be refused with. */
function wrongParameterFor(schema: JsonSchema): { value: string; codes: string[] } | undefined {
  const variant = variantOf(schema);
  const type = typeOf(schema);
  if (type === 'enum') return { value: 'not-an-option', codes: ['invalid-option'] };
  if (type === 'integer' || type === 'number')
    return { value: 'twelve', codes: ['invalid-type', 'invalid-format'] };
  if (variant.format || variant.pattern)
    return { value: 'not-of-its-form', codes: ['invalid-format'] };
  return undefined;
}

/**
 * Cases for the query and path parameters of an operation, and for a header: text that is not
 * well-formed in each, a value of the wrong form, one over its length, an unknown parameter.
 */
function parameterCases(path: string, parameters: Parameter[]): Case[] {
  const inPath = parameters.filter((parameter) => parameter.in === 'path');
  const urlWith = (name: string | undefined, raw: string) =>
    path.replace(/\{(\w+)\}/g, (_, param: string) =>
      param === name
        ? raw
        : placeholderFor(inPath.find((entry) => entry.name === param)?.schema ?? {}),
    );
  const plainUrl = urlWith(undefined, '');
  const cases: Case[] = [];
  const malformed = [
    { name: 'a NUL', raw: 'a%00b', code: 'control-characters' },
    { name: 'a byte that is not UTF-8', raw: 'caf%E9', code: 'invalid-encoding' },
    { name: 'an encoded surrogate', raw: '%ED%A0%80', code: 'invalid-encoding' },
  ];
  for (const parameter of parameters) {
    const location =
      parameter.in === 'query' ? 'query' : parameter.in === 'path' ? 'path' : undefined;
    if (!location) continue;
    const at = (raw: string) =>
      parameter.in === 'path'
        ? urlWith(parameter.name, raw)
        : `${plainUrl}?${parameter.name}=${raw}`;
    const common: Pick<Case, 'expectStatus' | 'pointer' | 'location'> = {
      expectStatus: 400,
      pointer: `/${parameter.name}`,
      location,
    };
    for (const { name, raw, code } of malformed)
      cases.push({
        ...common,
        name: `${name} in ${parameter.in} ${parameter.name}`,
        url: at(raw),
        code: { code: [code] },
      });
    const wrong = wrongParameterFor(parameter.schema);
    if (wrong)
      cases.push({
        ...common,
        name: `${parameter.name} of the wrong form`,
        url: at(wrong.value),
        code: { code: wrong.codes },
      });
    const maxLength = variantOf(parameter.schema).maxLength;
    if (maxLength !== undefined)
      cases.push({
        ...common,
        name: `${parameter.name} over its ${maxLength} characters`,
        url: at('x'.repeat(maxLength + 1)),
        code: { code: ['too-long'], params: { maximum: maxLength } },
      });
  }
  cases.push({
    name: 'an unknown query parameter',
    url: `${plainUrl}?sneaky=1`,
    expectStatus: 400,
    pointer: '/sneaky',
    location: 'query',
    code: { code: ['unknown-field'] },
  });
  cases.push({
    name: 'a header that is not UTF-8',
    url: plainUrl,
    // Node hands each byte of a header over as a Latin-1 character: é here is one byte.
    headers: { 'x-note': 'caf\u00e9' },
    expectStatus: 400,
    pointer: '/x-note',
    location: 'header',
    code: { code: ['invalid-encoding'] },
  });
  return cases;
}

describe('the parameters of every operation, reads and writes', () => {
  it('every operation has cases', () => {
    expect(
      Object.keys(document.paths).filter((path) => path.startsWith('/api/')).length,
    ).toBeGreaterThan(40);
  });
  for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
    it(`every ${method.toUpperCase()} operation refuses bad text and values in its parameters`, async () => {
      for (const [path, methods] of Object.entries(document.paths)) {
        const operation = methods[method];
        if (!operation || !path.startsWith('/api/')) continue;
        const cases = parameterCases(path, operation.parameters ?? []);
        await runCases(
          `${method.toUpperCase()} ${path}`,
          { method: method.toUpperCase() as 'GET' },
          cases,
          (options) => api.admin.request(options),
          { fingerprintEach: false },
        );
      }
    });
  }
});

describe('the outbox and queue lists', () => {
  it.each([
    ['/api/platform/outbox?status=sent', '/status', 'invalid-option'],
    ['/api/platform/outbox?limit=0', '/limit', 'too-small'],
    ['/api/platform/outbox?limit=101', '/limit', 'too-big'],
    ['/api/platform/outbox?limit=ten', '/limit', 'invalid-type'],
    ['/api/platform/outbox?cursor=not-one-of-ours', '/cursor', 'invalid-cursor'],
    ['/api/platform/outbox?body=true', '/body', 'unknown-field'],
    ['/api/platform/queues?name=platform', '/name', 'unknown-field'],
  ])('%s is refused with a pointer at %s, changing nothing', async (url, pointer, code) => {
    const before = await fingerprint(api.database);
    const response = await api.admin.request({ method: 'GET', url });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ pointer, code }));
    expect(await fingerprint(api.database)).toBe(before);
  });
});
