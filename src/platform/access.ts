// Who may do what, decided in one place that every use case calls with `ctx.actor`.
// Roles attach to accounts, each within a scope (the network, an organization, a project, ...).
// The platform knows only the network's own roles; each module declares its roles and the scopes
// they live in, in its module.ts (see platform/modules.ts), and writes no checks of its own.
import { AppError } from './errors.ts';
import { listMessage } from './messages/catalogue.ts';
import { platformMessage } from './messages/platform-messages.ts';
import { scopeNameParam } from './scopes.ts';

// Interfaces, because a module adds its names to them (declaration merging), so that a role or a
// scope a module does not declare is a type error; the values are unused.
/** The roles there are: the platform's here, each module's added in its module.ts. */
export interface Roles {
  'network-admin': true;
  'network-staff': true;
}
/** The scopes a role can live in: the whole network here, the modules' added in their module.ts. */
export interface Scopes {
  network: true;
}
export type Role = keyof Roles & string;
export type ScopeType = keyof Scopes & string;

// The tables of declared names are pure (access-schemas.ts), so that the accounts' schemas, which
// the web app may import, check roles and scopes without this file's server code.
export {
  declaredRoles,
  declaredScopes,
  declareRoles,
  declareScopes,
  isRole,
  isScopeType,
  scopesOfRole,
} from './access-schemas.ts';

export type RoleGrant = { role: Role; scopeType: ScopeType; scopeId: string | null };

export type TokenLimit = { organizationId: string; access: 'read' | 'write' };

export type Actor =
  | { type: 'anonymous'; label: string }
  | { type: 'system'; label: string }
  | {
      type: 'account';
      label: string;
      accountId: string;
      personId: string;
      email: string;
      grants: RoleGrant[];
      /** The language the account chose for messages and mail, if any (ISO 639-1). */
      preferredLanguage: string | null;
      /** Set when the request came with an API token: it acts only within these limits. */
      token?: TokenLimit;
    };

export type AccountActor = Extract<Actor, { type: 'account' }>;

export const anonymous: Actor = { type: 'anonymous', label: 'anonymous' };
export const system: Actor = { type: 'system', label: 'system' };

export function requireAccount(actor: Actor): AccountActor {
  if (actor.type === 'account') return actor;
  throw new AppError('unauthenticated', platformMessage('access.sign-in'));
}

/**
 * The account itself (who it is, its sessions, signing out): a person signed in with a session.
 * An API token acts only on its organization's resources, so it is refused here (403).
 */
export function requireSignedIn(actor: Actor): AccountActor {
  const account = requireAccount(actor);
  if (account.token) {
    throw new AppError('forbidden', platformMessage('access.token-not-for-account'));
  }
  return account;
}

/** One way to be allowed: a role, within a scope unless the role is network-wide. */
export type Allowance = { role: Role; scope?: { type: ScopeType; id: string } };

export function hasGrant(actor: Actor, allowance: Allowance): boolean {
  if (actor.type !== 'account') return false;
  return actor.grants.some(
    (grant) =>
      grant.role === allowance.role &&
      (grant.scopeType === 'network' ||
        (grant.scopeType === allowance.scope?.type && grant.scopeId === allowance.scope.id)),
  );
}

export function isNetworkAdmin(actor: Actor): boolean {
  return actor.type === 'system' || hasGrant(actor, { role: 'network-admin' });
}

export type Requirement = {
  /** Any one of these lets the actor through; network admins always pass. */
  anyOf: Allowance[];
  /** Whether the operation changes anything (API tokens may be read-only). */
  write: boolean;
  /** The organization the operation concerns, if any (API tokens act within one). */
  organizationId?: string | null;
};

/**
 * Throws 401 for an anonymous actor and 403 for an account without the role. The message names
 * what would be needed, so that a person knows whom to ask.
 */
export function authorize(actor: Actor, requirement: Requirement): void {
  if (actor.type === 'system') return;
  const account = requireAccount(actor);
  if (account.token) {
    if (requirement.write && account.token.access !== 'write') {
      throw new AppError('forbidden', platformMessage('access.token-read-only'));
    }
    if (requirement.organizationId !== account.token.organizationId) {
      const organization = scopeNameParam('organization', account.token.organizationId);
      throw new AppError(
        'forbidden',
        requirement.organizationId
          ? platformMessage('access.token-other-organization', { organization })
          : platformMessage('access.token-no-organization', { organization }),
      );
    }
  }
  if (isNetworkAdmin(account)) return;
  if (requirement.anyOf.some((allowance) => hasGrant(account, allowance))) return;
  const needed = [...new Set(requirement.anyOf.map((allowance) => allowance.role))];
  throw new AppError(
    'forbidden',
    platformMessage('access.role-needed', {
      roles: listMessage(needed.length > 0 ? needed : ['network-admin'], 'disjunction'),
    }),
  );
}

/** The organizations in which the actor holds one of these roles. */
export function organizationsWhere(actor: Actor, wanted: Role[]): string[] {
  if (actor.type !== 'account') return [];
  return actor.grants
    .filter(
      (grant) => grant.scopeType === 'organization' && grant.scopeId && wanted.includes(grant.role),
    )
    .map((grant) => grant.scopeId as string);
}
