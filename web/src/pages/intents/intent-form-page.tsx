import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'wouter';
import { canEditOrganization } from '../../api/auth.ts';
import { createIntent, type Intent, intentQuery, updateIntent } from '../../api/intents.ts';
import {
  findOrganizations,
  getOrganization,
  type OrganizationSector,
} from '../../api/organizations.ts';
import { isStillInProgress, type Problem, problemOf } from '../../api/problem.ts';
import { ErrorSummary } from '../../forms/error-summary.tsx';
import { fieldId, splitFieldErrors } from '../../forms/field-errors.ts';
import { type FieldErrorText, messageLang, messageText } from '../../forms/field-message.ts';
import { SelectField, TextAreaField, TextField } from '../../forms/fields.tsx';
import { inputProblem, useSchemas } from '../../forms/input-check.ts';
import { RequestOutcomeSummary } from '../../forms/request-outcome-summary.tsx';
import { useSubmissionKeys } from '../../forms/use-submission-keys.ts';
import { useCountryNames } from '../../i18n/display-names.ts';
import type { MessageId } from '../../i18n/locales.ts';
import { useSession } from '../../session/session-provider.tsx';
import { countryCodes, organizationSectors, sectorMessageId } from '../../vocabulary.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { Failure } from './board-page.tsx';
import {
  administeredOrganizations,
  directionMessageId,
  intentDirections,
  intentKindMessageId,
  intentKinds,
  mayPost,
  postsForAny,
} from './intent-facts.tsx';
import {
  changedKeys,
  changeInput,
  checkDraft,
  createInput,
  type DraftKey,
  draftFromIntent,
  draftKeys,
  emptyDraft,
  type IntentDraft,
  pointerOf,
  rebaseDraft,
} from './intent-form.ts';
import './intents.css';

const formId = 'intent-form';
// The server's own schemas, loaded with this form rather than with the app's first chunk.
const loadSchemas = () => import('../../../../src/modules/network/intents/intent-schemas.ts');
const pointers = draftKeys.map(pointerOf);

const labels: Record<DraftKey, MessageId> = {
  organizationId: 'intents.form.organization',
  direction: 'intents.form.direction',
  title: 'intents.form.title',
  description: 'intents.form.description',
  sector: 'intents.form.sector',
  kind: 'intents.form.kind',
  countries: 'intents.form.countries',
  validFrom: 'intents.form.validFrom',
  validUntil: 'intents.form.validUntil',
};

/** `/offers-and-needs/new`: post an offer or a need. */
export function NewIntentPage() {
  useDocumentTitle('intents.form.newTitle');
  return <IntentFormGate intent={null} />;
}

/** `/offers-and-needs/:id/edit`: change one, read first. */
export function EditIntentPage({ id }: { id: string }) {
  const query = useQuery(intentQuery(id));
  useDocumentTitle('intents.form.editDocumentTitle');
  const state:
    | { status: 'loading' }
    | { status: 'error'; problem: Problem | null }
    | { status: 'ready'; intent: Intent } = query.isError
    ? { status: 'error', problem: problemOf(query.error) }
    : query.data
      ? { status: 'ready', intent: query.data }
      : { status: 'loading' };

  if (state.status === 'loading') {
    return (
      <p role="status">
        <FormattedMessage id="intents.page.loading" />
      </p>
    );
  }
  if (state.status === 'error') {
    if (state.problem?.status === 404 || state.problem?.status === 400) {
      return (
        <h1>
          <FormattedMessage id="intents.page.notFound" />
        </h1>
      );
    }
    return (
      <Failure
        problem={state.problem}
        onRetry={() => void query.refetch()}
        title="intents.page.error"
      />
    );
  }
  return <IntentFormGate intent={state.intent} />;
}

