import { type FormEvent, type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  type Affiliation,
  type CreateAffiliationInput,
  type CreatePartnershipInput,
  createAffiliation,
  createPartnership,
  type Partnership,
} from '../../api/graph.ts';
import {
  type ChosenOrganization,
  OrganizationCombobox,
} from '../../components/organization-combobox.tsx';
import { SelectField, TextAreaField } from '../../forms/fields.tsx';
import { inputProblem, useSchemas } from '../../forms/input-check.ts';
import { useSubmissionKeys } from '../../forms/use-submission-keys.ts';
import { affiliationKinds, partnershipKinds } from '../../vocabulary.ts';
import {
  type FieldMessage,
  refusedOutcome,
  type TieOutcome,
  TieProblem,
  tieOutcomeOf,
} from './tie-problem.tsx';

// The server's own schemas, loaded as a tie form opens: not every reader of a profile adds a tie.
const loadSchemas = () => import('../../../../src/modules/network/schemas.ts');

const affiliationPointers = {
  '/memberId': 'other',
  '/parentId': 'other',
  '/kind': 'kind',
  '/startedOn': 'startedOn',
} as const;

const partnershipPointers = {
  '/fromId': 'other',
  '/toId': 'other',
  '/kind': 'kind',
  '/startedOn': 'startedOn',
  '/endedOn': 'endedOn',
  '/note': 'note',
} as const;

type Here = { id: string; name: string };

type FormProps<Tie> = {
  organization: Here;
  onSaved: (tie: Tie, other: ChosenOrganization) => void;
  onCancel: () => void;
};

type AffiliationField = 'other' | 'kind' | 'startedOn';

/**
 * Records that an organization belongs to another. An organization's admins manage what belongs
 * to it; network staff may also record what this organization belongs to (`mayJoinOthers`).
 */
