// The organization form's values as typed, and their conversion to what the API takes: shared by
// the form that adds an organization and the one that edits it.
import type {
  CreateOrganizationInput,
  Organization,
  UpdateOrganizationInput,
} from '../../api/organizations.ts';
import type { MessageId } from '../../i18n/locales.ts';
import { principleNumbers } from '../../vocabulary.ts';

export type OtherNameRow = { key: number; text: string; language: string; script: string };
export type DescriptionRow = { key: number; language: string; text: string };

/** The form's values, all as typed: converted to the API's types only when saving. */
export type Draft = {
  name: string;
  shortName: string;
  legalForm: string;
  kind: string;
  sector: string;
  country: string;
  region: string;
  locality: string;
  lat: string;
  lon: string;
  foundingYear: string;
  membersTotal: string;
  membersWomen: string;
  membersMen: string;
  employees: string;
  website: string;
  email: string;
  phone: string;
  languages: string;
  description: string;
  otherNames: OtherNameRow[];
  descriptions: DescriptionRow[];
  /** One per principle, in order: '' when not assessed. */
  scores: string[];
  evidence: string[];
};

export type TextKey = Exclude<keyof Draft, 'scores' | 'evidence' | 'otherNames' | 'descriptions'>;

/** Each single field of the form: the API's pointer to it. */
export const fieldPointers: Record<TextKey, string> = {
  name: '/name',
  shortName: '/shortName',
  legalForm: '/legalForm',
  kind: '/kind',
  sector: '/sector',
  country: '/country',
  region: '/region',
  locality: '/locality',
  lat: '/coordinates/lat',
  lon: '/coordinates/lon',
  foundingYear: '/foundingYear',
  membersTotal: '/members/total',
  membersWomen: '/members/women',
  membersMen: '/members/men',
  employees: '/employees',
  website: '/website',
  email: '/contacts/email',
  phone: '/contacts/phone',
  languages: '/languages',
  description: '/description',
};
export const textKeys = Object.keys(fieldPointers) as TextKey[];

// Rows need a key that stays with them when another row is removed.
let lastRowKey = 0;
export function nextRowKey(): number {
  lastRowKey += 1;
  return lastRowKey;
}

export function emptyOtherName(): OtherNameRow {
  return { key: nextRowKey(), text: '', language: '', script: '' };
}

export function emptyDescription(): DescriptionRow {
  return { key: nextRowKey(), language: '', text: '' };
}

const text = (value: string | null | undefined) => value ?? '';
const numberText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/** A blank form, for a new organization. */
export function emptyDraft(): Draft {
  return {
    ...(Object.fromEntries(textKeys.map((key) => [key, ''])) as Record<TextKey, string>),
    otherNames: [],
    descriptions: [],
    scores: principleNumbers.map(() => ''),
    evidence: principleNumbers.map(() => ''),
  };
}

export function draftFrom(organization: Organization): Draft {
  const assessment = (principle: number) =>
    organization.principles.find((entry) => entry.principle === principle);
  return {
    name: organization.name,
    shortName: text(organization.shortName),
    legalForm: text(organization.legalForm),
    kind: organization.kind,
    sector: organization.sector,
    country: organization.country,
    region: text(organization.region),
    locality: text(organization.locality),
    lat: numberText(organization.coordinates?.lat),
    lon: numberText(organization.coordinates?.lon),
    foundingYear: numberText(organization.foundingYear),
    membersTotal: numberText(organization.members.total),
    membersWomen: numberText(organization.members.women),
    membersMen: numberText(organization.members.men),
    employees: numberText(organization.employees),
    website: text(organization.website),
    email: text(organization.contacts.email),
    phone: text(organization.contacts.phone),
    languages: organization.languages.join(', '),
    description: text(organization.description),
    otherNames: organization.otherNames.map((other) => ({
      key: nextRowKey(),
      text: other.text,
      language: text(other.language),
      script: text(other.script),
    })),
    descriptions: Object.entries(organization.descriptions).map(([language, body]) => ({
      key: nextRowKey(),
      language,
      text: body,
    })),
    scores: principleNumbers.map((principle) => numberText(assessment(principle)?.score)),
    evidence: principleNumbers.map((principle) => text(assessment(principle)?.evidence)),
  };
}

