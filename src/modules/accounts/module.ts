// What the accounts module plugs into the platform (see platform/modules.ts): sign-in and the
// accounts' routes, the codes of its rules, the words of its audit log, its invariant, and the
// demo network's accounts. It gives roles but declares none: each role is declared by the module
// whose scope it lives in.
import type { IntercoopModule } from '../../platform/modules.ts';
import { accountsDemo } from './demo/accounts-demo.ts';
import { checkRoleGrants } from './grants/check-role-grants.ts';
import { accountsMessages } from './messages.ts';
import { accountsRoutes, authRoutes } from './routes.ts';

/** Codes of the accounts' rules, with the params each carries. */
const accountsFieldErrorCodes = {
  'weak-password': '{reason: too-short, repetitive, common, contains-email}',
  'guessable-password':
    '{cause: keyboard-pattern, repetition, sequence, date, common-password, common-words, personal-information, other}',
  'role-scope-mismatch': '{role, scopes}',
  'role-already-held': '',
  'scope-id-not-allowed': '',
  'scope-id-required': '{scopeType}',
  'demo-email-domain': '{domain}',
} as const;

declare module '../../platform/field-errors.ts' {
  interface ModuleFieldErrorCodes extends Record<keyof typeof accountsFieldErrorCodes, true> {}
}
declare module '../../platform/demo.ts' {
  interface DemoContext {
    /**
     * Demo members without an account, made through `addMember` by a module listed after this
     * one (the phone channel's): theirs to remove, not references from outside the demo.
     */
    demoMemberIds: readonly string[];
  }
  interface DemoCounts {
    accounts: number;
    people: number;
  }
}

export const accountsModule: IntercoopModule = {
  name: 'accounts',
  messages: accountsMessages,
  routes: [
    { prefix: '/api/auth', plugin: authRoutes },
    { prefix: '/api/accounts', plugin: accountsRoutes },
  ],
  fieldErrorCodes: accountsFieldErrorCodes,
  audit: {
    actions: [
      'invite-account',
      'accept-invitation',
      'revoke-invitation',
      'grant-role',
      'revoke-role',
      'change-role',
      'disable-account',
      'enable-account',
      'set-preferred-language',
      'create-network-admin',
      'reset-password',
      'create-api-token',
      'revoke-api-token',
      'add-member',
      'set-person-phone',
      'create-demo-account',
      'reset-demo-account',
      'remove-demo-accounts',
      'remove-demo-members',
    ],
    entityTypes: ['account', 'invitation', 'api-token', 'membership', 'person'],
  },
  checks: [{ name: 'role grants name declared roles and existing scopes', run: checkRoleGrants }],
  demo: accountsDemo,
};
