import { FormattedMessage } from 'react-intl';
import { Link } from 'wouter';
import { type Problem, problemLanguage } from '../api/problem.ts';
import type { MessageId } from '../i18n/locales.ts';
import { ErrorSummary } from './error-summary.tsx';

/** How a form's request ended when the server refused or could not be reached. */
type RequestOutcome =
  | { kind: 'forbidden' }
  | { kind: 'signed-out' }
  | { kind: 'offline' }
  | { kind: 'failed'; problem: Problem }
  | { kind: 'in-progress'; problem: Problem }
  | { kind: string };

type RequestOutcomeSummaryProps = {
  outcome: RequestOutcome;
  /** The form's own words for each case (the offline message is the same everywhere). */
  messages: { forbidden: MessageId; signedOut: MessageId; failed: MessageId };
  /** Where signing in again leads back to: this page unless said otherwise. */
  next?: string;
};

/**
 * The summary a form shows when its request was refused (not allowed, session ended), did not
 * reach the server, is still being carried out from an earlier attempt (the same request sent
 * again with its Idempotency-Key), or failed for another reason; nothing for any other outcome.
 * Give it a `key` that changes with each attempt, so the summary takes focus again after a
 * second failure, and that differs from the keys of the form's other summaries (it is always
 * rendered, even empty).
 */
export function RequestOutcomeSummary({ outcome, messages, next }: RequestOutcomeSummaryProps) {
  switch (outcome.kind) {
    case 'forbidden':
      return <ErrorSummary title={<FormattedMessage id={messages.forbidden} />} />;
    case 'signed-out':
      return (
        <ErrorSummary title={<FormattedMessage id={messages.signedOut} />}>
          <p>
            <Link href={`/sign-in?next=${encodeURIComponent(next ?? window.location.pathname)}`}>
              <FormattedMessage id="app.signIn" />
            </Link>
          </p>
        </ErrorSummary>
      );
    case 'offline':
      return <ErrorSummary title={<FormattedMessage id="form.offline" />} />;
    case 'in-progress': {
      const { problem } = outcome as { problem: Problem };
      return (
        <ErrorSummary
          title={<FormattedMessage id="form.stillInProgress" />}
          messages={
            problem.detail ? [{ message: problem.detail, lang: problemLanguage(problem) }] : []
          }
        />
      );
    }
    case 'failed': {
      const { problem } = outcome as { problem: Problem };
      return (
        <ErrorSummary
          title={<FormattedMessage id={messages.failed} />}
          messages={[problem.detail ?? problem.title]}
        />
      );
    }
    default:
      return null;
  }
}
