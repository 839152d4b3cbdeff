// On the edit page: the participants and figures already saved, each with a way to take it back
// (a participant removed from one role, a figure withdrawn). Each acts at once, after a
// confirmation that names what goes; the form's other changes wait for its Save button.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { problemOf } from '../../api/problem.ts';
import {
  type Figure,
  type Participant,
  type Project,
  removeParticipant,
  withdrawFigure,
} from '../../api/projects.ts';
import { useCountryNames } from '../../i18n/display-names.ts';
import type { MessageId } from '../../i18n/locales.ts';
import { useFigureText } from './amount.tsx';
import { roleMessageId } from './vocabulary.ts';

type Change = {
  /** The project as the server now has it. */
  project: Project;
  /** True when someone else had changed it: the copy is newer than what the reader saw. */
  stale: boolean;
};

type Failure = { id: MessageId; values?: Record<string, string> };

/** Why a removal failed, in the reader's language; a newer copy when the server sent one. */
function failureOf(error: unknown): { failure: Failure; current?: Project } {
  const problem = problemOf(error);
  if (!problem) return { failure: { id: 'form.offline' } };
  if (problem.status === 409 && problem.current)
    return {
      failure: { id: 'projects.form.changedMeanwhile' },
      current: problem.current as Project,
    };
  if (problem.status === 409) return { failure: { id: 'projects.form.onlyLeadServer' } };
  if (problem.status === 404) return { failure: { id: 'projects.form.alreadyGone' } };
  if (problem.status === 403) return { failure: { id: 'projects.form.forbidden' } };
  if (problem.status === 401) return { failure: { id: 'projects.form.signedOut' } };
  return { failure: { id: 'projects.form.removeFailed' } };
}

/**
 * One removable entry: its text and a button; then a confirmation that names it; then the
 * request. Focus goes to the question, back to the button when the reader keeps it, and to an
 * error when the request fails.
 */
function RemovableEntry({
  entryId,
  children,
  buttonText,
  buttonLabel,
  question,
  confirmText,
  refusal,
  onConfirm,
  onRemoved,
}: {
  entryId: string;
  children: ReactNode;
  buttonText: string;
  buttonLabel: string;
  question: string;
  confirmText: string;
  /** Set when the entry may not go at all (the only lead): shown instead of the question. */
  refusal: string | null;
  onConfirm: () => Promise<Project>;
  onRemoved: (change: Change) => void;
}) {
  const intl = useIntl();
  const [step, setStep] = useState<'idle' | 'confirm' | 'refused' | 'busy'>('idle');
  const [failure, setFailure] = useState<Failure | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const [focusTarget, setFocusTarget] = useState<'question' | 'button' | 'error' | null>(null);

  useEffect(() => {
    if (focusTarget === 'question') questionRef.current?.focus();
    if (focusTarget === 'button') buttonRef.current?.focus();
    if (focusTarget === 'error') errorRef.current?.focus();
    if (focusTarget) setFocusTarget(null);
  }, [focusTarget]);

  const confirm = async () => {
    setStep('busy');
    setFailure(null);
    try {
      onRemoved({ project: await onConfirm(), stale: false });
    } catch (error) {
      const { failure, current } = failureOf(error);
      setStep('idle');
      setFailure(failure);
      setFocusTarget('error');
      if (current) onRemoved({ project: current, stale: true });
    }
  };

  const questionId = `${entryId}-question`;
  return (
    <li id={entryId} className="recorded-entry">
      <div className="recorded-entry__row">
        <span>{children}</span>
        {step === 'idle' ? (
          <button
            ref={buttonRef}
            type="button"
            className="button button--small"
            aria-label={buttonLabel}
            onClick={() => {
              setFailure(null);
              setStep(refusal ? 'refused' : 'confirm');
              setFocusTarget('question');
            }}
          >
            {buttonText}
          </button>
        ) : null}
      </div>
      {step === 'confirm' || step === 'busy' ? (
        // biome-ignore lint/a11y/useSemanticElements: a group of buttons with its question, not a form field set.
        <div className="recorded-entry__confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId} ref={questionRef} tabIndex={-1}>
            {question}
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button--danger"
              disabled={step === 'busy'}
              onClick={confirm}
            >
              {step === 'busy' ? intl.formatMessage({ id: 'projects.form.removing' }) : confirmText}
            </button>
            <button
              type="button"
              className="button"
              disabled={step === 'busy'}
              onClick={() => {
                setStep('idle');
                setFocusTarget('button');
              }}
            >
              <FormattedMessage id="projects.form.keep" />
            </button>
          </div>
        </div>
      ) : null}
      {step === 'refused' ? (
        <div className="recorded-entry__confirm">
          <p id={questionId} ref={questionRef} tabIndex={-1}>
            {refusal}
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setStep('idle');
              setFocusTarget('button');
            }}
          >
            <FormattedMessage id="projects.form.understood" />
          </button>
        </div>
      ) : null}
      {failure ? (
        <p className="field__error" role="alert" ref={errorRef} tabIndex={-1}>
          <FormattedMessage id={failure.id} values={failure.values} />
        </p>
      ) : null}
    </li>
  );
}

