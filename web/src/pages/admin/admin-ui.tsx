// Small pieces the administration's parts share: a confirmation, notices, a role's label, an
// instant.
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { FormattedDate, FormattedMessage, FormattedTime } from 'react-intl';
import { Link } from 'wouter';
import type { Grant } from '../../api/admin.ts';
import { type Problem, problemLanguage, problemOf } from '../../api/problem.ts';
import { roleMessageId } from '../../vocabulary.ts';
import { OrganizationName } from './organization-picker.tsx';

type ConfirmProps = {
  /** What will happen, naming the person or thing. */
  question: ReactNode;
  confirmLabel: ReactNode;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * Asks before an action that cannot be undone. Focus moves to the confirming button, which
 * carries the question as its description, so it is read first.
 */
export function ConfirmPanel({ question, confirmLabel, busy, onConfirm, onCancel }: ConfirmProps) {
  const ref = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="confirm">
      <p id={questionId} className="confirm__question">
        {question}
      </p>
      <div className="button-row">
        <button
          ref={ref}
          type="button"
          className="button button--danger"
          aria-describedby={questionId}
          disabled={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          <FormattedMessage id="admin.cancel" />
        </button>
      </div>
    </div>
  );
}

/** A notice that takes focus when it appears, so keyboard and screen reader users hear it. */
export function Notice({
  kind,
  title,
  children,
}: {
  kind: 'success' | 'error';
  title: ReactNode;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      ref={ref}
      className={`notice notice--${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      tabIndex={-1}
    >
      <p className="notice__title">{title}</p>
      {children}
    </div>
  );
}

/** The server's own words for a failure (in the language it answered in), or that it did not answer. */
export function ProblemText({ error }: { error: unknown }) {
  const problem: Problem | null = problemOf(error);
  if (!problem) {
    return (
      <p>
        <FormattedMessage id="form.offline" />
      </p>
    );
  }
  return <p lang={problemLanguage(problem)}>{problem.detail ?? problem.title}</p>;
}

/** "Organization administrator · Anand Milk Union" */
export function GrantLabel({ grant }: { grant: Pick<Grant, 'role' | 'scopeType' | 'scopeId'> }) {
  return (
    <>
      <FormattedMessage id={roleMessageId(grant.role)} />
      {grant.scopeType === 'organization' && grant.scopeId ? (
        <>
          {' · '}
          <Link href={`/organizations/${grant.scopeId}`}>
            <OrganizationName id={grant.scopeId} />
          </Link>
        </>
      ) : null}
    </>
  );
}

/** Plain text of a grant, for confirmations read aloud (no links). */
export function GrantText({ grant }: { grant: Pick<Grant, 'role' | 'scopeType' | 'scopeId'> }) {
  return (
    <>
      <FormattedMessage id={roleMessageId(grant.role)} />
      {grant.scopeType === 'organization' && grant.scopeId ? (
        <>
          {' · '}
          <OrganizationName id={grant.scopeId} />
        </>
      ) : null}
    </>
  );
}

/** An instant as a date and a time of day, in the reader's language. */
export function When({ value }: { value: string }) {
  return (
    <>
      <FormattedDate value={value} dateStyle="medium" />{' '}
      <FormattedTime value={value} timeStyle="short" />
    </>
  );
}
