// Names and titles refuse text that reorders or hides what they show, wherever one is taken:
// organizations (name, short name, other names), people, API tokens, projects, offers and needs.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationToken } from '../test/invitations.ts';
import { type Agent, fingerprint, startTestApi, type TestApi } from '../test/test-api.ts';

let api: TestApi;
let organizationId: string;
let organizationAdmin: Agent;
beforeAll(async () => {
  api = await startTestApi();
  organizationId = await api.createOrganization({ name: 'Hidden Text Cooperative' });
  organizationAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: organizationId },
  ]);
});
afterAll(async () => {
  await api?.close();
});

const hostile = [
  // Shows as "Coop exe.png Ltd".
  { value: 'Coop \u202Egnp.exe\u202C Ltd', reason: 'direction-control' },
  { value: 'Coop \u2067Ltd\u2069', reason: 'direction-control' },
  { value: 'Coop\u{E0041}\u{E0042} Ltd', reason: 'tag-character' },
  { value: '\u200B\u200B\u200B', reason: 'nothing-visible' },
  { value: '\u3164\u200D\uFEFF\u2800', reason: 'nothing-visible' },
];

type Place = {
  label: string;
  pointer: string;
  /** Makes what the call needs, then returns the call. */
  prepare(name: string): Promise<() => Promise<LightMyRequestResponse>>;
};

const organization = (fields: Record<string, unknown>) =>
  api.admin.request({
    method: 'POST',
    url: '/api/network/organizations',
    payload: {
      name: 'Named Cooperative',
      kind: 'cooperative',
      country: 'IN',
      sector: 'housing',
      ...fields,
    },
  });

const places: Place[] = [
  {
    label: 'an organization’s name',
    pointer: '/name',
    prepare: async (name) => () => organization({ name }),
  },
  {
    label: 'an organization’s short name',
    pointer: '/shortName',
    prepare: async (shortName) => () => organization({ shortName }),
  },
  {
    label: 'an organization’s other name',
    pointer: '/otherNames/0/text',
    prepare: async (text) => () => organization({ otherNames: [{ text, language: 'hi' }] }),
  },
  {
    label: 'a renamed organization',
    pointer: '/name',
    prepare: async (name) => () =>
      api.admin.request({
        method: 'PATCH',
        url: `/api/network/organizations/${organizationId}`,
        payload: { version: 1, name },
      }),
  },
  {
    label: 'a member’s name',
    pointer: '/person/displayName',
    prepare: async (displayName) => () =>
      organizationAdmin.request({
        method: 'POST',
        url: `/api/accounts/organizations/${organizationId}/members`,
        payload: {
          person: { displayName },
          membership: { kind: 'worker-member', startedOn: '2024-02-01' },
        },
      }),
  },
  {
    label: 'the name chosen when accepting an invitation',
    pointer: '/displayName',
    prepare: async (displayName) => {
      const token = await invitationToken(api, `named-${Date.now()}-${Math.random()}@coop.test`, [
        { role: 'organization-member', scopeType: 'organization', scopeId: organizationId },
      ]);
      return () =>
        api.app.inject({
          method: 'POST',
          url: '/api/auth/invitations/accept',
          payload: { token, displayName, password: 'mango monsoon loom 5150' },
        });
    },
  },
  {
    label: 'an API token’s name',
    pointer: '/name',
    prepare: async (name) => () =>
      organizationAdmin.request({
        method: 'POST',
        url: '/api/accounts/tokens',
        payload: { name, organizationId, access: 'read' },
      }),
  },
  {
    label: 'a project’s title',
    pointer: '/title',
    prepare: async (title) => () =>
      api.admin.request({
        method: 'POST',
        url: '/api/projects',
        payload: { title, sector: 'housing', countries: ['IN'] },
      }),
  },
  {
    label: 'an offer’s title',
    pointer: '/title',
    prepare: async (title) => () =>
      api.admin.request({
        method: 'POST',
        url: '/api/network/intents',
        payload: {
          organizationId,
          direction: 'offer',
          title,
          sector: 'housing',
          kind: 'training',
        },
      }),
  },
];

describe('names that reorder or hide text', () => {
  for (const place of places) {
    it(`are refused in ${place.label}, with a code and its reason, and change nothing`, async () => {
      for (const { value, reason } of hostile) {
        const send = await place.prepare(value);
        const before = await fingerprint(api.database);
        const response = await send();
        expect(
          response.statusCode,
          `${JSON.stringify(value)}: ${JSON.stringify(response.json())}`,
        ).toBe(400);
        expect(response.json().errors).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              pointer: place.pointer,
              code: 'hidden-characters',
              params: { reason },
            }),
          ]),
        );
        expect(await fingerprint(api.database)).toBe(before);
      }
    });
  }

  it('keep the joiners and marks that scripts need inside a word', async () => {
    for (const name of [
      'क्‍षेत्रीय सहकारी संघ', // Hindi, with a zero-width joiner
      'تعاونی می‌خواهم', // Persian, with a zero-width non-joiner
      'جمعية \u200F2024\u200F التعاونية', // Arabic, with right-to-left marks around the digits
    ]) {
      const response = await organization({ name });
      expect(response.statusCode, JSON.stringify(response.json())).toBe(201);
      expect(response.json().name).toBe(name);
    }
  });
});
