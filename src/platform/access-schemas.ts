// Pure: the roles there are and the scopes each lives in, as the modules declare them (filled by
// plugInModules from their manifests, platform/modules.ts), for access.ts and for the schemas that
// check a role or a scope. The web app plugs no module in: there the tables hold only the
// platform's own names, so its forms leave roles to the server.
import type { Role, ScopeType } from './access.ts';

const roleScopeTable = new Map<string, readonly ScopeType[]>([
  ['network-admin', ['network']],
  ['network-staff', ['network']],
]);
const scopeTable = new Set<string>(['network']);

/** Declares roles and the scopes each applies to (platform/modules.ts, from a module's manifest). */
export function declareRoles(
  module: string,
  declared: Partial<Record<Role, readonly ScopeType[]>>,
): void {
  for (const [role, scopes] of Object.entries(declared) as [string, readonly ScopeType[]][]) {
    if (roleScopeTable.has(role)) throw new Error(`the role ${role} is declared twice (${module})`);
    if (scopes.length === 0) throw new Error(`the role ${role} of ${module} lives in no scope`);
    roleScopeTable.set(role, scopes);
  }
}

export function declareScopes(module: string, declared: readonly ScopeType[]): void {
  for (const scope of declared) {
    if (scopeTable.has(scope)) throw new Error(`the scope ${scope} is declared twice (${module})`);
    scopeTable.add(scope);
  }
}

/** Every declared role, in the order declared (the platform's first). */
export function declaredRoles(): Role[] {
  return [...roleScopeTable.keys()] as Role[];
}

export function declaredScopes(): ScopeType[] {
  return [...scopeTable] as ScopeType[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && roleScopeTable.has(value);
}

export function isScopeType(value: unknown): value is ScopeType {
  return typeof value === 'string' && scopeTable.has(value);
}

/** The scopes a role lives in: a network role has no id; the others name one thing. */
export function scopesOfRole(role: Role): readonly ScopeType[] {
  return roleScopeTable.get(role) ?? [];
}
