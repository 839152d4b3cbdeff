// The things a role's scope names (an organization, a project, later a fund or a programme)
// belong to the modules that keep them. A module provides the check that one exists, and may
// provide their names (src/modules.ts wires them); a module that gives roles, such as accounts,
// or that shows those things beside its own, such as projects their participants, asks here,
// knowing no other module.
import type { ScopeType } from './access.ts';
import type { Db } from './db.ts';
import type { Message, MessageValue } from './messages/catalogue.ts';

export type ScopeExists = (db: Db, id: string) => Promise<boolean>;

/** The names of those of `ids` that exist, in the order their module lists them. */
export type ScopeNames = (db: Db, ids: string[]) => Promise<Array<{ id: string; name: string }>>;

const providers = new Map<ScopeType, ScopeExists>();
const namers = new Map<ScopeType, ScopeNames>();

export function provideScope(type: ScopeType, exists: ScopeExists): void {
  const known = providers.get(type);
  if (known && known !== exists) throw new Error(`two modules provide the scope ${type}`);
  providers.set(type, exists);
}

export function provideScopeNames(type: ScopeType, names: ScopeNames): void {
  const known = namers.get(type);
  if (known && known !== names) throw new Error(`two modules name the scope ${type}`);
  namers.set(type, names);
}

/** Whether the scope's thing exists; a scope no module provides is a wiring mistake. */
export async function scopeExists(db: Db, type: ScopeType, id: string): Promise<boolean> {
  const exists = providers.get(type);
  if (!exists) throw new Error(`no module provides the scope ${type}; see src/modules.ts`);
  return exists(db, id);
}

/** The names of the scope's things among `ids` (those that exist), in their module's order. */
export async function scopeNames(
  db: Db,
  type: ScopeType,
  ids: string[],
): Promise<Array<{ id: string; name: string }>> {
  const names = namers.get(type);
  if (!names) throw new Error(`no module names the scope ${type}; see src/modules.ts`);
  return ids.length === 0 ? [] : names(db, [...new Set(ids)]);
}

/**
 * A scope's name as a message param, for code that words a refusal without the database at hand
 * (`authorize` is synchronous): it says the id until `nameScopesIn` has looked the name up, which
 * the HTTP error handler does before the answer is worded.
 */
export type ScopeNameParam = Message & {
  readonly scope: { readonly type: ScopeType; readonly id: string };
  name(found: string): void;
};

export function scopeNameParam(type: ScopeType, id: string): ScopeNameParam {
  let named: string | undefined;
  return {
    key: 'scope.name',
    params: { type, id },
    scope: { type, id },
    word: () => named ?? id,
    name: (found) => {
      named = found;
    },
  };
}

function isScopeNameParam(value: MessageValue): value is ScopeNameParam {
  return typeof value === 'object' && 'scope' in value && 'name' in value;
}

function scopeNameParamsIn(message: Message): ScopeNameParam[] {
  return Object.values(message.params).flatMap((value) =>
    isScopeNameParam(value)
      ? [value]
      : typeof value === 'object' && 'word' in value
        ? scopeNameParamsIn(value)
        : [],
  );
}

/** Names the scope-name params of `message` (and of its params); one that is not found keeps its id. */
export async function nameScopesIn(db: Db, message: Message): Promise<void> {
  const pending = scopeNameParamsIn(message);
  for (const type of new Set(pending.map((param) => param.scope.type))) {
    const ofType = pending.filter((param) => param.scope.type === type);
    const named = await scopeNames(
      db,
      type,
      ofType.map((param) => param.scope.id),
    );
    for (const param of ofType) {
      const found = named.find((entry) => entry.id === param.scope.id);
      if (found) param.name(found.name);
    }
  }
}
