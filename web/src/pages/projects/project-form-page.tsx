import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'wouter';
import { getOrganization } from '../../api/organizations.ts';
import { isStillInProgress, type Problem, problemOf } from '../../api/problem.ts';
import {
  addParticipant,
  administeredOrganizations,
  canCreateProject,
  canEditProject,
  createProject,
  indicators,
  type OrganizationChoice,
  type ParticipantRole,
  type Project,
  participantRoles,
  projectStatuses,
  recordFigure,
  startsAsOrganizationAdmin,
  updateProject,
} from '../../api/projects.ts';
import { OrganizationCombobox } from '../../components/organization-combobox.tsx';
import { ErrorSummary } from '../../forms/error-summary.tsx';
import { fieldId } from '../../forms/field-errors.ts';
import {
  type FieldErrorText,
  type FieldMessage,
  fieldErrorMessage,
  messageLang,
  messageText,
} from '../../forms/field-message.ts';
import { SelectField, TextAreaField, TextField } from '../../forms/fields.tsx';
import { inputProblem, useSchemas } from '../../forms/input-check.ts';
import { RequestOutcomeSummary } from '../../forms/request-outcome-summary.tsx';
import { useSubmissionKeys } from '../../forms/use-submission-keys.ts';
import { useCountryNames } from '../../i18n/display-names.ts';
import type { MessageId } from '../../i18n/locales.ts';
import { useSession } from '../../session/session-provider.tsx';
import { countryCodes, organizationSectors, sectorMessageId } from '../../vocabulary.ts';
import { formatMinor } from './money.ts';
import {
  changedFields,
  checkDraft,
  createInput,
  draftFrom,
  emptyDraft,
  type FigureDraft,
  type FigureField,
  figureFields,
  figureInput,
  type LocalErrors,
  newFigure,
  newKey,
  type ParticipantDraft,
  type ProjectDraft,
  type ProjectField,
  projectFields,
  readAmount,
  rebaseDraft,
  updateInput,
} from './project-draft.ts';
import { LoadFailure, useProject, useProjectTitle } from './project-page.tsx';
import { SavedFigures, SavedParticipants } from './recorded-entries.tsx';
import { indicatorMessageId, roleMessageId, statusMessageId } from './vocabulary.ts';
import './projects.css';

const formId = 'project-form';
// The server's own schemas, loaded with this form rather than with the app's first chunk.
const loadSchemas = () => import('../../../../src/modules/projects/schemas.ts');

const fieldLabels: Record<ProjectField, MessageId> = {
  title: 'projects.field.title',
  summary: 'projects.field.summary',
  sector: 'organization.sector',
  status: 'projects.field.status',
  startedOn: 'projects.field.startedOn',
  endedOn: 'projects.field.endedOn',
  countries: 'projects.form.countries',
  sources: 'projects.field.sources',
};
const figureLabels: Record<FigureField, MessageId> = {
  kind: 'projects.form.kind',
  indicator: 'projects.form.indicator',
  amount: 'projects.form.amount',
  currency: 'projects.form.currency',
  country: 'projects.form.figureCountry',
  period: 'projects.form.year',
  note: 'projects.form.note',
};

/**
 * `/projects/new`: network staff start any project; an organization's admin starts one that
 * their organization leads, which the form names as lead from the start.
 */
export function NewProjectPage() {
  const { status, me } = useSession();
  useProjectTitle(null, 'projects.form.newTitle');
  const ownOrganizations = useOwnOrganizations(
    startsAsOrganizationAdmin(me) ? administeredOrganizations(me) : [],
  );
  if (status === 'unknown') return <Loading />;
  if (!canCreateProject(me)) return <NotAllowed signedIn={me !== null} />;
  if (!startsAsOrganizationAdmin(me)) return <ProjectForm project={null} />;
  if (ownOrganizations.status === 'loading') return <Loading />;
  if (ownOrganizations.status === 'error')
    return (
      <div className="notice notice--error" role="alert">
        <p className="notice__title">
          <FormattedMessage id="projects.form.ownLoadFailed" />
        </p>
        <button type="button" className="button" onClick={ownOrganizations.retry}>
          <FormattedMessage id="directory.retry" />
        </button>
      </div>
    );
  return <ProjectForm project={null} ownOrganizations={ownOrganizations.list} />;
}

