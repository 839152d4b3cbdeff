// What the network module plugs into the platform (see platform/modules.ts): the registry's routes,
// the scope it keeps (organizations, whose names it gives) and the roles that live in it, the codes
// of its rules, the words of its audit log, the invariants `intercoop check` verifies, and the
// demo network's organizations, ties, offers and needs.
import type { IntercoopModule } from '../../platform/modules.ts';
import { networkDemo } from './demo/network-demo.ts';
import { networkExchangeRoutes } from './exchange-routes.ts';
import { checkAffiliationsAcyclic, checkTiesPointToOrganizations } from './graph/checks.ts';
import { networkGraphRoutes } from './graph-routes.ts';
import { networkIntentRoutes } from './intent-routes.ts';
import { networkMessages } from './messages.ts';
import {
  organizationScopeExists,
  organizationScopeNames,
} from './organizations/organization-scope.ts';
import { networkProfileRoutes } from './profile-routes.ts';
import { networkRoutes } from './routes.ts';

const networkScopes = { organization: organizationScopeExists };

const networkRoles = {
  'organization-admin': ['organization'],
  'organization-member': ['organization'],
  // A partner organization's people who follow one organization or one project (the projects
  // module keeps projects).
  'partner-viewer': ['organization', 'project'],
} as const;

/** Codes of the registry's rules, with the params each carries. */
const networkFieldErrorCodes = {
  'members-exceed-total': '',
  'same-organization': '',
  'organization-not-found': '',
  'affiliation-cycle': '',
  'invalid-image':
    '{reason: empty, too-large, not-an-image, type-mismatch, no-size, too-many-pixels, damaged}',
} as const;

declare module '../../platform/access.ts' {
  interface Scopes extends Record<keyof typeof networkScopes, true> {}
  interface Roles extends Record<keyof typeof networkRoles, true> {}
}
declare module '../../platform/field-errors.ts' {
  interface ModuleFieldErrorCodes extends Record<keyof typeof networkFieldErrorCodes, true> {}
}
declare module '../../platform/demo.ts' {
  interface DemoContext {
    /** The demo organizations' ids by name (names are unique across the demo). */
    organizationIds: ReadonlyMap<string, string>;
  }
  interface DemoCounts {
    organizations: number;
    affiliations: number;
    partnerships: number;
    intents: number;
    logos: number;
  }
}

export const networkModule: IntercoopModule = {
  name: 'network',
  messages: networkMessages,
  routes: [
    { prefix: '/api/network', plugin: networkRoutes },
    { prefix: '/api/network', plugin: networkProfileRoutes },
    { prefix: '/api/network', plugin: networkGraphRoutes },
    { prefix: '/api/network', plugin: networkIntentRoutes },
    { prefix: '/api/network', plugin: networkExchangeRoutes },
  ],
  scopes: networkScopes,
  scopeNames: { organization: organizationScopeNames },
  roles: networkRoles,
  fieldErrorCodes: networkFieldErrorCodes,
  audit: {
    actions: [
      'create-organization',
      'update-organization',
      'set-organization-logo',
      'remove-organization-logo',
      'create-affiliation',
      'create-partnership',
      'end-affiliation',
      'end-partnership',
      'claim-tie',
      'confirm-tie-claim',
      'decline-tie-claim',
      'import-registry',
      'add-to-registry',
      'remove-demo-network',
      'create-offer',
      'create-need',
      'update-offer',
      'update-need',
      'close-offer',
      'close-need',
    ],
    entityTypes: [
      'organization',
      'organization-logo',
      'affiliation',
      'partnership',
      'tie-claim',
      'intent',
      'registry',
      'demo',
    ],
  },
  checks: [
    { name: 'the affiliation tree has no cycle', run: checkAffiliationsAcyclic },
    { name: 'ties point to existing organizations', run: checkTiesPointToOrganizations },
  ],
  demo: networkDemo,
};
