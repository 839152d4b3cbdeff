// The organization form's fields, shared by the form that adds an organization and the one that
// edits it, with the mapping of errors (the client's and the server's) to those fields.
import './organizations.css';
import { type Dispatch, type SetStateAction, useMemo } from 'react';
import { FormattedMessage, type IntlShape, useIntl } from 'react-intl';
import type { Problem } from '../../api/problem.ts';
import { type FieldMessage, fieldErrorMessage } from '../../forms/field-message.ts';
import { SelectField, TextAreaField, TextField } from '../../forms/fields.tsx';
import { useCountryNames, useLanguageNames } from '../../i18n/display-names.ts';
import type { MessageId } from '../../i18n/locales.ts';
import {
  countryCodes,
  kindMessageId,
  languageCodes,
  organizationKinds,
  organizationSectors,
  principleMessageId,
  principleNumbers,
  sectorMessageId,
} from '../../vocabulary.ts';
import {
  type ChangedPart,
  type DescriptionRow,
  type Draft,
  emptyDescription,
  emptyOtherName,
  type FieldIds,
  fieldForPointer,
  type LocalErrors,
  type OtherNameRow,
  type Sent,
  type TextKey,
} from './organization-draft.ts';
import { RepeatableRows } from './repeatable-rows.tsx';

