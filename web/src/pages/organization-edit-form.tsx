import { type FormEvent, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import {
  type Organization,
  type UpdateOrganizationInput,
  updateOrganization,
} from '../api/organizations.ts';
import { type Problem, problemOf } from '../api/problem.ts';
import { ErrorSummary } from '../forms/error-summary.tsx';
import { fieldId, splitFieldErrors } from '../forms/field-errors.ts';
import { SelectField, TextAreaField, TextField } from '../forms/fields.tsx';
import { useCountryNames } from '../i18n/display-names.ts';
import type { MessageId } from '../i18n/locales.ts';
import {
  countryCodes,
  kindMessageId,
  organizationKinds,
  organizationSectors,
  principleMessageId,
  principleNumbers,
  sectorMessageId,
} from '../vocabulary.ts';

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
  scores: string[];
};

type TextKey = Exclude<keyof Draft, 'scores'>;

const text = (value: string | null | undefined) => value ?? '';
const numberText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

export function draftFrom(organization: Organization): Draft {
  const scores = principleNumbers.map((principle) =>
    numberText(organization.principles.find((entry) => entry.principle === principle)?.score),
  );
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
    scores,
  };
}

/** Each field of the form: its key in the draft, the API's pointer, and its label. */
const fieldPointers: Record<TextKey, string> = {
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
const fieldLabels: Record<TextKey, MessageId> = {
  name: 'edit.name',
  shortName: 'organization.shortName',
  legalForm: 'profile.legalForm',
  kind: 'organization.kind',
  sector: 'organization.sector',
  country: 'organization.country',
  region: 'edit.region',
  locality: 'edit.locality',
  lat: 'edit.latitude',
  lon: 'edit.longitude',
  foundingYear: 'profile.founded',
  membersTotal: 'profile.members',
  membersWomen: 'profile.women',
  membersMen: 'profile.men',
  employees: 'profile.employees',
  website: 'profile.website',
  email: 'profile.email',
  phone: 'profile.phone',
  languages: 'profile.languages',
  description: 'profile.about',
};
const textKeys = Object.keys(fieldPointers) as TextKey[];
// Specific pointers first, so `/coordinates/lat` goes to its field, and `/coordinates` (the
// pair) and `/members` (the totals) to the first field of the group.
const pointerList = [
  ...Object.values(fieldPointers),
  '/coordinates',
  '/members',
  '/contacts',
  '/principles',
];
const groupField: Record<string, TextKey | 'principles'> = {
  '/coordinates': 'lat',
  '/members': 'membersTotal',
  '/contacts': 'email',
  '/principles': 'principles',
};

type Converted = { change: UpdateOrganizationInput; invalid: Partial<Record<TextKey, true>> };

/** The fields that differ from what was read, in the API's shape; null clears a field. */
export function changeFrom(base: Organization, draft: Draft): Converted {
  const before = draftFrom(base);
  const invalid: Partial<Record<TextKey, true>> = {};
  const change: UpdateOrganizationInput = { version: base.version };
  const changed = (...keys: TextKey[]) => keys.some((key) => before[key] !== draft[key]);
  const optionalText = (value: string) => (value.trim() === '' ? null : value.trim());
  const optionalNumber = (key: TextKey): number | null => {
    const value = draft[key].trim();
    if (value === '') return null;
    const number = Number(value.replace(',', '.'));
    if (!Number.isFinite(number)) {
      invalid[key] = true;
      return null;
    }
    return number;
  };

  if (changed('name')) change.name = draft.name;
  if (changed('shortName')) change.shortName = optionalText(draft.shortName);
  if (changed('legalForm')) change.legalForm = optionalText(draft.legalForm);
  if (changed('kind')) change.kind = draft.kind as Organization['kind'];
  if (changed('sector')) change.sector = draft.sector as Organization['sector'];
  if (changed('country')) change.country = draft.country;
  if (changed('region')) change.region = optionalText(draft.region);
  if (changed('locality')) change.locality = optionalText(draft.locality);
  if (changed('lat', 'lon')) {
    const lat = optionalNumber('lat');
    const lon = optionalNumber('lon');
    if (lat === null && lon === null && !invalid.lat && !invalid.lon) change.coordinates = null;
    else if (lat === null || lon === null) {
      if (lat === null) invalid.lat = true;
      if (lon === null) invalid.lon = true;
    } else change.coordinates = { lat, lon };
  }
  if (changed('foundingYear')) change.foundingYear = optionalNumber('foundingYear');
  if (changed('membersTotal', 'membersWomen', 'membersMen')) {
    change.members = {
      total: optionalNumber('membersTotal'),
      women: optionalNumber('membersWomen'),
      men: optionalNumber('membersMen'),
    };
  }
  if (changed('employees')) change.employees = optionalNumber('employees');
  if (changed('website')) change.website = optionalText(draft.website);
  if (changed('email', 'phone')) {
    const email = optionalText(draft.email);
    const phone = optionalText(draft.phone)?.replace(/[\s-]/g, '');
    change.contacts = { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
  }
  if (changed('languages')) {
    change.languages = draft.languages
      .split(/[\s,;]+/)
      .map((code) => code.trim().toLowerCase())
      .filter(Boolean);
  }
  if (changed('description')) change.description = optionalText(draft.description);
  if (before.scores.some((score, index) => score !== draft.scores[index])) {
    change.principles = principleNumbers.flatMap((principle, index) => {
      const score = draft.scores[index] ?? '';
      if (score === '') return [];
      const evidence = base.principles.find((entry) => entry.principle === principle)?.evidence;
      return [{ principle, score: Number(score), ...(evidence ? { evidence } : {}) }];
    });
  }
  return { change, invalid };
}

/** The reader's edits carried over to a newer copy: untouched fields follow the newer copy. */
export function rebaseDraft(mine: Draft, was: Draft, now: Draft): Draft {
  const rebased = { ...mine };
  for (const key of textKeys) {
    if (mine[key] === was[key]) rebased[key] = now[key];
  }
  rebased.scores = mine.scores.map((score, index) =>
    score === was.scores[index] ? (now.scores[index] ?? '') : score,
  );
  return rebased;
}

type Outcome =
  | { kind: 'none' }
  | { kind: 'invalid'; problem: Problem | null; local: Partial<Record<TextKey, true>> }
  | { kind: 'conflict'; current: Organization; changedFields: TextKey[] }
  | { kind: 'forbidden' }
  | { kind: 'signed-out' }
  | { kind: 'offline' }
  | { kind: 'failed'; problem: Problem };

type EditFormProps = {
  organization: Organization;
  onSaved: (organization: Organization) => void;
  /** Closes the form; with the current copy when someone else's changes should be shown. */
  onCancel: (current: Organization | null) => void;
};

const formId = 'edit-organization';

export function OrganizationEditForm({ organization, onSaved, onCancel }: EditFormProps) {
  const intl = useIntl();
  const countryName = useCountryNames();
  // What the edit is based on: what was read, or the newer copy a 409 brought.
  const [base, setBase] = useState(organization);
  const [draft, setDraft] = useState(() => draftFrom(organization));
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [isSaving, setIsSaving] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const set = (key: TextKey) => (value: string) => setDraft((now) => ({ ...now, [key]: value }));
  const label = (key: TextKey) => intl.formatMessage({ id: fieldLabels[key] });
  const id = (key: TextKey) => fieldId(formId, fieldPointers[key]);

  const { byField, other } = useMemo(() => {
    if (outcome.kind !== 'invalid') return { byField: {}, other: [] as string[] };
    const split = splitFieldErrors(outcome.problem, pointerList);
    const byKey: Partial<Record<TextKey | 'principles', string>> = {};
    for (const [pointer, message] of Object.entries(split.byField)) {
      const key =
        groupField[pointer] ?? textKeys.find((candidate) => fieldPointers[candidate] === pointer);
      if (key && byKey[key] === undefined) byKey[key] = message;
    }
    for (const key of Object.keys(outcome.local) as TextKey[]) {
      byKey[key] ??= intl.formatMessage({ id: 'edit.notANumber' });
    }
    return { byField: byKey, other: split.other };
  }, [outcome, intl]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { change, invalid } = changeFrom(base, draft);
    setAttempt((count) => count + 1);
    if (Object.keys(invalid).length > 0) {
      setOutcome({ kind: 'invalid', problem: null, local: invalid });
      return;
    }
    if (Object.keys(change).length === 1) {
      // Nothing changed: nothing to send.
      onCancel(null);
      return;
    }
    setIsSaving(true);
    try {
      const saved = await updateOrganization(base.id, change);
      onSaved(saved);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) setOutcome({ kind: 'offline' });
      else if (problem.status === 400) setOutcome({ kind: 'invalid', problem, local: {} });
      else if (problem.status === 409 && problem.current) {
        const current = problem.current as Organization;
        const was = draftFrom(base);
        const now = draftFrom(current);
        const changedFields = textKeys.filter((key) => was[key] !== now[key]);
        // Fields this reader did not touch take the other person's values; theirs stay.
        setDraft((mine) => rebaseDraft(mine, was, now));
        setBase(current);
        setOutcome({ kind: 'conflict', current, changedFields });
      } else if (problem.status === 403) setOutcome({ kind: 'forbidden' });
      else if (problem.status === 401) setOutcome({ kind: 'signed-out' });
      else setOutcome({ kind: 'failed', problem });
    } finally {
      setIsSaving(false);
    }
  };

  const error = (key: TextKey) => (byField as Partial<Record<TextKey, string>>)[key];
  const textField = (key: TextKey, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      id={id(key)}
      label={label(key)}
      value={draft[key]}
      onValueChange={set(key)}
      error={error(key)}
      {...extra}
    />
  );

  const kindOptions = organizationKinds.map((kind) => ({
    value: kind,
    label: intl.formatMessage({ id: kindMessageId(kind) }),
  }));
  const sectorOptions = organizationSectors.map((sector) => ({
    value: sector,
    label: intl.formatMessage({ id: sectorMessageId(sector) }),
  }));
  const countryOptions = useMemo(() => {
    const collator = new Intl.Collator(intl.locale);
    return countryCodes
      .map((code) => ({ value: code, label: countryName(code) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [countryName, intl.locale]);
  const scoreOptions = [
    { value: '', label: intl.formatMessage({ id: 'profile.principleNotAssessed' }) },
    ...[0, 1, 2, 3, 4].map((score) => ({
      value: String(score),
      label: intl.formatMessage({ id: 'profile.principleScore' }, { score, max: 4 }),
    })),
  ];

  return (
    <form
      className="form edit-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${formId}-title`}
    >
      <h2 id={`${formId}-title`}>
        <FormattedMessage id="edit.title" />
      </h2>

      {outcome.kind === 'invalid' ? (
        <ErrorSummary
          key={attempt}
          title={<FormattedMessage id="form.fixErrors" />}
          fieldErrors={textKeys.flatMap((key) => {
            const message = error(key);
            return message ? [{ id: id(key), label: label(key), message }] : [];
          })}
          messages={[
            ...((byField as { principles?: string }).principles
              ? [(byField as { principles?: string }).principles as string]
              : []),
            ...other,
          ]}
        />
      ) : null}
      {outcome.kind === 'conflict' ? (
        <ErrorSummary key={attempt} title={<FormattedMessage id="edit.conflictTitle" />}>
          <p>
            <FormattedMessage id="edit.conflictBody" />
          </p>
          {outcome.changedFields.length > 0 ? (
            <p>
              <FormattedMessage
                id="edit.conflictFields"
                values={{ fields: intl.formatList(outcome.changedFields.map(label)) }}
              />
            </p>
          ) : null}
          <button type="button" className="button" onClick={() => onCancel(outcome.current)}>
            <FormattedMessage id="edit.conflictDiscard" />
          </button>
        </ErrorSummary>
      ) : null}
      {outcome.kind === 'forbidden' ? (
        <ErrorSummary key={attempt} title={<FormattedMessage id="edit.forbidden" />} />
      ) : null}
      {outcome.kind === 'signed-out' ? (
        <ErrorSummary key={attempt} title={<FormattedMessage id="edit.signedOut" />}>
          <p>
            <Link href={`/sign-in?next=${encodeURIComponent(window.location.pathname)}`}>
              <FormattedMessage id="app.signIn" />
            </Link>
          </p>
        </ErrorSummary>
      ) : null}
      {outcome.kind === 'offline' ? (
        <ErrorSummary key={attempt} title={<FormattedMessage id="form.offline" />} />
      ) : null}
      {outcome.kind === 'failed' ? (
        <ErrorSummary
          key={attempt}
          title={<FormattedMessage id="edit.failed" />}
          messages={[outcome.problem.detail ?? outcome.problem.title]}
        />
      ) : null}

      <fieldset>
        <legend>
          <FormattedMessage id="profile.identity" />
        </legend>
        {textField('name', { required: true, maxLength: 200, autoComplete: 'organization' })}
        {textField('shortName', { maxLength: 40 })}
        {textField('legalForm', { maxLength: 100 })}
        <SelectField
          id={id('kind')}
          label={label('kind')}
          value={draft.kind}
          onValueChange={set('kind')}
          options={kindOptions}
          error={error('kind')}
        />
        <SelectField
          id={id('sector')}
          label={label('sector')}
          value={draft.sector}
          onValueChange={set('sector')}
          options={sectorOptions}
          error={error('sector')}
        />
        {textField('foundingYear', { inputMode: 'numeric', maxLength: 4 })}
        {textField('languages', { hint: <FormattedMessage id="edit.languagesHint" /> })}
        <TextAreaField
          id={id('description')}
          label={label('description')}
          value={draft.description}
          onValueChange={set('description')}
          error={error('description')}
          rows={5}
          maxLength={4000}
        />
      </fieldset>

      <fieldset>
        <legend>
          <FormattedMessage id="edit.place" />
        </legend>
        <SelectField
          id={id('country')}
          label={label('country')}
          value={draft.country}
          onValueChange={set('country')}
          options={countryOptions}
          error={error('country')}
        />
        {textField('region', { maxLength: 100 })}
        {textField('locality', { maxLength: 100 })}
        <div className="field-pair">
          {textField('lat', { inputMode: 'decimal' })}
          {textField('lon', { inputMode: 'decimal' })}
        </div>
      </fieldset>

      <fieldset>
        <legend>
          <FormattedMessage id="profile.figures" />
        </legend>
        <div className="field-pair">
          {textField('membersTotal', { inputMode: 'numeric' })}
          {textField('employees', { inputMode: 'numeric' })}
          {textField('membersWomen', { inputMode: 'numeric' })}
          {textField('membersMen', { inputMode: 'numeric' })}
        </div>
      </fieldset>

      <fieldset>
        <legend>
          <FormattedMessage id="edit.contact" />
        </legend>
        {textField('website', { type: 'url', inputMode: 'url', placeholder: 'https://' })}
        {textField('email', { type: 'email', inputMode: 'email' })}
        {textField('phone', { type: 'tel', hint: <FormattedMessage id="edit.phoneHint" /> })}
      </fieldset>

      <fieldset>
        <legend>
          <FormattedMessage id="profile.principles" />
        </legend>
        {principleNumbers.map((principle, index) => (
          <SelectField
            key={principle}
            id={`${formId}-principle-${principle}`}
            label={intl.formatMessage({ id: principleMessageId(principle) })}
            value={draft.scores[index] ?? ''}
            onValueChange={(value) =>
              setDraft((now) => ({
                ...now,
                scores: now.scores.map((score, at) => (at === index ? value : score)),
              }))
            }
            options={scoreOptions}
          />
        ))}
      </fieldset>

      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={isSaving}>
          {isSaving ? <FormattedMessage id="edit.saving" /> : <FormattedMessage id="edit.save" />}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => onCancel(base === organization ? null : base)}
        >
          <FormattedMessage id="edit.cancel" />
        </button>
      </div>
    </form>
  );
}