/** A short message after a removal, which takes focus since the removed entry is gone. */
function useRemovalStatus() {
  const [message, setMessage] = useState<string | null>(null);
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  const node = (
    <p className="recorded-status" role="status" ref={ref} tabIndex={-1}>
      {message}
    </p>
  );
  return { node, announce: setMessage };
}

export function SavedParticipants({
  project,
  onChange,
}: {
  project: Project;
  onChange: (change: Change) => void;
}) {
  const intl = useIntl();
  const status = useRemovalStatus();
  const leads = project.participants.filter((entry) => entry.role === 'lead');
  const describe = (participant: Participant) => ({
    name: participant.organizationName,
    role: intl.formatMessage({ id: roleMessageId(participant.role) }),
  });
  return (
    <>
      {project.participants.length > 0 ? (
        <>
          <p className="field__hint" id="saved-participants-label">
            <FormattedMessage id="projects.form.existingParticipants" />
          </p>
          <ul className="recorded-list" aria-labelledby="saved-participants-label">
            {project.participants.map((participant) => {
              const values = describe(participant);
              return (
                <RemovableEntry
                  key={`${participant.organizationId}-${participant.role}`}
                  entryId={`saved-participant-${participant.organizationId}-${participant.role}`}
                  buttonText={intl.formatMessage({ id: 'projects.form.remove' })}
                  buttonLabel={intl.formatMessage(
                    { id: 'projects.form.removeSavedParticipant' },
                    values,
                  )}
                  question={intl.formatMessage(
                    { id: 'projects.form.confirmRemoveParticipant' },
                    values,
                  )}
                  confirmText={intl.formatMessage({ id: 'projects.form.confirmRemove' })}
                  refusal={
                    participant.role === 'lead' && leads.length === 1
                      ? intl.formatMessage({ id: 'projects.form.onlyLead' }, values)
                      : null
                  }
                  onConfirm={() => removeParticipant(project.id, participant, project.version)}
                  onRemoved={(change) => {
                    onChange(change);
                    if (!change.stale)
                      status.announce(
                        intl.formatMessage({ id: 'projects.form.participantRemoved' }, values),
                      );
                  }}
                >
                  {values.name} — {values.role}
                </RemovableEntry>
              );
            })}
          </ul>
        </>
      ) : null}
      {status.node}
    </>
  );
}

export function SavedFigures({
  project,
  onChange,
}: {
  project: Project;
  onChange: (change: Change) => void;
}) {
  const intl = useIntl();
  const countryName = useCountryNames();
  const figureText = useFigureText();
  const status = useRemovalStatus();
  const figures = [...project.targets, ...project.results];
  const describe = (figure: Figure) =>
    intl.formatMessage(
      {
        id:
          figure.kind === 'target' ? 'projects.figure.targetEntry' : 'projects.figure.resultEntry',
      },
      {
        amount: figureText(figure),
        year: String(figure.period),
        place: figure.country
          ? countryName(figure.country)
          : intl.formatMessage({ id: 'projects.figure.noCountry' }),
      },
    );
  return (
    <>
      {figures.length > 0 ? (
        <>
          <p className="field__hint" id="saved-figures-label">
            <FormattedMessage id="projects.form.savedFigures" />
          </p>
          <ul className="recorded-list" aria-labelledby="saved-figures-label">
            {figures.map((figure) => {
              const text = describe(figure);
              return (
                <RemovableEntry
                  key={figure.id}
                  entryId={`saved-figure-${figure.id}`}
                  buttonText={intl.formatMessage({ id: 'projects.form.withdraw' })}
                  buttonLabel={intl.formatMessage(
                    { id: 'projects.form.withdrawLabel' },
                    { figure: text },
                  )}
                  question={intl.formatMessage(
                    { id: 'projects.form.confirmWithdraw' },
                    { figure: text },
                  )}
                  confirmText={intl.formatMessage({ id: 'projects.form.confirmWithdrawButton' })}
                  refusal={null}
                  onConfirm={() => withdrawFigure(project.id, figure.id, project.version)}
                  onRemoved={(change) => {
                    onChange(change);
                    if (!change.stale)
                      status.announce(
                        intl.formatMessage(
                          { id: 'projects.form.figureWithdrawn' },
                          { figure: text },
                        ),
                      );
                  }}
                >
                  {text}
                  {figure.note ? <span className="field__hint"> — {figure.note}</span> : null}
                </RemovableEntry>
              );
            })}
          </ul>
        </>
      ) : null}
      {status.node}
    </>
  );
}