export function AffiliationForm({
  organization,
  mayJoinOthers,
  onSaved,
  onCancel,
}: FormProps<Affiliation> & { mayJoinOthers: boolean }) {
  const intl = useIntl();
  const formId = 'tie-affiliation';
  const [direction, setDirection] = useState<'member' | 'parent'>('member');
  const [other, setOther] = useState<ChosenOrganization | null>(null);
  const [kind, setKind] = useState<(typeof affiliationKinds)[number]>('member-of');
  const [startedOn, setStartedOn] = useState('');
  const [outcome, setOutcome] = useState<TieOutcome<AffiliationField>>({ kind: 'none' });
  const [attempt, setAttempt] = useState(0);
  const keys = useSubmissionKeys();
  const schemas = useSchemas(loadSchemas);
  const [isSaving, setIsSaving] = useState(false);

  // "member": the other organization belongs to this one; "parent": this one belongs to it.
  const otherIsMember = direction === 'member';
  const labels: Record<AffiliationField, string> = {
    other: intl.formatMessage({
      id: otherIsMember ? 'graph.tie.memberOrganization' : 'graph.tie.parentOrganization',
    }),
    kind: intl.formatMessage({ id: 'graph.tie.affiliationKind' }),
    startedOn: intl.formatMessage({ id: 'graph.tie.startedOn' }),
  };
  const ids: Record<AffiliationField, string> = {
    other: `${formId}-other`,
    kind: `${formId}-kind`,
    startedOn: `${formId}-startedOn`,
  };
  const fieldError = (field: AffiliationField): FieldMessage | undefined =>
    outcome.kind === 'invalid' ? outcome.fields[field] : undefined;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    const input = {
      ...(other
        ? {
            memberId: otherIsMember ? other.id : organization.id,
            parentId: otherIsMember ? organization.id : other.id,
          }
        : {}),
      kind,
      ...(startedOn ? { startedOn } : {}),
    };
    // Every field in one round: the form's own check and the server's schema, before sending.
    const checked = await schemas();
    const refused = refusedOutcome<AffiliationField>(
      checked ? inputProblem(checked.CreateAffiliationInput, input) : null,
      affiliationPointers,
      intl,
      other ? {} : { other: chooseMessage(intl.formatMessage, intl.locale) },
    );
    if (refused || !other) {
      if (refused) setOutcome(refused);
      return;
    }
    setIsSaving(true);
    try {
      const saved = await createAffiliation(input as CreateAffiliationInput, keys);
      setOutcome({ kind: 'none' });
      onSaved(saved, other);
    } catch (error) {
      setOutcome(tieOutcomeOf<AffiliationField>(error, affiliationPointers, intl));
    } finally {
      setIsSaving(false);
    }
  };

  const names = { here: organization.name, other: other?.name ?? '' };
  return (
    <form
      className="form tie-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${formId}-title`}
    >
      <h4 id={`${formId}-title`}>
        <FormattedMessage id="graph.tie.addAffiliation" />
      </h4>
      <TieProblem
        outcome={outcome}
        attempt={attempt}
        fields={(['other', 'kind', 'startedOn'] as const).map((field) => ({
          field,
          id: ids[field],
          label: labels[field],
        }))}
        cycle={
          other
            ? {
                member: otherIsMember ? other.name : organization.name,
                parent: otherIsMember ? organization.name : other.name,
              }
            : undefined
        }
      />
      {mayJoinOthers ? (
        <fieldset>
          <legend>
            <FormattedMessage id="graph.tie.direction" />
          </legend>
          <label className="choice">
            <input
              type="radio"
              name={`${formId}-direction`}
              checked={otherIsMember}
              onChange={() => setDirection('member')}
            />
            <FormattedMessage id="graph.tie.directionMember" values={{ here: organization.name }} />
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${formId}-direction`}
              checked={!otherIsMember}
              onChange={() => setDirection('parent')}
            />
            <FormattedMessage id="graph.tie.directionParent" values={{ here: organization.name }} />
          </label>
        </fieldset>
      ) : (
        <p className="field__hint">
          <FormattedMessage id="graph.tie.memberOnlyHint" values={{ here: organization.name }} />
        </p>
      )}
      <OrganizationCombobox
        id={ids.other}
        label={labels.other}
        value={other}
        onChange={setOther}
        excludeIds={[organization.id]}
        error={fieldError('other')}
      />
      <SelectField
        id={ids.kind}
        label={labels.kind}
        value={kind}
        onValueChange={(value) => setKind(value as typeof kind)}
        options={affiliationKinds.map((value) => ({
          value,
          label: intl.formatMessage({ id: `graph.tie.affiliation.${value}` }),
        }))}
        error={fieldError('kind')}
      />
      <DateField
        id={ids.startedOn}
        label={labels.startedOn}
        hint={<FormattedMessage id="graph.tie.dateHint" />}
        value={startedOn}
        onValueChange={setStartedOn}
        error={fieldError('startedOn')}
      />
      {other ? (
        <p className="tie-form__summary">
          <FormattedMessage
            id={otherIsMember ? 'graph.tie.previewMember' : 'graph.tie.previewParent'}
            values={names}
          />
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={isSaving}>
          <FormattedMessage id={isSaving ? 'graph.tie.saving' : 'graph.tie.saveAffiliation'} />
        </button>
        <button type="button" className="button" onClick={onCancel}>
          <FormattedMessage id="graph.tie.cancel" />
        </button>
      </div>
    </form>
  );
}

type PartnershipField = 'other' | 'kind' | 'startedOn' | 'endedOn' | 'note';

/** Records a partnership, typed and dated, with the organization that provides first. */
export function PartnershipForm({ organization, onSaved, onCancel }: FormProps<Partnership>) {
  const intl = useIntl();
  const formId = 'tie-partnership';
  const [other, setOther] = useState<ChosenOrganization | null>(null);
  const [kind, setKind] = useState<(typeof partnershipKinds)[number]>('supply');
  const [provides, setProvides] = useState<'here' | 'other'>('here');
  const [startedOn, setStartedOn] = useState('');
  const [endedOn, setEndedOn] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<TieOutcome<PartnershipField>>({ kind: 'none' });
  const [attempt, setAttempt] = useState(0);
  const keys = useSubmissionKeys();
  const schemas = useSchemas(loadSchemas);
  const [isSaving, setIsSaving] = useState(false);

  const fieldsInOrder = ['other', 'kind', 'startedOn', 'endedOn', 'note'] as const;
  const labels: Record<PartnershipField, string> = {
    other: intl.formatMessage({ id: 'graph.tie.partnerOrganization' }),
    kind: intl.formatMessage({ id: 'graph.tie.partnershipKind' }),
    startedOn: intl.formatMessage({ id: 'graph.tie.startedOn' }),
    endedOn: intl.formatMessage({ id: 'graph.tie.endedOn' }),
    note: intl.formatMessage({ id: 'graph.tie.note' }),
  };
  const id = (field: PartnershipField) => `${formId}-${field}`;
  const fieldError = (field: PartnershipField): FieldMessage | undefined =>
    outcome.kind === 'invalid' ? outcome.fields[field] : undefined;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    const local: Partial<Record<PartnershipField, FieldMessage>> = {};
    if (!other) local.other = chooseMessage(intl.formatMessage, intl.locale);
    if (startedOn && endedOn && endedOn < startedOn) {
      local.endedOn = {
        message: intl.formatMessage({ id: 'graph.tie.endsBeforeStart' }),
        lang: intl.locale,
      };
    }
    const trimmedNote = note.trim();
    const input = {
      ...(other
        ? {
            fromId: provides === 'here' ? organization.id : other.id,
            toId: provides === 'here' ? other.id : organization.id,
          }
        : {}),
      kind,
      ...(startedOn ? { startedOn } : {}),
      ...(endedOn ? { endedOn } : {}),
      ...(trimmedNote ? { note: trimmedNote } : {}),
    };
    // Every field in one round: the form's own checks and the server's schema, before sending.
    const checked = await schemas();
    const refused = refusedOutcome<PartnershipField>(
      checked ? inputProblem(checked.CreatePartnershipInput, input) : null,
      partnershipPointers,
      intl,
      local,
    );
    if (refused || !other) {
      if (refused) setOutcome(refused);
      return;
    }
    setIsSaving(true);
    try {
      const saved = await createPartnership(input as CreatePartnershipInput, keys);
      setOutcome({ kind: 'none' });
      onSaved(saved, other);
    } catch (error) {
      setOutcome(tieOutcomeOf<PartnershipField>(error, partnershipPointers, intl));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <form
      className="form tie-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${formId}-title`}
    >
      <h4 id={`${formId}-title`}>
        <FormattedMessage id="graph.tie.addPartnership" />
      </h4>
      <TieProblem
        outcome={outcome}
        attempt={attempt}
        fields={fieldsInOrder.map((field) => ({ field, id: id(field), label: labels[field] }))}
      />
      <OrganizationCombobox
        id={id('other')}
        label={labels.other}
        value={other}
        onChange={setOther}
        excludeIds={[organization.id]}
        error={fieldError('other')}
      />
      <SelectField
        id={id('kind')}
        label={labels.kind}
        value={kind}
        onValueChange={(value) => setKind(value as typeof kind)}
        options={partnershipKinds.map((value) => ({
          value,
          label: intl.formatMessage({ id: `graph.tie.partnership.${value}` }),
        }))}
        error={fieldError('kind')}
      />
      <fieldset>
        <legend>
          <FormattedMessage id="graph.tie.whoProvides" />
        </legend>
        <label className="choice">
          <input
            type="radio"
            name={`${formId}-provides`}
            checked={provides === 'here'}
            onChange={() => setProvides('here')}
          />
          <FormattedMessage id="graph.tie.providesHere" values={{ here: organization.name }} />
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${formId}-provides`}
            checked={provides === 'other'}
            onChange={() => setProvides('other')}
          />
          <FormattedMessage id="graph.tie.providesOther" values={{ here: organization.name }} />
        </label>
      </fieldset>
      <div className="field-pair">
        <DateField
          id={id('startedOn')}
          label={labels.startedOn}
          value={startedOn}
          onValueChange={setStartedOn}
          error={fieldError('startedOn')}
        />
        <DateField
          id={id('endedOn')}
          label={labels.endedOn}
          hint={<FormattedMessage id="graph.tie.endedOnHint" />}
          value={endedOn}
          onValueChange={setEndedOn}
          error={fieldError('endedOn')}
        />
      </div>
      <TextAreaField
        id={id('note')}
        label={labels.note}
        value={note}
        onValueChange={setNote}
        rows={3}
        maxLength={1000}
        error={fieldError('note')}
      />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={isSaving}>
          <FormattedMessage id={isSaving ? 'graph.tie.saving' : 'graph.tie.savePartnership'} />
        </button>
        <button type="button" className="button" onClick={onCancel}>
          <FormattedMessage id="graph.tie.cancel" />
        </button>
      </div>
    </form>
  );
}

function chooseMessage(
  format: ReturnType<typeof useIntl>['formatMessage'],
  locale: string,
): FieldMessage {
  return { message: format({ id: 'graph.tie.chooseOrganization' }), lang: locale };
}

/** A date, with its message in the language it was written in (a check's or the server's). */
export function DateField({
  id,
  label,
  hint,
  error,
  value,
  onValueChange,
  min,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: FieldMessage | undefined;
  value: string;
  onValueChange: (value: string) => void;
  min?: string;
}) {
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type="date"
        value={value}
        min={min}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p id={`${id}-error`} className="field__error" lang={error.lang}>
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
