import './organizations.css';
import { type FormEvent, useMemo, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useLocation } from 'wouter';
import { canCreateOrganization, createOrganization } from '../../api/organizations.ts';
import { isStillInProgress, type Problem, problemOf } from '../../api/problem.ts';
import { ErrorSummary } from '../../forms/error-summary.tsx';
import { inputProblem, useSchemas } from '../../forms/input-check.ts';
import { RequestOutcomeSummary } from '../../forms/request-outcome-summary.tsx';
import { useSubmissionKeys } from '../../forms/use-submission-keys.ts';
import { useSession } from '../../session/session-provider.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import {
  createInputFrom,
  emptyDraft,
  fieldIds,
  type LocalErrors,
  type Sent,
} from './organization-draft.ts';
import { OrganizationFields, useFormErrors } from './organization-fields.tsx';

const formId = 'new-organization';
const ids = fieldIds(formId);
const path = '/organizations/new';
// The server's own schemas, loaded with this form rather than with the app's first chunk.
const loadSchemas = () => import('../../../../src/modules/network/schemas.ts');

/** Adding an organization to the registry: for network staff, whom the server alone lets do it. */
export function NewOrganizationPage() {
  useDocumentTitle('organizations.new.title');
  const { status, me } = useSession();
  if (status === 'unknown') {
    return (
      <p role="status">
        <FormattedMessage id="app.loadingPage" />
      </p>
    );
  }
  return (
    <div className="new-organization">
      <p className="breadcrumb">
        <Link href="/">
          <FormattedMessage id="profile.backToDirectory" />
        </Link>
      </p>
      <h1>
        <FormattedMessage id="organizations.new.title" />
      </h1>
      {!me ? (
        <div className="notice">
          <p className="notice__title">
            <FormattedMessage id="organizations.new.signInFirst" />
          </p>
          <p>
            <Link href={`/sign-in?next=${encodeURIComponent(path)}`}>
              <FormattedMessage id="app.signIn" />
            </Link>
          </p>
        </div>
      ) : canCreateOrganization(me) ? (
        <NewOrganizationForm />
      ) : (
        <div className="notice">
          <p className="notice__title">
            <FormattedMessage id="organizations.new.notAllowed" />
          </p>
        </div>
      )}
    </div>
  );
}

type Outcome =
  | { kind: 'none' }
  | { kind: 'invalid'; problem: Problem | null; local: LocalErrors; sent: Sent }
  | { kind: 'forbidden' }
  | { kind: 'signed-out' }
  | { kind: 'offline' }
  | { kind: 'in-progress'; problem: Problem }
  | { kind: 'failed'; problem: Problem };

function NewOrganizationForm() {
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState(emptyDraft);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [isSaving, setIsSaving] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const keys = useSubmissionKeys();
  const schemas = useSchemas(loadSchemas);

  const invalid = useMemo(
    () =>
      outcome.kind === 'invalid'
        ? { problem: outcome.problem, local: outcome.local, sent: outcome.sent }
        : null,
    [outcome],
  );
  const errors = useFormErrors(draft, ids, invalid);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { input, local, sent } = createInputFrom(draft, ids);
    setAttempt((count) => count + 1);
    // Every field in one round: the form's own readings and the server's schema, before sending.
    const checked = await schemas();
    const refused = checked ? inputProblem(checked.CreateOrganizationInput, input) : null;
    if (Object.keys(local).length > 0 || refused) {
      setOutcome({ kind: 'invalid', problem: refused, local, sent });
      return;
    }
    setIsSaving(true);
    try {
      const created = await createOrganization(input, keys);
      navigate(`/organizations/${created.id}`);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) setOutcome({ kind: 'offline' });
      else if (problem.status === 400) setOutcome({ kind: 'invalid', problem, local: {}, sent });
      else if (isStillInProgress(problem)) setOutcome({ kind: 'in-progress', problem });
      else if (problem.status === 403) setOutcome({ kind: 'forbidden' });
      else if (problem.status === 401) setOutcome({ kind: 'signed-out' });
      else setOutcome({ kind: 'failed', problem });
      setIsSaving(false);
    }
  };

  return (
    <form
      className="form edit-form"
      onSubmit={onSubmit}
      noValidate
      aria-describedby={`${formId}-intro`}
    >
      <p id={`${formId}-intro`} className="lead">
        <FormattedMessage id="organizations.new.intro" />
      </p>
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
      <RequestOutcomeSummary
        key={`request-${attempt}`}
        outcome={outcome}
        messages={{
          forbidden: 'organizations.new.notAllowed',
          signedOut: 'organizations.new.signedOut',
          failed: 'organizations.new.failed',
        }}
        next={path}
      />

      <OrganizationFields
        draft={draft}
        setDraft={setDraft}
        ids={ids}
        errors={errors.byId}
        isNew={true}
      />

      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={isSaving}>
          {isSaving ? (
            <FormattedMessage id="organizations.new.adding" />
          ) : (
            <FormattedMessage id="organizations.new.add" />
          )}
        </button>
        <Link href="/" className="button">
          <FormattedMessage id="edit.cancel" />
        </Link>
      </div>
    </form>
  );
}
