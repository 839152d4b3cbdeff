// The form's values and how they become the API's input: pure functions, tested on their own.
import type {
  CreateIntentInput,
  Intent,
  IntentDirection,
  IntentKind,
  UpdateIntentInput,
} from '../../api/intents.ts';
import type { OrganizationSector } from '../../api/organizations.ts';
import type { MessageId } from '../../i18n/locales.ts';

/** The form's values, all as typed. */
export type IntentDraft = {
  organizationId: string;
  direction: '' | IntentDirection;
  title: string;
  description: string;
  sector: string;
  kind: '' | IntentKind;
  countries: string[];
  validFrom: string;
  validUntil: string;
};

export type DraftKey = keyof IntentDraft;

export const draftKeys = [
  'organizationId',
  'direction',
  'title',
  'description',
  'sector',
  'kind',
  'countries',
  'validFrom',
  'validUntil',
] as const satisfies readonly DraftKey[];

/** Each field's JSON pointer in the API's input: the server's errors name them. */
export const pointerOf = (key: DraftKey) => `/${key}`;

export const emptyDraft: IntentDraft = {
  organizationId: '',
  direction: '',
  title: '',
  description: '',
  sector: '',
  kind: '',
  countries: [],
  validFrom: '',
  validUntil: '',
};

export function draftFromIntent(intent: Intent): IntentDraft {
  return {
    organizationId: intent.organizationId,
    direction: intent.direction,
    title: intent.title,
    description: intent.description ?? '',
    sector: intent.sector,
    kind: intent.kind,
    countries: [...intent.countries],
    validFrom: intent.validFrom ?? '',
    validUntil: intent.validUntil ?? '',
  };
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** What the reader must fix before anything is sent, by field, as message ids. */
export function checkDraft(
  draft: IntentDraft,
  isNew: boolean,
): Partial<Record<DraftKey, MessageId>> {
  const errors: Partial<Record<DraftKey, MessageId>> = {};
  if (isNew && !draft.organizationId) errors.organizationId = 'intents.error.chooseOrganization';
  if (isNew && !draft.direction) errors.direction = 'intents.error.chooseDirection';
  if (!draft.title.trim()) errors.title = 'intents.error.required';
  if (!draft.sector) errors.sector = 'intents.error.chooseSector';
  if (!draft.kind) errors.kind = 'intents.error.chooseKind';
  if (draft.validFrom && !isRealDate(draft.validFrom)) errors.validFrom = 'intents.error.badDate';
  if (draft.validUntil && !isRealDate(draft.validUntil))
    errors.validUntil = 'intents.error.badDate';
  if (
    !errors.validFrom &&
    !errors.validUntil &&
    draft.validFrom &&
    draft.validUntil &&
    draft.validUntil < draft.validFrom
  ) {
    errors.validUntil = 'intents.error.datesOrder';
  }
  return errors;
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

export function createInput(draft: IntentDraft): CreateIntentInput {
  const description = optional(draft.description);
  return {
    organizationId: draft.organizationId,
    direction: draft.direction as IntentDirection,
    title: draft.title.trim(),
    ...(description ? { description } : {}),
    sector: draft.sector as OrganizationSector,
    kind: draft.kind as IntentKind,
    countries: draft.countries,
    ...(draft.validFrom ? { validFrom: draft.validFrom } : {}),
    ...(draft.validUntil ? { validUntil: draft.validUntil } : {}),
  };
}

/** The fields that differ from what was read, in the API's shape; null clears one. */
export function changeInput(base: Intent, draft: IntentDraft): UpdateIntentInput {
  const before = draftFromIntent(base);
  const change: UpdateIntentInput = { version: base.version };
  if (draft.title.trim() !== before.title) change.title = draft.title.trim();
  if (draft.description.trim() !== before.description.trim()) {
    change.description = optional(draft.description) ?? null;
  }
  if (draft.sector !== before.sector) change.sector = draft.sector as OrganizationSector;
  if (draft.kind !== before.kind) change.kind = draft.kind as IntentKind;
  if (draft.countries.join() !== before.countries.join()) change.countries = draft.countries;
  if (draft.validFrom !== before.validFrom) change.validFrom = draft.validFrom || null;
  if (draft.validUntil !== before.validUntil) change.validUntil = draft.validUntil || null;
  return change;
}

/** The reader's edits carried over to a newer copy: untouched fields follow the newer copy. */
export function rebaseDraft(mine: IntentDraft, was: IntentDraft, now: IntentDraft): IntentDraft {
  const rebased = { ...mine };
  for (const key of draftKeys) {
    if (JSON.stringify(mine[key]) === JSON.stringify(was[key])) {
      (rebased as Record<DraftKey, unknown>)[key] = now[key];
    }
  }
  return rebased;
}

/** The fields someone else changed between two copies. */
export function changedKeys(was: IntentDraft, now: IntentDraft): DraftKey[] {
  return draftKeys.filter((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]));
}