/** Field ids of the form; each field's label points at its input by this id. */
export function fieldIds(formId: string) {
  return {
    text: (key: TextKey) => `${formId}${fieldPointers[key].replaceAll('/', '-')}`,
    otherName: (row: number, part: 'text' | 'language' | 'script') =>
      `${formId}-other-name-${row}-${part}`,
    description: (row: number, part: 'language' | 'text') => `${formId}-description-${row}-${part}`,
    score: (principle: number) => `${formId}-principle-${principle}`,
    evidence: (principle: number) => `${formId}-principle-${principle}-evidence`,
    logo: `${formId}-logo`,
    /** A group of the form's own elements, such as its list of other names. */
    group: (name: string) => `${formId}-${name}`,
  };
}
export type FieldIds = ReturnType<typeof fieldIds>;

/** What the client found wrong before sending: a message for each field id. */
export type LocalErrors = Record<string, MessageId>;

/** What was sent, to find the row an error pointer (`/otherNames/1/text`) speaks of. */
export type Sent = {
  otherNames: number[];
  descriptions: Record<string, number>;
  principles: number[];
};

type Converted<T> = { input: T; local: LocalErrors; sent: Sent };

/** Reads the draft's values into the API's types, noting what cannot be sent as it is. */
function reader(draft: Draft, ids: FieldIds, local: LocalErrors) {
  const optionalText = (value: string) => (value.trim() === '' ? null : value.trim());
  const optionalNumber = (key: TextKey): number | null => {
    const value = draft[key].trim();
    if (value === '') return null;
    const number = Number(value.replace(',', '.'));
    if (!Number.isFinite(number)) {
      local[ids.text(key)] = 'edit.notANumber';
      return null;
    }
    return number;
  };
  return {
    optionalText,
    optionalNumber,
    coordinates(): { lat: number; lon: number } | null | undefined {
      const lat = optionalNumber('lat');
      const lon = optionalNumber('lon');
      if (local[ids.text('lat')] || local[ids.text('lon')]) return undefined;
      if (lat === null && lon === null) return null;
      if (lat === null || lon === null) {
        local[ids.text(lat === null ? 'lat' : 'lon')] = 'organizations.form.coordinatesPair';
        return undefined;
      }
      return { lat, lon };
    },
    members() {
      const members = {
        total: optionalNumber('membersTotal'),
        women: optionalNumber('membersWomen'),
        men: optionalNumber('membersMen'),
      };
      const message = membersMessage(members);
      if (message) local[ids.text('membersTotal')] = message;
      return members;
    },
    contacts() {
      const email = optionalText(draft.email);
      const phone = optionalText(draft.phone)?.replace(/[\s-]/g, '');
      return { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
    },
    languages() {
      return draft.languages
        .split(/[\s,;]+/)
        .map((code) => code.trim().toLowerCase())
        .filter(Boolean);
    },
    otherNames() {
      return draft.otherNames.map((row) => {
        const name = row.text.trim();
        if (name === '')
          local[ids.otherName(row.key, 'text')] = 'organizations.form.otherNameEmpty';
        const script = row.script.trim();
        return {
          text: name,
          ...(row.language ? { language: row.language } : {}),
          ...(script ? { script } : {}),
        };
      });
    },
    descriptions() {
      const record: Record<string, string> = {};
      for (const row of draft.descriptions) {
        const body = row.text.trim();
        if (row.language === '') {
          local[ids.description(row.key, 'language')] = 'organizations.form.descriptionLanguage';
        } else if (record[row.language] !== undefined) {
          local[ids.description(row.key, 'language')] = 'organizations.form.descriptionTwice';
        }
        if (body === '')
          local[ids.description(row.key, 'text')] = 'organizations.form.descriptionEmpty';
        if (row.language) record[row.language] = body;
      }
      return record;
    },
    principles() {
      return principleNumbers.flatMap((principle, index) => {
        const score = draft.scores[index] ?? '';
        const evidence = (draft.evidence[index] ?? '').trim();
        if (score === '') {
          if (evidence) local[ids.evidence(principle)] = 'organizations.form.evidenceNeedsScore';
          return [];
        }
        return [{ principle, score: Number(score), ...(evidence ? { evidence } : {}) }];
      });
    },
  };
}

/**
 * Women and men members cannot be more than the total (the server's rule); neither alone can.
 * Null when the figures agree or are not all given.
 */
export function membersMessage(members: {
  total: number | null;
  women: number | null;
  men: number | null;
}): MessageId | null {
  if (members.total === null) return null;
  // A negative figure is the schema's to word (too small): no sum of it means anything.
  if ([members.total, members.women, members.men].some((figure) => figure !== null && figure < 0))
    return null;
  if ((members.women ?? 0) + (members.men ?? 0) > members.total) {
    return 'organizations.form.membersExceedTotal';
  }
  return null;
}

function sentFrom(draft: Draft, principles: { principle: number }[]): Sent {
  return {
    otherNames: draft.otherNames.map((row) => row.key),
    descriptions: Object.fromEntries(draft.descriptions.map((row) => [row.language, row.key])),
    principles: principles.map((entry) => entry.principle),
  };
}

/** A new organization from a filled-in form; what is left empty is left out. */
export function createInputFrom(draft: Draft, ids: FieldIds): Converted<CreateOrganizationInput> {
  const local: LocalErrors = {};
  const read = reader(draft, ids, local);
  if (draft.name.trim() === '') local[ids.text('name')] = 'organizations.form.nameNeeded';
  for (const key of ['kind', 'sector', 'country'] as const) {
    if (draft[key] === '') local[ids.text(key)] = 'organizations.form.chooseOne';
  }
  const input: CreateOrganizationInput = {
    name: draft.name.trim(),
    kind: draft.kind as CreateOrganizationInput['kind'],
    sector: draft.sector as CreateOrganizationInput['sector'],
    country: draft.country,
  };
  const optional = <K extends keyof CreateOrganizationInput>(
    key: K,
    value: CreateOrganizationInput[K] | null | undefined,
  ) => {
    if (value !== null && value !== undefined) input[key] = value;
  };
  optional('shortName', read.optionalText(draft.shortName));
  optional('legalForm', read.optionalText(draft.legalForm));
  optional('region', read.optionalText(draft.region));
  optional('locality', read.optionalText(draft.locality));
  optional('coordinates', read.coordinates());
  optional('foundingYear', read.optionalNumber('foundingYear'));
  const members = read.members();
  if (members.total !== null || members.women !== null || members.men !== null) {
    input.members = members;
  }
  optional('employees', read.optionalNumber('employees'));
  optional('website', read.optionalText(draft.website));
  const contacts = read.contacts();
  if (Object.keys(contacts).length > 0) input.contacts = contacts;
  const languages = read.languages();
  if (languages.length > 0) input.languages = languages;
  optional('description', read.optionalText(draft.description));
  const otherNames = read.otherNames();
  if (otherNames.length > 0) input.otherNames = otherNames;
  const descriptions = read.descriptions();
  if (Object.keys(descriptions).length > 0) input.descriptions = descriptions;
  const principles = read.principles();
  if (principles.length > 0) input.principles = principles;
  return { input, local, sent: sentFrom(draft, principles) };
}

const sameRows = (a: unknown[], b: unknown[]) => JSON.stringify(a) === JSON.stringify(b);
const otherNameValues = (rows: OtherNameRow[]) =>
  rows.map(({ text: name, language, script }) => [name.trim(), language, script.trim()]);
const descriptionValues = (rows: DescriptionRow[]) =>
  rows.map(({ language, text: body }) => [language, body.trim()]);

/** The fields that differ from what was read, in the API's shape; null clears a field. */
export function changeFrom(
  base: Organization,
  draft: Draft,
  ids: FieldIds,
): Converted<UpdateOrganizationInput> {
  const before = draftFrom(base);
  const local: LocalErrors = {};
  const read = reader(draft, ids, local);
  const change: UpdateOrganizationInput = { version: base.version };
  const changed = (...keys: TextKey[]) => keys.some((key) => before[key] !== draft[key]);

  if (changed('name')) {
    if (draft.name.trim() === '') local[ids.text('name')] = 'organizations.form.nameNeeded';
    change.name = draft.name.trim();
  }
  if (changed('shortName')) change.shortName = read.optionalText(draft.shortName);
  if (changed('legalForm')) change.legalForm = read.optionalText(draft.legalForm);
  if (changed('kind')) change.kind = draft.kind as Organization['kind'];
  if (changed('sector')) change.sector = draft.sector as Organization['sector'];
  if (changed('country')) change.country = draft.country;
  if (changed('region')) change.region = read.optionalText(draft.region);
  if (changed('locality')) change.locality = read.optionalText(draft.locality);
  if (changed('lat', 'lon')) {
    const coordinates = read.coordinates();
    if (coordinates !== undefined) change.coordinates = coordinates;
  }
  if (changed('foundingYear')) change.foundingYear = read.optionalNumber('foundingYear');
  if (changed('membersTotal', 'membersWomen', 'membersMen')) change.members = read.members();
  if (changed('employees')) change.employees = read.optionalNumber('employees');
  if (changed('website')) change.website = read.optionalText(draft.website);
  if (changed('email', 'phone')) change.contacts = read.contacts();
  if (changed('languages')) change.languages = read.languages();
  if (changed('description')) change.description = read.optionalText(draft.description);
  if (!sameRows(otherNameValues(before.otherNames), otherNameValues(draft.otherNames))) {
    change.otherNames = read.otherNames();
  }
  if (!sameRows(descriptionValues(before.descriptions), descriptionValues(draft.descriptions))) {
    change.descriptions = read.descriptions();
  }
  let principles: { principle: number }[] = [];
  if (
    !sameRows(before.scores, draft.scores) ||
    !sameRows(
      before.evidence,
      draft.evidence.map((evidence) => evidence.trim()),
    )
  ) {
    const list = read.principles();
    change.principles = list;
    principles = list;
  }
  return { input: change, local, sent: sentFrom(draft, principles) };
}

/** The groups of rows, named in a conflict's list of what someone else changed. */
export type ChangedPart = TextKey | 'otherNames' | 'descriptions' | 'principles';

/** What differs between two copies of the form. */
export function changedParts(was: Draft, now: Draft): ChangedPart[] {
  const parts: ChangedPart[] = textKeys.filter((key) => was[key] !== now[key]);
  if (!sameRows(otherNameValues(was.otherNames), otherNameValues(now.otherNames))) {
    parts.push('otherNames');
  }
  if (!sameRows(descriptionValues(was.descriptions), descriptionValues(now.descriptions))) {
    parts.push('descriptions');
  }
  if (!sameRows(was.scores, now.scores) || !sameRows(was.evidence, now.evidence)) {
    parts.push('principles');
  }
  return parts;
}

/** The reader's edits carried over to a newer copy: untouched fields follow the newer copy. */
export function rebaseDraft(mine: Draft, was: Draft, now: Draft): Draft {
  const rebased = { ...mine };
  for (const key of textKeys) {
    if (mine[key] === was[key]) rebased[key] = now[key];
  }
  if (sameRows(otherNameValues(mine.otherNames), otherNameValues(was.otherNames))) {
    rebased.otherNames = now.otherNames;
  }
  if (sameRows(descriptionValues(mine.descriptions), descriptionValues(was.descriptions))) {
    rebased.descriptions = now.descriptions;
  }
  rebased.scores = mine.scores.map((score, index) =>
    score === was.scores[index] ? (now.scores[index] ?? '') : score,
  );
  rebased.evidence = mine.evidence.map((evidence, index) =>
    evidence === was.evidence[index] ? (now.evidence[index] ?? '') : evidence,
  );
  return rebased;
}

// Specific pointers first, so `/coordinates/lat` goes to its field, and `/coordinates` (the
// pair), `/members` (the totals) and `/contacts` to the first field of their group.
const groupFields: [string, TextKey][] = [
  ['/coordinates', 'lat'],
  ['/members', 'membersTotal'],
  ['/contacts', 'email'],
];

/** The field an error pointer from the server speaks of, or null when it is no single field. */
export function fieldForPointer(pointer: string, ids: FieldIds, sent: Sent): string | null {
  const under = (prefix: string) => pointer === prefix || pointer.startsWith(`${prefix}/`);
  const key = textKeys.find((candidate) => under(fieldPointers[candidate]));
  if (key) return ids.text(key);
  const group = groupFields.find(([prefix]) => under(prefix));
  if (group) return ids.text(group[1]);
  const [, list, index, part] = pointer.split('/');
  if (list === 'otherNames' && index !== undefined) {
    const row = sent.otherNames[Number(index)];
    if (row === undefined) return null;
    return ids.otherName(row, part === 'language' || part === 'script' ? part : 'text');
  }
  if (list === 'descriptions' && index !== undefined) {
    const row = sent.descriptions[index];
    return row === undefined ? null : ids.description(row, 'text');
  }
  if (list === 'principles' && index !== undefined) {
    const principle = sent.principles[Number(index)];
    if (principle === undefined) return null;
    return part === 'evidence' ? ids.evidence(principle) : ids.score(principle);
  }
  return null;
}
