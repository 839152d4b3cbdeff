// The project form's values as typed, the checks made before sending, and their conversion to
// the API's inputs. Pure functions: the form and its tests share them.

import type { OrganizationSector } from '../../api/organizations.ts';
import type {
  CreateProjectInput,
  Indicator,
  OrganizationChoice,
  ParticipantRole,
  Project,
  ProjectStatus,
  RecordFigureInput,
  UpdateProjectInput,
} from '../../api/projects.ts';
import { countIndicators } from '../../api/projects.ts';
import type { MessageId } from '../../i18n/locales.ts';
import {
  isCurrencyCode,
  type MoneyParse,
  minorUnitsOf,
  parseMoney,
  scaledToDecimal,
} from './money.ts';

export type ParticipantDraft = {
  key: string;
  organization: OrganizationChoice;
  role: ParticipantRole;
};

export type FigureDraft = {
  key: string;
  kind: 'target' | 'result';
  indicator: Indicator;
  amount: string;
  currency: string;
  /** One of the project's countries, or '' for none. */
  country: string;
  period: string;
  note: string;
};

export type ProjectDraft = {
  title: string;
  summary: string;
  sector: string;
  status: string;
  startedOn: string;
  endedOn: string;
  countries: string[];
  /** One link per line. */
  sources: string;
  /** Participants to add (those already in an edited project are not listed here). */
  participants: ParticipantDraft[];
  /** Figures to record. */
  figures: FigureDraft[];
};

export type ProjectField =
  | 'title'
  | 'summary'
  | 'sector'
  | 'status'
  | 'startedOn'
  | 'endedOn'
  | 'countries'
  | 'sources';
export const projectFields: readonly ProjectField[] = [
  'title',
  'summary',
  'sector',
  'status',
  'startedOn',
  'endedOn',
  'countries',
  'sources',
];
export const figureFields = [
  'kind',
  'indicator',
  'amount',
  'currency',
  'country',
  'period',
  'note',
] as const;
export type FigureField = (typeof figureFields)[number];

export function emptyDraft(): ProjectDraft {
  return {
    title: '',
    summary: '',
    sector: 'energy-utilities',
    status: 'planned',
    startedOn: '',
    endedOn: '',
    countries: [],
    sources: '',
    participants: [],
    figures: [],
  };
}

export function draftFrom(project: Project): ProjectDraft {
  return {
    title: project.title,
    summary: project.summary ?? '',
    sector: project.sector,
    status: project.status,
    startedOn: project.startedOn ?? '',
    endedOn: project.endedOn ?? '',
    countries: [...project.countries],
    sources: project.sources.join('\n'),
    participants: [],
    figures: [],
  };
}

let keys = 0;
export function newKey(): string {
  keys += 1;
  return `k${keys}`;
}

export function newFigure(countries: string[], year: number): FigureDraft {
  return {
    key: newKey(),
    kind: 'result',
    indicator: 'people-trained',
    amount: '',
    currency: '',
    country: countries.length === 1 ? (countries[0] ?? '') : '',
    period: String(year),
    note: '',
  };
}

/** A local error: a message id and its values, worded in the reader's language by the form. */
export type LocalError = { id: MessageId; values?: Record<string, string | number> };
/** Errors by JSON pointer, as the server's are (`/title`, `/figures/0/amount`). */
export type LocalErrors = Record<string, LocalError>;

/** Decimals an indicator's amount may have: the currency's for money, 3 for kWh, none for counts. */
export function amountDecimals(figure: Pick<FigureDraft, 'indicator' | 'currency'>): number | null {
  if (figure.indicator === 'money-mobilised') {
    return minorUnitsOf(figure.currency) ?? null;
  }
  return countIndicators.has(figure.indicator) ? 0 : 3;
}

/** The amount as typed, read exactly (money in minor units), or why it cannot be read. */
export function readAmount(figure: FigureDraft): MoneyParse | null {
  const decimals = amountDecimals(figure);
  if (decimals === null) return null;
  return parseMoney(figure.amount, decimals);
}

function amountError(figure: FigureDraft, parsed: MoneyParse): LocalError | null {
  if (parsed.ok) return null;
  const money = figure.indicator === 'money-mobilised';
  switch (parsed.reason) {
    case 'empty':
      return { id: 'projects.error.amountRequired' };
    case 'negative':
      return { id: 'projects.error.amountNegative' };
    case 'too-large':
      return { id: 'projects.error.amountTooLarge' };
    case 'decimals':
      if (money)
        return {
          id: 'projects.error.amountDecimals',
          values: { currency: figure.currency, decimals: minorUnitsOf(figure.currency) ?? 0 },
        };
      return countIndicators.has(figure.indicator)
        ? { id: 'projects.error.amountWhole' }
        : { id: 'projects.error.amountDecimals3' };
    case 'format':
      return { id: 'projects.error.amountFormat' };
  }
}