/** Waits for the session, and tells those who may not post why, instead of a form. */
function IntentFormGate({ intent }: { intent: Intent | null }) {
  const { status, me } = useSession();
  const [location] = useLocation();
  const headingId = useId();
  const title = intent ? (
    <FormattedMessage id="intents.form.editTitle" values={{ direction: intent.direction }} />
  ) : (
    <FormattedMessage id="intents.form.newTitle" />
  );
  if (status === 'unknown') {
    return (
      <p role="status">
        <FormattedMessage id="intents.page.loading" />
      </p>
    );
  }
  const allowed = intent
    ? intent.status === 'open' && canEditOrganization(me, intent.organizationId)
    : mayPost(me);
  if (!allowed) {
    return (
      <div className="narrow-page">
        <h1 id={headingId}>{title}</h1>
        {!me ? (
          <p>
            <FormattedMessage id="intents.form.signedOut" />{' '}
            <Link href={`/sign-in?next=${encodeURIComponent(location)}`}>
              <FormattedMessage id="app.signIn" />
            </Link>
          </p>
        ) : intent && intent.status === 'closed' ? (
          <p>
            <FormattedMessage id="intents.form.isClosed" />
          </p>
        ) : (
          <p>
            <FormattedMessage id="intents.form.notAllowed" />
          </p>
        )}
        <p>
          <Link href={intent ? `/offers-and-needs/${intent.id}` : '/offers-and-needs'}>
            <FormattedMessage id={intent ? 'intents.form.backToIt' : 'intents.page.back'} />
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow-page intent-form-page">
      <p className="breadcrumb">
        <Link href={intent ? `/offers-and-needs/${intent.id}` : '/offers-and-needs'}>
          <FormattedMessage id={intent ? 'intents.form.backToIt' : 'intents.page.back'} />
        </Link>
      </p>
      <h1 id={headingId}>{title}</h1>
      <IntentForm intent={intent} headingId={headingId} />
    </div>
  );
}

type Outcome =
  | { kind: 'none' }
  | { kind: 'invalid'; problem: Problem | null; local: Partial<Record<DraftKey, MessageId>> }
  | { kind: 'conflict'; changed: DraftKey[] }
  | { kind: 'closed' }
  | { kind: 'forbidden' }
  | { kind: 'signed-out' }
  | { kind: 'offline' }
  | { kind: 'in-progress'; problem: Problem }
  | { kind: 'failed'; problem: Problem };

type OrganizationOption = { id: string; name: string; sector: OrganizationSector };

export function IntentForm({ intent, headingId }: { intent: Intent | null; headingId: string }) {
  const intl = useIntl();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const countryName = useCountryNames();
  const isNew = intent === null;
  const [base, setBase] = useState(intent);
  const [draft, setDraft] = useState<IntentDraft>(() =>
    intent ? draftFromIntent(intent) : emptyDraft,
  );
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [isSaving, setIsSaving] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const keys = useSubmissionKeys();
  const schemas = useSchemas(loadSchemas);

  const id = (key: DraftKey) => fieldId(formId, pointerOf(key));
  const label = (key: DraftKey) => intl.formatMessage({ id: labels[key] });
  const set =
    <K extends DraftKey>(key: K) =>
    (value: IntentDraft[K]) =>
      setDraft((now) => ({ ...now, [key]: value }));

  const { byField, other } = useMemo(() => {
    if (outcome.kind !== 'invalid') return { byField: {}, other: [] as FieldErrorText[] };
    const split = splitFieldErrors(outcome.problem, pointers, intl);
    const messages: Partial<Record<DraftKey, FieldErrorText>> = {};
    for (const key of draftKeys) {
      const local = outcome.local[key];
      const server = split.byField[pointerOf(key)];
      if (local) messages[key] = intl.formatMessage({ id: local });
      else if (server) messages[key] = server;
    }
    return { byField: messages, other: split.other };
  }, [outcome, intl]);
  const error = (key: DraftKey) => (byField as Partial<Record<DraftKey, FieldErrorText>>)[key];

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    const local = checkDraft(draft, isNew);
    // Every field in one round: the form's own checks and the server's schema, before sending.
    const checked = await schemas();
    const refused = !checked
      ? null
      : base === null
        ? inputProblem(checked.CreateIntentInput, createInput(draft))
        : inputProblem(checked.UpdateIntentInput, changeInput(base, draft));
    if (Object.keys(local).length > 0 || refused) {
      setOutcome({ kind: 'invalid', problem: refused, local });
      return;
    }
    setIsSaving(true);
    try {
      if (base === null) {
        const created = await createIntent(createInput(draft), keys);
        navigate(`/offers-and-needs/${created.id}`, { state: { intentNotice: 'posted' } });
      } else {
        const change = changeInput(base, draft);
        if (Object.keys(change).length > 1) await updateIntent(base.id, change);
        navigate(`/offers-and-needs/${base.id}`, {
          state: Object.keys(change).length > 1 ? { intentNotice: 'saved' } : null,
        });
      }
    } catch (failure) {
      const problem = problemOf(failure);
      if (!problem) setOutcome({ kind: 'offline' });
      else if (problem.status === 400) setOutcome({ kind: 'invalid', problem, local: {} });
      else if (isStillInProgress(problem)) setOutcome({ kind: 'in-progress', problem });
      else if (problem.status === 409 && problem.current && base) {
        const current = problem.current as Intent;
        const was = draftFromIntent(base);
        const now = draftFromIntent(current);
        setDraft((mine) => rebaseDraft(mine, was, now));
        setBase(current);
        setOutcome({ kind: 'conflict', changed: changedKeys(was, now) });
      } else if (problem.status === 409) setOutcome({ kind: 'closed' });
      else if (problem.status === 403) setOutcome({ kind: 'forbidden' });
      else if (problem.status === 401) setOutcome({ kind: 'signed-out' });
      else setOutcome({ kind: 'failed', problem });
    } finally {
      setIsSaving(false);
    }
  };

  const sectorOptions = [
    { value: '', label: intl.formatMessage({ id: 'intents.form.choose' }) },
    ...organizationSectors.map((sector) => ({
      value: sector,
      label: intl.formatMessage({ id: sectorMessageId(sector) }),
    })),
  ];
  const kindOptions = [
    { value: '', label: intl.formatMessage({ id: 'intents.form.choose' }) },
    ...intentKinds.map((kind) => ({
      value: kind,
      label: intl.formatMessage({ id: intentKindMessageId(kind) }),
    })),
  ];

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      {outcome.kind === 'invalid' ? (
        <ErrorSummary
          key={attempt}
          title={<FormattedMessage id="form.fixErrors" />}
          fieldErrors={draftKeys.flatMap((key) => {
            const message = error(key);
            return message ? [{ id: fieldTarget(key, id), label: label(key), message }] : [];
          })}
          messages={other}
        />
      ) : null}
      {outcome.kind === 'conflict' ? (
        <ErrorSummary key={attempt} title={<FormattedMessage id="intents.form.conflictTitle" />}>
          <p>
            <FormattedMessage id="intents.form.conflictBody" />
          </p>
          {outcome.changed.length > 0 ? (
            <p>
              <FormattedMessage
                id="intents.form.conflictFields"
                values={{ fields: intl.formatList(outcome.changed.map(label)) }}
              />
            </p>
          ) : null}
          {base ? (
            <Link href={`/offers-and-needs/${base.id}`} className="button">
              <FormattedMessage id="intents.form.conflictDiscard" />
            </Link>
          ) : null}
        </ErrorSummary>
      ) : null}
      {outcome.kind === 'closed' ? (
        <ErrorSummary key={attempt} title={<FormattedMessage id="intents.form.isClosed" />} />
      ) : null}
      <RequestOutcomeSummary
        key={`request-${attempt}`}
        outcome={outcome}
        messages={{
          forbidden: 'intents.form.forbidden',
          signedOut: 'intents.form.sessionEnded',
          failed: 'intents.form.failed',
        }}
      />

      {isNew ? (
        <>
          <OrganizationChoice
            me={me}
            value={draft.organizationId}
            error={error('organizationId')}
            inputId={id('organizationId')}
            onChoose={(organization) =>
              setDraft((now) => ({
                ...now,
                organizationId: organization?.id ?? '',
                sector: now.sector || organization?.sector || '',
              }))
            }
          />
          <fieldset
            id={id('direction')}
            className={error('direction') ? 'field--invalid' : undefined}
            aria-describedby={error('direction') ? `${id('direction')}-error` : undefined}
            tabIndex={-1}
          >
            <legend>{label('direction')}</legend>
            {intentDirections.map((direction) => (
              <div key={direction} className="checkbox-field">
                <input
                  type="radio"
                  id={`${id('direction')}-${direction}`}
                  name="direction"
                  value={direction}
                  checked={draft.direction === direction}
                  onChange={() => set('direction')(direction)}
                />
                <label htmlFor={`${id('direction')}-${direction}`}>
                  <FormattedMessage id={`intents.form.direction.${direction}`} />
                </label>
              </div>
            ))}
            {error('direction') ? (
              <p
                id={`${id('direction')}-error`}
                className="field__error"
                lang={messageLang(error('direction'))}
              >
                {messageText(error('direction'))}
              </p>
            ) : null}
          </fieldset>
        </>
      ) : intent ? (
        <p>
          <FormattedMessage id={directionMessageId(intent.direction)} />
          {' · '}
          <Link href={`/organizations/${intent.organizationId}`}>{intent.organizationName}</Link>
        </p>
      ) : null}

      <TextField
        id={id('title')}
        label={label('title')}
        hint={<FormattedMessage id="intents.form.titleHint" />}
        value={draft.title}
        onValueChange={set('title')}
        error={error('title')}
        required
        maxLength={200}
      />
      <TextAreaField
        id={id('description')}
        label={label('description')}
        hint={<FormattedMessage id="intents.form.descriptionHint" />}
        value={draft.description}
        onValueChange={set('description')}
        error={error('description')}
        rows={5}
        maxLength={4000}
      />
      <div className="field-pair">
        <SelectField
          id={id('kind')}
          label={label('kind')}
          value={draft.kind}
          onValueChange={(value) => set('kind')(value as IntentDraft['kind'])}
          options={kindOptions}
          error={error('kind')}
          required
        />
        <SelectField
          id={id('sector')}
          label={label('sector')}
          value={draft.sector}
          onValueChange={set('sector')}
          options={sectorOptions}
          error={error('sector')}
          required
        />
      </div>
      <CountriesField
        inputId={id('countries')}
        label={label('countries')}
        value={draft.countries}
        onChange={set('countries')}
        error={error('countries')}
        countryName={countryName}
      />
      <div className="field-pair">
        <TextField
          id={id('validFrom')}
          label={label('validFrom')}
          hint={<FormattedMessage id="intents.form.datesHint" />}
          type="date"
          value={draft.validFrom}
          onValueChange={set('validFrom')}
          error={error('validFrom')}
        />
        <TextField
          id={id('validUntil')}
          label={label('validUntil')}
          hint={<FormattedMessage id="intents.form.datesHint" />}
          type="date"
          value={draft.validUntil}
          onValueChange={set('validUntil')}
          error={error('validUntil')}
          min={draft.validFrom || undefined}
        />
      </div>

      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={isSaving}>
          <FormattedMessage
            id={
              isSaving
                ? 'intents.form.saving'
                : isNew
                  ? 'intents.form.submitNew'
                  : 'intents.form.submitEdit'
            }
          />
        </button>
        <Link href={base ? `/offers-and-needs/${base.id}` : '/offers-and-needs'} className="button">
          <FormattedMessage id="intents.form.cancel" />
        </Link>
      </div>
    </form>
  );
}

