import { FormattedMessage, type IntlShape } from 'react-intl';
import { Link } from 'wouter';
import { ApiProblemError, isStillInProgress, type Problem, problemOf } from '../../api/problem.ts';
import { ErrorSummary } from '../../forms/error-summary.tsx';
import { fieldErrorMessage } from '../../forms/field-message.ts';

/** A message for one field: the server's (in English) or a check's (in the reader's language). */
export type FieldMessage = { message: string; lang: string };

/** What became of the last attempt to send a tie form. */
export type TieOutcome<Field extends string> =
  | { kind: 'none' }
  | {
      kind: 'invalid';
      fields: Partial<Record<Field, FieldMessage>>;
      other: (string | FieldMessage)[];
    }
  | { kind: 'cycle' }
  | { kind: 'stale' }
  | { kind: 'forbidden'; detail: string }
  | { kind: 'signed-out' }
  | { kind: 'offline' }
  /** The same request, sent again, is still being carried out from an earlier attempt. */
  | { kind: 'in-progress'; detail: string }
  | { kind: 'failed'; detail: string };

/**
 * Reads a failed request: field errors go to their fields by JSON pointer (the first error of
 * each), the others (and further errors of a field) to the summary; a 409 is a cycle for a new affiliation and a change made
 * meanwhile (stale version) for an end.
 */
export function tieOutcomeOf<Field extends string>(
  error: unknown,
  fieldOf: Record<string, Field>,
  intl?: IntlShape,
): TieOutcome<Field> {
  const problem: Problem | null = problemOf(error);
  if (!problem) return { kind: 'offline' };
  const detail = problem.detail ?? problem.title;
  switch (problem.status) {
    case 400:
    case 404: {
      const fields: Partial<Record<Field, FieldMessage>> = {};
      const other: (string | FieldMessage)[] = [];
      for (const entry of problem.errors ?? []) {
        const field = fieldOf[entry.pointer];
        // In the reader's language from the error's code, or the server's own detail.
        const worded = intl
          ? fieldErrorMessage(intl, entry)
          : { message: entry.detail, lang: entry.language ?? 'en' };
        const message = { message: worded.message, lang: worded.lang ?? intl?.locale ?? 'en' };
        if (field && !fields[field]) fields[field] = message;
        else other.push(intl ? message : entry.detail);
      }
      if (Object.keys(fields).length === 0 && other.length === 0) other.push(detail);
      return { kind: 'invalid', fields, other };
    }
    case 401:
      return { kind: 'signed-out' };
    case 403:
      return { kind: 'forbidden', detail };
    case 409:
      if (isStillInProgress(problem)) return { kind: 'in-progress', detail };
      return problem.type.endsWith('stale-version') || problem.current !== undefined
        ? { kind: 'stale' }
        : { kind: 'cycle' };
    default:
      return { kind: 'failed', detail };
  }
}

/**
 * What a check before sending found: the server's schema's refusals by field (as its 400 would
 * give them), the form's own findings over them; null when neither found anything.
 */
export function refusedOutcome<Field extends string>(
  problem: Problem | null,
  fieldOf: Record<string, Field>,
  intl: IntlShape,
  local: Partial<Record<Field, FieldMessage>>,
): TieOutcome<Field> | null {
  if (!problem && Object.keys(local).length === 0) return null;
  // A field the form already speaks of (no organization chosen) is not said twice.
  const errors = (problem?.errors ?? []).filter((error) => {
    const field = fieldOf[error.pointer];
    return !field || !local[field];
  });
  const found =
    errors.length > 0 && problem
      ? tieOutcomeOf(new ApiProblemError({ ...problem, errors }), fieldOf, intl)
      : null;
  return {
    kind: 'invalid',
    fields: { ...(found?.kind === 'invalid' ? found.fields : {}), ...local },
    other: found?.kind === 'invalid' ? found.other : [],
  };
}

type TieProblemProps<Field extends string> = {
  outcome: TieOutcome<Field>;
  /** A new key each attempt, so the summary takes the focus again. */
  attempt: number;
  /** Each field's id and label, in the order of the form, for the summary's links. */
  fields: { field: Field; id: string; label: string }[];
  /** Names the two ends of an affiliation, to explain a cycle. */
  cycle?: { member: string; parent: string };
};

/** The summary at the top of a tie form: what went wrong, in words, with links to the fields. */
export function TieProblem<Field extends string>({
  outcome,
  attempt,
  fields,
  cycle,
}: TieProblemProps<Field>) {
  switch (outcome.kind) {
    case 'none':
      return null;
    case 'invalid':
      return (
        <ErrorSummary
          key={attempt}
          title={<FormattedMessage id="form.fixErrors" />}
          fieldErrors={fields.flatMap(({ field, id, label }) => {
            const entry = outcome.fields[field];
            return entry ? [{ id, label, message: entry.message }] : [];
          })}
          messages={outcome.other}
        />
      );
    case 'cycle':
      return (
        <ErrorSummary key={attempt} title={<FormattedMessage id="graph.tie.cycleTitle" />}>
          <p>
            {cycle ? (
              <FormattedMessage id="graph.tie.cycleBody" values={cycle} />
            ) : (
              <FormattedMessage id="graph.tie.cycleBodyShort" />
            )}
          </p>
        </ErrorSummary>
      );
    case 'stale':
      return (
        <ErrorSummary key={attempt} title={<FormattedMessage id="graph.tie.staleTitle" />}>
          <p>
            <FormattedMessage id="graph.tie.staleBody" />
          </p>
        </ErrorSummary>
      );
    case 'forbidden':
      return (
        <ErrorSummary
          key={attempt}
          title={<FormattedMessage id="graph.tie.forbidden" />}
          messages={[outcome.detail]}
        />
      );
    case 'signed-out':
      return (
        <ErrorSummary key={attempt} title={<FormattedMessage id="graph.tie.signedOut" />}>
          <p>
            <Link href={`/sign-in?next=${encodeURIComponent(window.location.pathname)}`}>
              <FormattedMessage id="app.signIn" />
            </Link>
          </p>
        </ErrorSummary>
      );
    case 'offline':
      return <ErrorSummary key={attempt} title={<FormattedMessage id="form.offline" />} />;
    case 'in-progress':
      return (
        <ErrorSummary
          key={attempt}
          title={<FormattedMessage id="form.stillInProgress" />}
          messages={[outcome.detail]}
        />
      );
    case 'failed':
      return (
        <ErrorSummary
          key={attempt}
          title={<FormattedMessage id="graph.tie.failed" />}
          messages={[outcome.detail]}
        />
      );
  }
}

/** Today in the reader's time zone, as the API writes dates (2024-02-01). */
export function todayIso(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