export const fieldLabels: Record<TextKey, MessageId> = {
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

const partLabels: Record<Exclude<ChangedPart, TextKey>, MessageId> = {
  otherNames: 'organizations.form.otherNames',
  descriptions: 'organizations.form.descriptions',
  principles: 'profile.principles',
};

export function partLabel(intl: IntlShape, part: ChangedPart): string {
  return intl.formatMessage({
    id:
      part in partLabels
        ? partLabels[part as keyof typeof partLabels]
        : fieldLabels[part as TextKey],
  });
}

const maxOtherNames = 10;
const maxDescriptions = 20;

/** Every field of the form in the order shown, with the label the error summary gives it. */
function labelledFields(draft: Draft, ids: FieldIds, intl: IntlShape) {
  const label = (key: TextKey) => ({
    id: ids.text(key),
    label: intl.formatMessage({ id: fieldLabels[key] }),
  });
  const row = (name: string, id: string, field: MessageId) => ({
    id,
    label: intl.formatMessage(
      { id: 'organizations.form.rowField' },
      { row: name, field: intl.formatMessage({ id: field }) },
    ),
  });
  const otherName = (position: number) =>
    intl.formatMessage({ id: 'organizations.form.otherName' }, { number: position });
  const description = (position: number) =>
    intl.formatMessage({ id: 'organizations.form.descriptionRow' }, { number: position });
  return [
    ...(
      [
        'name',
        'shortName',
        'legalForm',
        'kind',
        'sector',
        'foundingYear',
        'languages',
        'description',
      ] as const
    ).map(label),
    ...draft.otherNames.flatMap((other, index) => [
      row(
        otherName(index + 1),
        ids.otherName(other.key, 'text'),
        'organizations.form.otherNameText',
      ),
      row(
        otherName(index + 1),
        ids.otherName(other.key, 'language'),
        'organizations.form.language',
      ),
      row(otherName(index + 1), ids.otherName(other.key, 'script'), 'organizations.form.script'),
    ]),
    ...draft.descriptions.flatMap((entry, index) => [
      row(
        description(index + 1),
        ids.description(entry.key, 'language'),
        'organizations.form.language',
      ),
      row(
        description(index + 1),
        ids.description(entry.key, 'text'),
        'organizations.form.descriptionText',
      ),
    ]),
    ...(['country', 'region', 'locality', 'lat', 'lon'] as const).map(label),
    ...(['membersTotal', 'employees', 'membersWomen', 'membersMen'] as const).map(label),
    ...(['website', 'email', 'phone'] as const).map(label),
    ...principleNumbers.flatMap((principle) => {
      const name = intl.formatMessage({ id: principleMessageId(principle) });
      return [
        { id: ids.score(principle), label: name },
        {
          id: ids.evidence(principle),
          label: intl.formatMessage({ id: 'organizations.form.evidence' }, { principle: name }),
        },
      ];
    }),
  ];
}

export type FormErrors = {
  /** The message shown under each field, by the field's id. */
  byId: Record<string, FieldMessage>;
  /** The summary's links, in the order of the form. */
  summary: { id: string; label: string; message: FieldMessage }[];
  /** Messages that belong to no single field. */
  other: FieldMessage[];
};

/** The client's and the server's errors, each under its field and all in the summary. */
export function useFormErrors(
  draft: Draft,
  ids: FieldIds,
  errors: { problem: Problem | null; local: LocalErrors; sent: Sent } | null,
): FormErrors {
  const intl = useIntl();
  return useMemo(() => {
    if (!errors) return { byId: {}, summary: [], other: [] };
    const fields = labelledFields(draft, ids, intl);
    const known = new Set(fields.map((field) => field.id));
    const byId: Record<string, FieldMessage> = {};
    const other: FieldMessage[] = [];
    for (const [id, message] of Object.entries(errors.local)) {
      byId[id] = { message: intl.formatMessage({ id: message }) };
    }
    for (const error of errors.problem?.errors ?? []) {
      const id = fieldForPointer(error.pointer, ids, errors.sent);
      const message = fieldErrorMessage(intl, error);
      if (id === null || !known.has(id)) other.push(message);
      else byId[id] ??= message;
    }
    const summary = fields.flatMap((field) => {
      const message = byId[field.id];
      return message ? [{ ...field, message }] : [];
    });
    return { byId, summary, other };
  }, [draft, errors, ids, intl]);
}

type FieldsProps = {
  draft: Draft;
  setDraft: Dispatch<SetStateAction<Draft>>;
  ids: FieldIds;
  errors: Record<string, FieldMessage>;
  /** A new organization: kind, sector and country start unchosen. */
  isNew: boolean;
};

/** The fieldsets of the organization form: identity, names, place, figures, contact, principles. */
export function OrganizationFields({ draft, setDraft, ids, errors, isNew }: FieldsProps) {
  const intl = useIntl();
  const countryName = useCountryNames();
  const languageName = useLanguageNames();
  const set = (key: TextKey) => (value: string) => setDraft((now) => ({ ...now, [key]: value }));
  const label = (key: TextKey) => intl.formatMessage({ id: fieldLabels[key] });
  const message = (id: MessageId, values?: Record<string, string | number>) =>
    intl.formatMessage({ id }, values);

  const textField = (key: TextKey, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      id={ids.text(key)}
      label={label(key)}
      value={draft[key]}
      onValueChange={set(key)}
      error={errors[ids.text(key)]}
      {...extra}
    />
  );
  const choose = isNew ? [{ value: '', label: message('organizations.form.choose') }] : [];
  const selectField = (key: TextKey, options: { value: string; label: string }[]) => (
    <SelectField
      id={ids.text(key)}
      label={label(key)}
      value={draft[key]}
      onValueChange={set(key)}
      options={[...choose, ...options]}
      error={errors[ids.text(key)]}
      required={isNew}
    />
  );

  const collator = useMemo(() => new Intl.Collator(intl.locale), [intl.locale]);
  const countryOptions = useMemo(
    () =>
      countryCodes
        .map((code) => ({ value: code, label: countryName(code) }))
        .sort((a, b) => collator.compare(a.label, b.label)),
    [countryName, collator],
  );
  const languageOptions = useMemo(
    () =>
      languageCodes
        .map((code) => ({ value: code, label: languageName(code) }))
        .sort((a, b) => collator.compare(a.label, b.label)),
    [languageName, collator],
  );
  const scoreOptions = [
    { value: '', label: message('profile.principleNotAssessed') },
    ...[0, 1, 2, 3, 4].map((score) => ({
      value: String(score),
      label: message('profile.principleScore', { score, max: 4 }),
    })),
  ];

  const setRows =
    <K extends 'otherNames' | 'descriptions'>(key: K) =>
    (rows: Draft[K]) =>
      setDraft((now) => ({ ...now, [key]: rows }));

  return (
    <>
      <fieldset>
        <legend>
          <FormattedMessage id="profile.identity" />
        </legend>
        {textField('name', {
          required: true,
          maxLength: 200,
          counted: true,
          autoComplete: 'organization',
        })}
        {textField('shortName', { maxLength: 40 })}
        {textField('legalForm', { maxLength: 100 })}
        {selectField(
          'kind',
          organizationKinds.map((kind) => ({ value: kind, label: message(kindMessageId(kind)) })),
        )}
        {selectField(
          'sector',
          organizationSectors.map((sector) => ({
            value: sector,
            label: message(sectorMessageId(sector)),
          })),
        )}
        {textField('foundingYear', { inputMode: 'numeric', maxLength: 4 })}
        {textField('languages', { hint: <FormattedMessage id="edit.languagesHint" /> })}
        <TextAreaField
          id={ids.text('description')}
          label={label('description')}
          value={draft.description}
          onValueChange={set('description')}
          error={errors[ids.text('description')]}
          rows={5}
          maxLength={4000}
        />
      </fieldset>

      <RepeatableRows<OtherNameRow>
        id={ids.group('other-names')}
        legend={<FormattedMessage id="organizations.form.otherNames" />}
        hint={<FormattedMessage id="organizations.form.otherNamesHint" />}
        rows={draft.otherNames}
        onRowsChange={setRows('otherNames')}
        newRow={emptyOtherName}
        max={maxOtherNames}
        addLabel={message('organizations.form.addOtherName')}
        fullNote={
          <FormattedMessage
            id="organizations.form.otherNamesFull"
            values={{ max: maxOtherNames }}
          />
        }
        rowName={(number) => message('organizations.form.otherName', { number })}
        removeLabel={(number) => message('organizations.form.removeOtherName', { number })}
        firstFieldId={(row) => ids.otherName(row.key, 'text')}
        renderRow={(row, update) => (
          <>
            <TextField
              id={ids.otherName(row.key, 'text')}
              label={message('organizations.form.otherNameText')}
              value={row.text}
              onValueChange={(value) => update({ text: value })}
              error={errors[ids.otherName(row.key, 'text')]}
              maxLength={200}
              lang={row.language || undefined}
            />
            <div className="field-pair">
              <SelectField
                id={ids.otherName(row.key, 'language')}
                label={message('organizations.form.language')}
                value={row.language}
                onValueChange={(value) => update({ language: value })}
                options={[
                  { value: '', label: message('organizations.form.languageNotGiven') },
                  ...languageOptions,
                ]}
                error={errors[ids.otherName(row.key, 'language')]}
              />
              <TextField
                id={ids.otherName(row.key, 'script')}
                label={message('organizations.form.script')}
                hint={<FormattedMessage id="organizations.form.scriptHint" />}
                value={row.script}
                onValueChange={(value) => update({ script: value })}
                error={errors[ids.otherName(row.key, 'script')]}
                maxLength={40}
              />
            </div>
          </>
        )}
      />

      <RepeatableRows<DescriptionRow>
        id={ids.group('descriptions')}
        legend={<FormattedMessage id="organizations.form.descriptions" />}
        hint={<FormattedMessage id="organizations.form.descriptionsHint" />}
        rows={draft.descriptions}
        onRowsChange={setRows('descriptions')}
        newRow={emptyDescription}
        max={maxDescriptions}
        addLabel={message('organizations.form.addDescription')}
        fullNote={
          <FormattedMessage
            id="organizations.form.descriptionsFull"
            values={{ max: maxDescriptions }}
          />
        }
        rowName={(number) => message('organizations.form.descriptionRow', { number })}
        removeLabel={(number) => message('organizations.form.removeDescription', { number })}
        firstFieldId={(row) => ids.description(row.key, 'language')}
        renderRow={(row, update) => {
          const taken = new Set(
            draft.descriptions
              .filter((other) => other.key !== row.key)
              .map((other) => other.language),
          );
          return (
            <>
              <SelectField
                id={ids.description(row.key, 'language')}
                label={message('organizations.form.language')}
                value={row.language}
                onValueChange={(value) => update({ language: value })}
                options={[
                  { value: '', label: message('organizations.form.choose') },
                  ...languageOptions.filter((option) => !taken.has(option.value)),
                ]}
                error={errors[ids.description(row.key, 'language')]}
              />
              <TextAreaField
                id={ids.description(row.key, 'text')}
                label={message('organizations.form.descriptionText')}
                value={row.text}
                onValueChange={(value) => update({ text: value })}
                error={errors[ids.description(row.key, 'text')]}
                rows={4}
                maxLength={4000}
                lang={row.language || undefined}
              />
            </>
          );
        }}
      />

      <fieldset>
        <legend>
          <FormattedMessage id="edit.place" />
        </legend>
        {selectField('country', countryOptions)}
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
          {textField('membersTotal', {
            inputMode: 'numeric',
            hint: <FormattedMessage id="organizations.form.membersHint" />,
          })}
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
        <p className="field__hint">
          <FormattedMessage id="profile.principlesHint" />
        </p>
        {principleNumbers.map((principle, index) => {
          const name = message(principleMessageId(principle));
          return (
            <div key={principle} className="principle-field">
              <SelectField
                id={ids.score(principle)}
                label={name}
                value={draft.scores[index] ?? ''}
                onValueChange={(value) =>
                  setDraft((now) => ({
                    ...now,
                    scores: now.scores.map((score, at) => (at === index ? value : score)),
                  }))
                }
                options={scoreOptions}
                error={errors[ids.score(principle)]}
              />
              <TextAreaField
                id={ids.evidence(principle)}
                label={message('organizations.form.evidence', { principle: name })}
                value={draft.evidence[index] ?? ''}
                onValueChange={(value) =>
                  setDraft((now) => ({
                    ...now,
                    evidence: now.evidence.map((evidence, at) => (at === index ? value : evidence)),
                  }))
                }
                error={errors[ids.evidence(principle)]}
                rows={2}
                maxLength={1000}
              />
            </div>
          );
        })}
      </fieldset>
    </>
  );
}