/** The reader's own organizations, with their names: loading, loaded, or failed (with a retry). */
type OwnOrganizations =
  | { status: 'loading' }
  | { status: 'ready'; list: OrganizationChoice[] }
  | { status: 'error'; retry: () => void };

function useOwnOrganizations(ids: string[]): OwnOrganizations {
  const key = ids.join(',');
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<{
    key: string;
    attempt: number;
    list: OrganizationChoice[] | null;
  } | null>(null);
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    Promise.all(
      key.split(',').map((id) =>
        getOrganization(id, controller.signal).then((organization) => ({
          id: organization.id,
          name: organization.name,
          country: organization.country,
        })),
      ),
    ).then(
      (list) => {
        if (!controller.signal.aborted) setLoaded({ key, attempt, list });
      },
      () => {
        if (!controller.signal.aborted) setLoaded({ key, attempt, list: null });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);
  if (!key) return { status: 'ready', list: [] };
  if (loaded?.key !== key || loaded.attempt !== attempt) return { status: 'loading' };
  if (loaded.list === null)
    return { status: 'error', retry: () => setAttempt((count) => count + 1) };
  return { status: 'ready', list: loaded.list };
}

/** `/projects/:id/edit`: network staff and the lead organizations' admins. */
export function EditProjectPage({ id }: { id: string }) {
  const { status, me } = useSession();
  const { state, retry } = useProject(id);
  useProjectTitle(state.status === 'ready' ? state.project.title : null, 'projects.form.editTitle');
  if (state.status === 'loading' || status === 'unknown') return <Loading />;
  if (state.status === 'error') return <LoadFailure problem={state.problem} onRetry={retry} />;
  if (!canEditProject(me, state.project)) return <NotAllowed signedIn={me !== null} />;
  return <ProjectForm project={state.project} />;
}

function Loading() {
  return (
    <p role="status">
      <FormattedMessage id="projects.page.loading" />
    </p>
  );
}

function NotAllowed({ signedIn }: { signedIn: boolean }) {
  const [location] = useLocation();
  return (
    <div>
      <h1>
        <FormattedMessage id="projects.form.notAllowedTitle" />
      </h1>
      <p>
        <FormattedMessage
          id={signedIn ? 'projects.form.notAllowed' : 'projects.form.signInFirst'}
        />
      </p>
      <p>
        {signedIn ? (
          <Link href="/projects">
            <FormattedMessage id="projects.page.backToList" />
          </Link>
        ) : (
          <Link href={`/sign-in?next=${encodeURIComponent(location)}`}>
            <FormattedMessage id="app.signIn" />
          </Link>
        )}
      </p>
    </div>
  );
}

type Outcome =
  | { kind: 'none' }
  | {
      kind: 'invalid';
      local: LocalErrors;
      server: Record<string, FieldMessage>;
      other: FieldErrorText[];
    }
  | { kind: 'conflict'; fields: ProjectField[] }
  | { kind: 'forbidden' }
  | { kind: 'signed-out' }
  | { kind: 'offline' }
  | { kind: 'in-progress'; problem: Problem }
  | { kind: 'failed'; problem: Problem };

/** Where a request's error pointers go in the form: `/amount` of figure 2 is `/figures/2/amount`. */
type Step = { prefix: string };

export function ProjectForm({
  project,
  ownOrganizations,
}: {
  project: Project | null;
  /**
   * Set when an organization's admin starts a project: one of these organizations must lead it.
   * The first is named lead from the start.
   */
  ownOrganizations?: OrganizationChoice[];
}) {
  const intl = useIntl();
  const [, navigate] = useLocation();
  const countryName = useCountryNames();
  // What is saved so far: the project as read, or as the last request left it.
  const [base, setBase] = useState<Project | null>(project);
  const [draft, setDraft] = useState<ProjectDraft>(() => {
    if (project) return draftFrom(project);
    const own = ownOrganizations?.[0];
    const lead: ParticipantDraft[] = own
      ? [{ key: newKey(), organization: own, role: 'lead' }]
      : [];
    return { ...emptyDraft(), participants: lead };
  });
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [attempt, setAttempt] = useState(0);
  const keys = useSubmissionKeys();
  const schemas = useSchemas(loadSchemas);
  const [isSaving, setIsSaving] = useState(false);
  const [chosen, setChosen] = useState<OrganizationChoice | null>(null);
  const [role, setRole] = useState<ParticipantRole>('lead');
  const [participantError, setParticipantError] = useState<string | undefined>();
  const [countryToAdd, setCountryToAdd] = useState('');
  // Starts the organization search afresh after each participant is added.
  const [searchRound, setSearchRound] = useState(0);
  const comboboxId = `${formId}-organization`;
  const figureListRef = useRef<HTMLOListElement>(null);

  const set = (field: Exclude<ProjectField, 'countries'>) => (value: string) =>
    setDraft((now) => ({ ...now, [field]: value }));
  const label = (field: ProjectField) =>
    intl.formatMessage({ id: fieldLabels[field] }, { count: 2 });
  const id = (pointer: string) => fieldId(formId, pointer);

  // Errors by pointer: the form's own checks (in the reader's language) and the server's.
  const errors = useMemo(() => {
    const byPointer: Record<string, FieldErrorText> = {};
    if (outcome.kind !== 'invalid') return byPointer;
    for (const [pointer, error] of Object.entries(outcome.local))
      byPointer[pointer] = intl.formatMessage({ id: error.id }, error.values);
    for (const [pointer, message] of Object.entries(outcome.server)) byPointer[pointer] ??= message;
    return byPointer;
  }, [outcome, intl]);

  const figureLabel = (index: number, field: FigureField) =>
    intl.formatMessage(
      { id: 'projects.form.figureField' },
      { number: index + 1, field: intl.formatMessage({ id: figureLabels[field] }) },
    );
  const ownNames = intl.formatList((ownOrganizations ?? []).map((entry) => entry.name));
  const summaryErrors = [
    ...projectFields.flatMap((field) => {
      const message = errors[`/${field}`];
      return message ? [{ id: id(`/${field}`), label: label(field), message }] : [];
    }),
    ...(errors['/participants']
      ? [
          {
            id: comboboxId,
            label: intl.formatMessage({ id: 'projects.page.participants' }),
            message: errors['/participants'],
          },
        ]
      : []),
    ...draft.participants.flatMap((participant, index) => {
      const message = errors[`/participants/${index}`];
      return message
        ? [
            {
              id: `${formId}-participant-${participant.key}`,
              label: participant.organization.name,
              message,
            },
          ]
        : [];
    }),
    ...draft.figures.flatMap((_figure, index) =>
      figureFields.flatMap((field) => {
        const pointer = `/figures/${index}/${field}`;
        const message = errors[pointer];
        return message ? [{ id: id(pointer), label: figureLabel(index, field), message }] : [];
      }),
    ),
  ];

  /** The server's field errors of one request, placed under the form's pointers. */
  const invalidFrom = (problem: Problem, step: Step): Outcome => {
    const known = [
      ...projectFields.map((field) => `/${field}`),
      ...draft.participants.map((_entry, index) => `/participants/${index}`),
      ...draft.figures.flatMap((_entry, index) =>
        figureFields.map((field) => `/figures/${index}/${field}`),
      ),
    ];
    const server: Record<string, FieldMessage> = {};
    const other: FieldErrorText[] = [];
    for (const error of problem.errors ?? []) {
      const pointer = `${step.prefix}${error.pointer}`;
      const field = known
        .filter((candidate) => pointer === candidate || pointer.startsWith(`${candidate}/`))
        .sort((a, b) => b.length - a.length)[0];
      const message = fieldErrorMessage(intl, error);
      if (field) server[field] ??= message;
      else other.push(message);
    }
    if (Object.keys(server).length === 0 && other.length === 0)
      other.push(problem.detail ?? problem.title);
    return { kind: 'invalid', local: {}, server, other };
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    const local = checkDraft(draft);
    if (ownOrganizations && !base) {
      const own = new Set(ownOrganizations.map((organization) => organization.id));
      const leads = draft.participants.some(
        (entry) => entry.role === 'lead' && own.has(entry.organization.id),
      );
      if (!leads)
        local['/participants'] = {
          id: 'projects.error.ownLeadRequired',
          values: { organizations: ownNames },
        };
    }
    // Every field of the project in one round: the form's own checks and the server's schema,
    // before sending.
    const checked = await schemas();
    const main = checked ? (base ? updateInput(base, draft) : createInput(draft)) : null;
    const refusedProblem =
      checked && main
        ? inputProblem(base ? checked.UpdateProjectInput : checked.CreateProjectInput, main)
        : null;
    const refused = refusedProblem ? invalidFrom(refusedProblem, { prefix: '' }) : null;
    if (Object.keys(local).length > 0 || refused) {
      setOutcome({
        kind: 'invalid',
        local,
        server: refused?.kind === 'invalid' ? refused.server : {},
        other: refused?.kind === 'invalid' ? refused.other : [],
      });
      return;
    }
    setIsSaving(true);
    setOutcome({ kind: 'none' });
    let current = base;
    let participants = draft.participants;
    let figures = draft.figures;
    let step: Step = { prefix: '' };
    try {
      if (!current) {
        current = await createProject(createInput(draft), keys);
        // The project and its participants exist now: what follows adds to it.
        participants = [];
        setBase(current);
        setDraft((now) => ({ ...now, participants: [] }));
      } else {
        const change = updateInput(current, draft);
        if (change) {
          current = await updateProject(current.id, change);
          setBase(current);
        }
        while (participants[0]) {
          const participant = participants[0];
          step = { prefix: '/participants/0' };
          current = await addParticipant(
            current.id,
            {
              version: current.version,
              organizationId: participant.organization.id,
              role: participant.role,
            },
            keys,
          );
          participants = participants.slice(1);
          setBase(current);
          setDraft((now) => ({ ...now, participants }));
        }
      }
      while (figures[0]) {
        step = { prefix: '/figures/0' };
        current = await recordFigure(current.id, figureInput(figures[0], current.version), keys);
        figures = figures.slice(1);
        setBase(current);
        setDraft((now) => ({ ...now, figures }));
      }
      navigate(`/projects/${current.id}?saved=1`);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) setOutcome({ kind: 'offline' });
      else if (problem.status === 400) setOutcome(invalidFrom(problem, step));
      else if (isStillInProgress(problem)) setOutcome({ kind: 'in-progress', problem });
      else if (problem.status === 409 && problem.current && current) {
        const newer = problem.current as Project;
        const was = draftFrom(current);
        const now = draftFrom(newer);
        setDraft((mine) => rebaseDraft(mine, was, now));
        setBase(newer);
        setOutcome({ kind: 'conflict', fields: changedFields(was, now) });
      } else if (problem.status === 409) setOutcome(invalidFrom(problem, step));
      else if (problem.status === 403) setOutcome({ kind: 'forbidden' });
      else if (problem.status === 401) setOutcome({ kind: 'signed-out' });
      else setOutcome({ kind: 'failed', problem });
    } finally {
      setIsSaving(false);
    }
  };

  const addChosenParticipant = () => {
    if (!chosen) {
      setParticipantError(intl.formatMessage({ id: 'projects.error.chooseOrganization' }));
      document.getElementById(comboboxId)?.focus();
      return;
    }
    const taken =
      draft.participants.some(
        (entry) => entry.organization.id === chosen.id && entry.role === role,
      ) ||
      base?.participants.some((entry) => entry.organizationId === chosen.id && entry.role === role);
    if (taken) {
      setParticipantError(intl.formatMessage({ id: 'projects.error.participantTwice' }));
      document.getElementById(comboboxId)?.focus();
      return;
    }
    setParticipantError(undefined);
    setDraft((now) => ({
      ...now,
      participants: [...now.participants, { key: newKey(), organization: chosen, role }],
    }));
    setChosen(null);
    setSearchRound((round) => round + 1);
    requestAnimationFrame(() => document.getElementById(comboboxId)?.focus());
  };

  /** A removal saved at once: the form goes on from the server's copy, keeping what is typed. */
  const applySaved = ({ project: newer, stale }: { project: Project; stale: boolean }) => {
    if (stale && base) setDraft((mine) => rebaseDraft(mine, draftFrom(base), draftFrom(newer)));
    setBase(newer);
  };

  const setFigure = (key: string, change: Partial<FigureDraft>) =>
    setDraft((now) => ({
      ...now,
      figures: now.figures.map((figure) =>
        figure.key === key ? { ...figure, ...change } : figure,
      ),
    }));

  const sortedCountries = useMemo(() => {
    const collator = new Intl.Collator(intl.locale);
    return countryCodes
      .map((code) => ({ value: code, label: countryName(code) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [countryName, intl.locale]);

  const title = project ? 'projects.form.editTitle' : 'projects.form.newTitle';
  const createdMeanwhile = !project && base !== null;

  return (
    <form
      className="form project-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${formId}-heading`}
    >
      <p className="breadcrumb">
        <Link href={base ? `/projects/${base.id}` : '/projects'}>
          <FormattedMessage
            id={base ? 'projects.form.backToProject' : 'projects.page.backToList'}
          />
        </Link>
      </p>
      <h1 id={`${formId}-heading`}>
        <FormattedMessage id={title} />
      </h1>
      {project ? <p className="lead">{project.title}</p> : null}
      {createdMeanwhile ? (
        <p className="notice notice--success">
          <FormattedMessage id="projects.form.createdSoFar" />
        </p>
      ) : null}

      {outcome.kind === 'invalid' ? (
        <ErrorSummary
          key={attempt}
          title={<FormattedMessage id="form.fixErrors" />}
          fieldErrors={summaryErrors}
          messages={outcome.other}
        />
      ) : null}
      {outcome.kind === 'conflict' ? (
        <ErrorSummary key={attempt} title={<FormattedMessage id="projects.form.conflictTitle" />}>
          <p>
            <FormattedMessage id="projects.form.conflictBody" />
          </p>
          {outcome.fields.length > 0 ? (
            <p>
              <FormattedMessage
                id="projects.form.conflictFields"
                values={{ fields: intl.formatList(outcome.fields.map(label)) }}
              />
            </p>
          ) : null}
        </ErrorSummary>
      ) : null}
      <RequestOutcomeSummary
        key={`request-${attempt}`}
        outcome={outcome}
        messages={{
          forbidden: 'projects.form.forbidden',
          signedOut: 'projects.form.signedOut',
          failed: 'projects.form.failed',
        }}
      />

      <fieldset>
        <legend>
          <FormattedMessage id="projects.page.facts" />
        </legend>
        <TextField
          id={id('/title')}
          label={label('title')}
          value={draft.title}
          onValueChange={set('title')}
          error={errors['/title']}
          required
          maxLength={200}
        />
        <TextAreaField
          id={id('/summary')}
          label={label('summary')}
          value={draft.summary}
          onValueChange={set('summary')}
          error={errors['/summary']}
          rows={4}
          maxLength={4000}
        />
        <div className="field-pair">
          <SelectField
            id={id('/sector')}
            label={label('sector')}
            value={draft.sector}
            onValueChange={set('sector')}
            error={errors['/sector']}
            options={organizationSectors.map((sector) => ({
              value: sector,
              label: intl.formatMessage({ id: sectorMessageId(sector) }),
            }))}
          />
          <SelectField
            id={id('/status')}
            label={label('status')}
            value={draft.status}
            onValueChange={set('status')}
            error={errors['/status']}
            options={projectStatuses.map((status) => ({
              value: status,
              label: intl.formatMessage({ id: statusMessageId(status) }),
            }))}
          />
          <TextField
            id={id('/startedOn')}
            label={label('startedOn')}
            type="date"
            value={draft.startedOn}
            onValueChange={set('startedOn')}
            error={errors['/startedOn']}
          />
          <TextField
            id={id('/endedOn')}
            label={label('endedOn')}
            type="date"
            value={draft.endedOn}
            onValueChange={set('endedOn')}
            error={errors['/endedOn']}
          />
        </div>
        <TextAreaField
          id={id('/sources')}
          label={label('sources')}
          hint={<FormattedMessage id="projects.form.sourcesHint" />}
          value={draft.sources}
          onValueChange={set('sources')}
          error={errors['/sources']}
          rows={2}
        />
      </fieldset>

      <fieldset>
        <legend>{label('countries')}</legend>
        {draft.countries.length > 0 ? (
          <ul className="chip-list" aria-label={label('countries')}>
            {draft.countries.map((code) => (
              <li key={code} className="chip">
                {countryName(code)}
                <button
                  type="button"
                  className="button button--small"
                  aria-label={intl.formatMessage(
                    { id: 'projects.form.removeCountry' },
                    { country: countryName(code) },
                  )}
                  onClick={() => {
                    setDraft((now) => ({
                      ...now,
                      countries: now.countries.filter((entry) => entry !== code),
                    }));
                    document.getElementById(id('/countries'))?.focus();
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="add-row">
          <SelectField
            id={id('/countries')}
            label={intl.formatMessage({ id: 'projects.form.addCountryLabel' })}
            value={countryToAdd}
            onValueChange={setCountryToAdd}
            error={errors['/countries']}
            options={[
              { value: '', label: intl.formatMessage({ id: 'projects.form.chooseCountry' }) },
              ...sortedCountries.filter((option) => !draft.countries.includes(option.value)),
            ]}
          />
          <button
            type="button"
            className="button"
            onClick={() => {
              if (!countryToAdd) return;
              setDraft((now) => ({
                ...now,
                countries: [...now.countries, countryToAdd].sort(),
              }));
              setCountryToAdd('');
            }}
          >
            <FormattedMessage id="projects.form.addCountry" />
          </button>
        </div>
      </fieldset>

      <fieldset>
        <legend>
          <FormattedMessage id="projects.page.participants" />
        </legend>
        {ownOrganizations && !base ? (
          <p className="field__hint">
            <FormattedMessage id="projects.form.ownLeadHint" values={{ organizations: ownNames }} />
          </p>
        ) : null}
        {base ? <SavedParticipants project={base} onChange={applySaved} /> : null}
        {draft.participants.length > 0 ? (
          <ul
            className="chip-list chip-list--rows"
            aria-label={intl.formatMessage({ id: 'projects.form.newParticipants' })}
          >
            {draft.participants.map((participant, index) => {
              const message = errors[`/participants/${index}`];
              return (
                <li
                  key={participant.key}
                  id={`${formId}-participant-${participant.key}`}
                  tabIndex={-1}
                  className={message ? 'chip chip--invalid' : 'chip'}
                >
                  <span>
                    {participant.organization.name} —{' '}
                    <FormattedMessage id={roleMessageId(participant.role)} />
                    {message ? (
                      <span className="field__error" lang={messageLang(message)}>
                        {' '}
                        {messageText(message)}
                      </span>
                    ) : null}
                  </span>
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={intl.formatMessage(
                      { id: 'projects.form.removeParticipant' },
                      {
                        name: participant.organization.name,
                        role: intl.formatMessage({ id: roleMessageId(participant.role) }),
                      },
                    )}
                    onClick={() => {
                      setDraft((now) => ({
                        ...now,
                        participants: now.participants.filter(
                          (entry) => entry.key !== participant.key,
                        ),
                      }));
                      document.getElementById(comboboxId)?.focus();
                    }}
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
        <div className="add-participant">
          <OrganizationCombobox
            key={searchRound}
            id={comboboxId}
            label={intl.formatMessage({ id: 'projects.form.organization' })}
            value={chosen}
            onChange={(choice) => {
              setChosen(choice && { id: choice.id, name: choice.name, country: choice.country });
              if (choice) setParticipantError(undefined);
            }}
            error={participantError ?? errors['/participants']}
          />
          <SelectField
            id={`${formId}-role`}
            label={intl.formatMessage({ id: 'projects.form.role' })}
            value={role}
            onValueChange={(value) => setRole(value as ParticipantRole)}
            options={participantRoles.map((entry) => ({
              value: entry,
              label: intl.formatMessage({ id: roleMessageId(entry) }),
            }))}
          />
          <button type="button" className="button" onClick={addChosenParticipant}>
            <FormattedMessage id="projects.form.addParticipant" />
          </button>
        </div>
      </fieldset>

      <fieldset>
        <legend>
          <FormattedMessage id="projects.page.figures" />
        </legend>
        {base ? (
          <p className="field__hint">
            <FormattedMessage
              id="projects.form.recorded"
              values={{ targets: base.targets.length, results: base.results.length }}
            />
          </p>
        ) : null}
        {base ? <SavedFigures project={base} onChange={applySaved} /> : null}
        <p className="field__hint">
          <FormattedMessage id="projects.form.figuresHint" />
        </p>
        <ol className="figure-drafts" ref={figureListRef}>
          {draft.figures.map((figure, index) => (
            <FigureFields
              key={figure.key}
              index={index}
              figure={figure}
              countries={draft.countries}
              errors={errors}
              onChange={(change) => setFigure(figure.key, change)}
              onRemove={() => {
                setDraft((now) => ({
                  ...now,
                  figures: now.figures.filter((entry) => entry.key !== figure.key),
                }));
                document.getElementById(`${formId}-add-figure`)?.focus();
              }}
            />
          ))}
        </ol>
        <button
          id={`${formId}-add-figure`}
          type="button"
          className="button"
          onClick={() => {
            const figure = newFigure(draft.countries, new Date().getFullYear());
            setDraft((now) => ({ ...now, figures: [...now.figures, figure] }));
            // The new figure's first field takes focus once it is drawn.
            requestAnimationFrame(() =>
              document.getElementById(id(`/figures/${draft.figures.length}/kind`))?.focus(),
            );
          }}
        >
          <FormattedMessage id="projects.form.addFigure" />
        </button>
      </fieldset>

      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={isSaving}>
          <FormattedMessage
            id={
              isSaving
                ? 'projects.form.saving'
                : project
                  ? 'projects.form.save'
                  : 'projects.form.create'
            }
          />
        </button>
        <Link href={base ? `/projects/${base.id}` : '/projects'} className="button">
          <FormattedMessage id="edit.cancel" />
        </Link>
      </div>
    </form>
  );
}

function FigureFields({
  index,
  figure,
  countries,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  figure: FigureDraft;
  countries: string[];
  errors: Record<string, FieldErrorText>;
  onChange: (change: Partial<FigureDraft>) => void;
  onRemove: () => void;
}) {
  const intl = useIntl();
  const countryName = useCountryNames();
  const pointer = (field: FigureField) => `/figures/${index}/${field}`;
  const id = (field: FigureField) => fieldId(formId, pointer(field));
  const label = (field: FigureField) => intl.formatMessage({ id: figureLabels[field] });
  const money = figure.indicator === 'money-mobilised';
  const currency = figure.currency.trim().toUpperCase();
  const parsed = money ? readAmount({ ...figure, currency }) : null;
  const preview = money && parsed?.ok ? formatMinor(parsed.minor, currency, intl.locale) : null;
  return (
    <li className="figure-draft">
      <fieldset>
        <legend>
          <FormattedMessage id="projects.form.figureNumber" values={{ number: index + 1 }} />
        </legend>
        <div className="field-pair">
          <SelectField
            id={id('kind')}
            label={label('kind')}
            value={figure.kind}
            onValueChange={(value) => onChange({ kind: value as FigureDraft['kind'] })}
            error={errors[pointer('kind')]}
            options={[
              { value: 'result', label: intl.formatMessage({ id: 'projects.form.kindResult' }) },
              { value: 'target', label: intl.formatMessage({ id: 'projects.form.kindTarget' }) },
            ]}
          />
          <SelectField
            id={id('indicator')}
            label={label('indicator')}
            value={figure.indicator}
            onValueChange={(value) => onChange({ indicator: value as FigureDraft['indicator'] })}
            error={errors[pointer('indicator')]}
            options={indicators.map((indicator) => ({
              value: indicator,
              label: intl.formatMessage({ id: indicatorMessageId(indicator) }),
            }))}
          />
          {money ? (
            <TextField
              id={id('currency')}
              label={label('currency')}
              hint={<FormattedMessage id="projects.form.currencyHint" />}
              value={figure.currency}
              onValueChange={(value) => onChange({ currency: value.toUpperCase() })}
              error={errors[pointer('currency')]}
              maxLength={3}
              autoCapitalize="characters"
              spellCheck={false}
            />
          ) : null}
          <TextField
            id={id('amount')}
            label={label('amount')}
            hint={
              money ? (
                <>
                  <FormattedMessage id="projects.form.amountMoneyHint" />
                  {preview ? (
                    <>
                      {' '}
                      <FormattedMessage
                        id="projects.form.amountPreview"
                        values={{ amount: preview }}
                      />
                    </>
                  ) : null}
                </>
              ) : (
                <FormattedMessage id="projects.form.amountHint" />
              )
            }
            value={figure.amount}
            onValueChange={(value) => onChange({ amount: value })}
            error={errors[pointer('amount')]}
            inputMode="decimal"
            maxLength={30}
          />
          <SelectField
            id={id('country')}
            label={label('country')}
            value={figure.country}
            onValueChange={(value) => onChange({ country: value })}
            error={errors[pointer('country')]}
            options={[
              { value: '', label: intl.formatMessage({ id: 'projects.figure.noCountry' }) },
              ...countries.map((code) => ({ value: code, label: countryName(code) })),
            ]}
          />
          <TextField
            id={id('period')}
            label={label('period')}
            value={figure.period}
            onValueChange={(value) => onChange({ period: value })}
            error={errors[pointer('period')]}
            inputMode="numeric"
            maxLength={4}
          />
        </div>
        <TextField
          id={id('note')}
          label={label('note')}
          value={figure.note}
          onValueChange={(value) => onChange({ note: value })}
          error={errors[pointer('note')]}
          maxLength={1000}
        />
        <button type="button" className="button button--small" onClick={onRemove}>
          <FormattedMessage id="projects.form.removeFigure" values={{ number: index + 1 }} />
        </button>
      </fieldset>
    </li>
  );
}
