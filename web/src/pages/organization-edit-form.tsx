import { type FormEvent, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type Organization, updateOrganization } from '../api/organizations.ts';
import { type Problem, problemOf } from '../api/problem.ts';
import { ErrorSummary } from '../forms/error-summary.tsx';
import { inputProblem, useSchemas } from '../forms/input-check.ts';
import { RequestOutcomeSummary } from '../forms/request-outcome-summary.tsx';
import { useCountryNames } from '../i18n/display-names.ts';
import { kindMessageId, sectorMessageId } from '../vocabulary.ts';
import { LogoField } from './organizations/logo-field.tsx';
import {
  type ChangedPart,
  changedParts,
  changeFrom as changeFromDraft,
  type Draft,
  draftFrom,
  fieldIds,
  type LocalErrors,
  rebaseDraft,
  type Sent,
  type TextKey,
} from './organizations/organization-draft.ts';
import {
  OrganizationFields,
  partLabel,
  useFormErrors,
} from './organizations/organization-fields.tsx';

export { type Draft, draftFrom, rebaseDraft };

// Figures read best grouped (4,242); a year or a coordinate is shown as written.
const countedParts = new Set<ChangedPart>([
  'membersTotal',
  'membersWomen',
  'membersMen',
  'employees',
]);

type Outcome =
  | { kind: 'none' }
  | { kind: 'invalid'; problem: Problem | null; local: LocalErrors; sent: Sent }
  | { kind: 'conflict'; current: Organization; changedFields: ChangedPart[] }
  | { kind: 'forbidden' }
  | { kind: 'signed-out' }
  | { kind: 'offline' }
  | { kind: 'failed'; problem: Problem };

type EditFormProps = {
  organization: Organization;
  /** The newer copy a 409 brought, for the page around the form (its heading) to show. */
  onNewerCopy?: (current: Organization) => void;
  onSaved: (organization: Organization) => void;
  /** Closes the form; with the current copy when someone else's changes should be shown. */
  onCancel: (current: Organization | null) => void;
};

const formId = 'edit-organization';
const ids = fieldIds(formId);
// The server's own schemas, loaded as the form opens: not every reader of a profile edits it.
const loadSchemas = () => import('../../../src/modules/network/schemas.ts');

/** The fields that differ from what was read, in the API's shape; null clears a field. */
export function changeFrom(base: Organization, draft: Draft) {
  const { input, local } = changeFromDraft(base, draft, ids);
  return { change: input, local };
}

export function OrganizationEditForm({
  organization,
  onNewerCopy,
  onSaved,
  onCancel,
}: EditFormProps) {
  const intl = useIntl();
  const countryName = useCountryNames();
  // What the edit is based on: what was read, or the newer copy a 409 brought.
  const [base, setBase] = useState(organization);
  const [draft, setDraft] = useState(() => draftFrom(organization));
  // The logo changes at once, apart from the record: the page learns of it when the form closes.
  const [logoUrl, setLogoUrl] = useState(organization.logoUrl);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [isSaving, setIsSaving] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const schemas = useSchemas(loadSchemas);

  const invalid = useMemo(
    () =>
      outcome.kind === 'invalid'
        ? { problem: outcome.problem, local: outcome.local, sent: outcome.sent }
        : null,
    [outcome],
  );
  const errors = useFormErrors(draft, ids, invalid);

  // What the other person wrote, beside the name of each field they changed.
  const changeWithValue = (part: ChangedPart, now: Draft): string => {
    const field = partLabel(intl, part);
    if (!(part in now) || typeof now[part as keyof Draft] !== 'string') return field;
    const value = now[part as TextKey];
    if (value === '') return intl.formatMessage({ id: 'edit.conflictFieldCleared' }, { field });
    const shown =
      part === 'kind'
        ? intl.formatMessage({ id: kindMessageId(value as Organization['kind']) })
        : part === 'sector'
          ? intl.formatMessage({ id: sectorMessageId(value as Organization['sector']) })
          : part === 'country'
            ? countryName(value)
            : countedParts.has(part) && Number.isFinite(Number(value))
              ? intl.formatNumber(Number(value))
              : value;
    return intl.formatMessage({ id: 'edit.conflictFieldNow' }, { field, value: shown });
  };

  const close = (saved: Organization | null) => {
    if (saved) onSaved(saved);
    else if (base !== organization || logoUrl !== organization.logoUrl) {
      onCancel({ ...base, logoUrl });
    } else onCancel(null);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { input: change, local, sent } = changeFromDraft(base, draft, ids);
    setAttempt((count) => count + 1);
    // Every field in one round: the form's own readings and the server's schema, before sending.
    const checked = await schemas();
    const refused = checked ? inputProblem(checked.UpdateOrganizationInput, change) : null;
    if (Object.keys(local).length > 0 || refused) {
      setOutcome({ kind: 'invalid', problem: refused, local, sent });
      return;
    }
    if (Object.keys(change).length === 1) {
      // Nothing changed: nothing to send.
      close(null);
      return;
    }
    setIsSaving(true);
    try {
      const saved = await updateOrganization(base.id, change);
      close(saved);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) setOutcome({ kind: 'offline' });
      else if (problem.status === 400) setOutcome({ kind: 'invalid', problem, local: {}, sent });
      else if (problem.status === 409 && problem.current) {
        const current = problem.current as Organization;
        const was = draftFrom(base);
        const now = draftFrom(current);
        // Fields this reader did not touch take the other person's values; theirs stay.
        setDraft((mine) => rebaseDraft(mine, was, now));
        setBase(current);
        setOutcome({ kind: 'conflict', current, changedFields: changedParts(was, now) });
        onNewerCopy?.(current);
      } else if (problem.status === 403) setOutcome({ kind: 'forbidden' });
      else if (problem.status === 401) setOutcome({ kind: 'signed-out' });
      else setOutcome({ kind: 'failed', problem });
    } finally {
      setIsSaving(false);
    }
  };

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
          fieldErrors={errors.summary}
          messages={
            errors.other.length === 0 && errors.summary.length === 0 && outcome.problem?.detail
              ? [outcome.problem.detail]
              : errors.other
          }
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
                values={{
                  fields: intl.formatList(
                    outcome.changedFields.map((part) =>
                      changeWithValue(part, draftFrom(outcome.current)),
                    ),
                  ),
                }}
              />
            </p>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() => onCancel({ ...outcome.current, logoUrl })}
          >
            <FormattedMessage id="edit.conflictDiscard" />
          </button>
        </ErrorSummary>
      ) : null}
      <RequestOutcomeSummary
        key={`request-${attempt}`}
        outcome={outcome}
        messages={{
          forbidden: 'edit.forbidden',
          signedOut: 'edit.signedOut',
          failed: 'edit.failed',
        }}
      />

      <LogoField
        id={ids.logo}
        organizationId={base.id}
        organizationName={base.name}
        logoUrl={logoUrl}
        onLogoChange={setLogoUrl}
      />

      <OrganizationFields
        draft={draft}
        setDraft={setDraft}
        ids={ids}
        errors={errors.byId}
        isNew={false}
      />

      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={isSaving}>
          {isSaving ? <FormattedMessage id="edit.saving" /> : <FormattedMessage id="edit.save" />}
        </button>
        <button type="button" className="button" onClick={() => close(null)}>
          <FormattedMessage id="edit.cancel" />
        </button>
      </div>
    </form>
  );
}
