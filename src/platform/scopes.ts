// The things a role's scope names (an organization, later a fund or a programme) belong to the
// modules that keep them. A module provides the check that one exists (src/modules.ts wires
// them); a module that gives roles, such as accounts, asks here, knowing no other module.
import type { ScopeType } from './access.ts';
import type { Db } from './db.ts';

export type ScopeExists = (db: Db, id: string) => Promise<boolean>;

const providers = new Map<ScopeType, ScopeExists>();

export function provideScope(type: ScopeType, exists: ScopeExists): void {
  const known = providers.get(type);
  if (known && known !== exists) throw new Error(`two modules provide the scope ${type}`);
  providers.set(type, exists);
}

/** Whether the scope's thing exists; a scope no module provides is a wiring mistake. */
export async function scopeExists(db: Db, type: ScopeType, id: string): Promise<boolean> {
  const exists = providers.get(type);
  if (!exists) throw new Error(`no module provides the scope ${type}; see src/modules.ts`);
  return exists(db, id);
}