/** The summary links to a field's control: the first radio of a group, the country picker. */
function fieldTarget(key: DraftKey, id: (key: DraftKey) => string): string {
  if (key === 'direction') return `${id('direction')}-offer`;
  if (key === 'countries') return `${id('countries')}-add`;
  return id(key);
}

/**
 * Whose offer or need: fixed when the person administers one organization; a choice among theirs
 * when several; for network staff, any organization, found by name.
 */
function OrganizationChoice({
  me,
  value,
  error,
  inputId,
  onChoose,
}: {
  me: ReturnType<typeof useSession>['me'];
  value: string;
  error: FieldErrorText | undefined;
  inputId: string;
  onChoose: (organization: OrganizationOption | null) => void;
}) {
  const intl = useIntl();
  const anyOrganization = postsForAny(me);
  const own = useMemo(() => administeredOrganizations(me), [me]);
  const [options, setOptions] = useState<OrganizationOption[]>([]);
  const [query, setQuery] = useState('');
  const [isSearching, setIsSearching] = useState(false);
  const searchId = useId();
  const onChooseRef = useRef(onChoose);
  onChooseRef.current = onChoose;
  // The chosen one stays in the list whatever is typed; read when an answer comes.
  const valueRef = useRef(value);
  valueRef.current = value;

  // An organization's admins: their organizations' names, asked once.
  useEffect(() => {
    if (anyOrganization || own.length === 0) return;
    const controller = new AbortController();
    Promise.all(
      own.map((organizationId) =>
        getOrganization(organizationId, controller.signal).then(
          (organization) => ({
            id: organization.id,
            name: organization.name,
            sector: organization.sector,
          }),
          () => null,
        ),
      ),
    ).then((found) => {
      if (controller.signal.aborted) return;
      const known = found.filter((entry): entry is OrganizationOption => entry !== null);
      setOptions(known);
      if (known.length === 1 && known[0]) onChooseRef.current(known[0]);
    });
    return () => controller.abort();
  }, [anyOrganization, own]);

  // Network staff: organizations by name, as they type.
  useEffect(() => {
    if (!anyOrganization) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setIsSearching(true);
      findOrganizations(
        { q: query.trim(), country: '', kind: '', sector: '', language: '' },
        null,
        controller.signal,
      ).then(
        (page) => {
          if (controller.signal.aborted) return;
          setIsSearching(false);
          setOptions((now) => {
            const chosen = now.find((entry) => entry.id === valueRef.current);
            const found = page.items.map((item) => ({
              id: item.id,
              name: item.name,
              sector: item.sector,
            }));
            return chosen && !found.some((entry) => entry.id === chosen.id)
              ? [chosen, ...found]
              : found;
          });
        },
        () => {
          if (!controller.signal.aborted) setIsSearching(false);
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [anyOrganization, query]);

  const only = !anyOrganization && options.length === 1 ? options[0] : undefined;
  if (only) {
    return (
      <div className="field">
        <p className="field__label" id={inputId} tabIndex={-1}>
          <FormattedMessage id="intents.form.organization" />
        </p>
        <p>{only.name}</p>
      </div>
    );
  }

  const select = (
    <SelectField
      id={inputId}
      label={intl.formatMessage({ id: 'intents.form.organization' })}
      value={value}
      onValueChange={(chosen) => onChoose(options.find((entry) => entry.id === chosen) ?? null)}
      options={[
        { value: '', label: intl.formatMessage({ id: 'intents.form.organizationChoose' }) },
        ...options.map((entry) => ({ value: entry.id, label: entry.name })),
      ]}
      error={error}
      required
    />
  );
  if (!anyOrganization) return select;
  return (
    <div className="organization-choice">
      <div className="field">
        <label htmlFor={searchId}>
          <FormattedMessage id="intents.form.organizationSearch" />
        </label>
        <p id={`${searchId}-hint`} className="field__hint">
          <FormattedMessage id="intents.form.organizationSearchHint" />
        </p>
        <input
          id={searchId}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-describedby={`${searchId}-hint`}
          autoComplete="off"
          maxLength={200}
        />
      </div>
      <p role="status" className="field__hint">
        {isSearching ? (
          <FormattedMessage id="intents.form.organizationSearching" />
        ) : options.length === 0 ? (
          <FormattedMessage id="intents.form.organizationNone" />
        ) : null}
      </p>
      {select}
    </div>
  );
}

/** Where it applies: a list of countries, each removable, and a picker to add one. */
function CountriesField({
  inputId,
  label,
  value,
  onChange,
  error,
  countryName,
}: {
  inputId: string;
  label: string;
  value: string[];
  onChange: (countries: string[]) => void;
  error: FieldErrorText | undefined;
  countryName: (code: string) => string;
}) {
  const intl = useIntl();
  const addId = `${inputId}-add`;
  const addRef = useRef<HTMLSelectElement>(null);
  const options = useMemo(() => {
    const collator = new Intl.Collator(intl.locale);
    return countryCodes
      .filter((code) => !value.includes(code))
      .map((code) => ({ code, name: countryName(code) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [countryName, intl.locale, value]);
  return (
    <fieldset
      id={inputId}
      className={error ? 'field field--invalid' : 'field'}
      aria-describedby={`${inputId}-hint${error ? ` ${inputId}-error` : ''}`}
    >
      <legend>{label}</legend>
      <p id={`${inputId}-hint`} className="field__hint">
        <FormattedMessage id="intents.form.countriesHint" />
      </p>
      {value.length === 0 ? (
        <p>
          <FormattedMessage id="intents.fact.anywhere" />
        </p>
      ) : (
        <ul className="country-chips">
          {value.map((code) => (
            <li key={code} className="tag">
              {countryName(code)}{' '}
              <button
                type="button"
                className="button button--small"
                aria-label={intl.formatMessage(
                  { id: 'intents.form.removeCountry' },
                  { country: countryName(code) },
                )}
                onClick={() => {
                  onChange(value.filter((entry) => entry !== code));
                  addRef.current?.focus();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={addId}>
        <FormattedMessage id="intents.form.addCountry" />
      </label>
      <select
        ref={addRef}
        id={addId}
        value=""
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          if (event.target.value) onChange([...value, event.target.value]);
        }}
      >
        <option value="">{intl.formatMessage({ id: 'intents.form.addCountryChoose' })}</option>
        {options.map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${inputId}-error`} className="field__error" lang={messageLang(error)}>
          {messageText(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
