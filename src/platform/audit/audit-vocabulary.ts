// The words of the audit log: each module declares the actions it records and the kinds of
// records they touch, worded in its catalogue (`audit.action.<action>`, `audit.entity.<type>`),
// so that the log reads in the reader's language and a new module needs no one else's words.
import type { Catalogue } from '../messages/catalogue.ts';

type Declared = { module: string; messages: Catalogue<string> };

const actions = new Map<string, Declared>();
const entityTypes = new Map<string, Declared>();

export function declareAuditVocabulary(
  module: string,
  vocabulary: { actions: readonly string[]; entityTypes: readonly string[] },
  messages: Catalogue<string>,
): void {
  const declare = (table: Map<string, Declared>, kind: 'action' | 'entity', code: string) => {
    const known = table.get(code);
    if (known) throw new Error(`the audit ${kind} ${code} of ${module} is ${known.module}'s`);
    if (!messages.has(`audit.${kind}.${code}`))
      throw new Error(`${module} declares the audit ${kind} ${code} without audit.${kind}.${code}`);
    table.set(code, { module, messages });
  };
  for (const action of vocabulary.actions) declare(actions, 'action', action);
  for (const type of vocabulary.entityTypes) declare(entityTypes, 'entity', type);
}

/** Whether a module declared this action and this kind of record (recordAudit asks). */
export function isDeclaredAudit(action: string, entityType: string): boolean {
  return actions.has(action) && entityTypes.has(entityType);
}

export type AuditWord = { code: string; label: string };

/** Every declared action and kind of record, worded in `language`. */
export function auditVocabulary(language: string): {
  actions: AuditWord[];
  entityTypes: AuditWord[];
} {
  const worded = (table: Map<string, Declared>, kind: 'action' | 'entity') =>
    [...table.entries()].map(([code, { messages }]) => ({
      code,
      label: messages.format(language, `audit.${kind}.${code}`),
    }));
  return { actions: worded(actions, 'action'), entityTypes: worded(entityTypes, 'entity') };
}