/** What the form checks before sending anything; the server checks again. */
export function checkDraft(draft: ProjectDraft): LocalErrors {
  const errors: LocalErrors = {};
  if (draft.title.trim() === '') errors['/title'] = { id: 'projects.error.titleRequired' };
  if (draft.countries.length === 0)
    errors['/countries'] = { id: 'projects.error.countriesRequired' };
  if (draft.startedOn && draft.endedOn && draft.endedOn < draft.startedOn)
    errors['/endedOn'] = { id: 'projects.error.endBeforeStart' };
  draft.figures.forEach((figure, index) => {
    const at = (field: FigureField) => `/figures/${index}/${field}`;
    if (figure.indicator === 'money-mobilised' && !isCurrencyCode(figure.currency.trim()))
      errors[at('currency')] = { id: 'projects.error.currency' };
    const parsed = readAmount({ ...figure, currency: figure.currency.trim() });
    const amount = parsed ? amountError(figure, parsed) : null;
    if (amount) errors[at('amount')] = amount;
    const year = Number(figure.period);
    if (!/^\d{4}$/.test(figure.period.trim()) || year < 1900 || year > 2100)
      errors[at('period')] = { id: 'projects.error.year' };
    if (figure.country && !draft.countries.includes(figure.country))
      errors[at('country')] = { id: 'projects.error.figureCountry' };
  });
  return errors;
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
const sourceList = (sources: string) =>
  sources
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function createInput(draft: ProjectDraft): CreateProjectInput {
  return {
    title: draft.title.trim(),
    summary: optional(draft.summary),
    sector: draft.sector as OrganizationSector,
    status: draft.status as ProjectStatus,
    startedOn: optional(draft.startedOn),
    endedOn: optional(draft.endedOn),
    countries: draft.countries,
    sources: sourceList(draft.sources),
    participants: draft.participants.map((participant) => ({
      organizationId: participant.organization.id,
      role: participant.role,
    })),
  };
}

/** The fields that differ from the project as read, with its version; null clears a field. */
export function updateInput(base: Project, draft: ProjectDraft): UpdateProjectInput | null {
  const before = draftFrom(base);
  const change: UpdateProjectInput = { version: base.version };
  let changed = false;
  const nullable = (value: string) => (value.trim() === '' ? null : value.trim());
  if (before.title !== draft.title) {
    change.title = draft.title.trim();
    changed = true;
  }
  if (before.summary !== draft.summary) {
    change.summary = nullable(draft.summary);
    changed = true;
  }
  if (before.sector !== draft.sector) {
    change.sector = draft.sector as OrganizationSector;
    changed = true;
  }
  if (before.status !== draft.status) {
    change.status = draft.status as ProjectStatus;
    changed = true;
  }
  if (before.startedOn !== draft.startedOn) {
    change.startedOn = nullable(draft.startedOn);
    changed = true;
  }
  if (before.endedOn !== draft.endedOn) {
    change.endedOn = nullable(draft.endedOn);
    changed = true;
  }
  if (before.countries.join() !== draft.countries.join()) {
    change.countries = draft.countries;
    changed = true;
  }
  if (sourceList(before.sources).join('\n') !== sourceList(draft.sources).join('\n')) {
    change.sources = sourceList(draft.sources);
    changed = true;
  }
  return changed ? change : null;
}

/** The reader's edits carried over to a newer copy: untouched fields follow the newer copy. */
export function rebaseDraft(
  mine: ProjectDraft,
  was: ProjectDraft,
  now: ProjectDraft,
): ProjectDraft {
  const rebased: ProjectDraft = { ...mine };
  for (const field of projectFields) {
    if (field === 'countries') {
      if (mine.countries.join() === was.countries.join()) rebased.countries = now.countries;
    } else if (mine[field] === was[field]) rebased[field] = now[field];
  }
  return rebased;
}

/** Fields someone else changed between two copies. */
export function changedFields(was: ProjectDraft, now: ProjectDraft): ProjectField[] {
  return projectFields.filter((field) =>
    field === 'countries'
      ? was.countries.join() !== now.countries.join()
      : was[field] !== now[field],
  );
}

/** A checked figure in the API's shape: the amount rewritten exactly from what was read. */
export function figureInput(figure: FigureDraft, version: number): RecordFigureInput {
  const parsed = readAmount({ ...figure, currency: figure.currency.trim() });
  const decimals = amountDecimals({ ...figure, currency: figure.currency.trim() }) ?? 0;
  if (!parsed?.ok) throw new Error('figureInput needs a checked figure');
  const money = figure.indicator === 'money-mobilised';
  return {
    version,
    kind: figure.kind,
    indicator: figure.indicator,
    amount: scaledToDecimal(parsed.minor, decimals),
    ...(money ? { currency: figure.currency.trim() } : {}),
    country: figure.country === '' ? null : figure.country,
    period: Number(figure.period),
    ...(figure.note.trim() ? { note: figure.note.trim() } : {}),
  };
}
