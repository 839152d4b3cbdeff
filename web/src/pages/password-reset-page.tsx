import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { confirmPasswordReset, requestPasswordReset } from '../api/auth.ts';
import { type Problem, problemOf } from '../api/problem.ts';
import { ErrorSummary } from '../forms/error-summary.tsx';
import { splitFieldErrors } from '../forms/field-errors.ts';
import { TextField } from '../forms/fields.tsx';
import { inputProblem, useSchemas } from '../forms/input-check.ts';
import { waitOf } from '../forms/wait.ts';
import { useSession } from '../session/session-provider.tsx';
import { useDocumentTitle } from './use-document-title.ts';
import { useHashToken } from './use-hash-token.ts';

// The server's own schemas, loaded with this page rather than with the app's first chunk.
const loadSchemas = () => import('../../../src/modules/accounts/schemas.ts');
type AccountSchemas = Awaited<ReturnType<typeof loadSchemas>>;

/** Without a token: ask for a link by email. With one (from that email): choose a password. */
export function PasswordResetPage() {
  useDocumentTitle('reset.title');
  const token = useHashToken();
  return (
    <div className="narrow-page">
      <h1>
        <FormattedMessage id="reset.title" />
      </h1>
      {token ? <ChooseNewPassword token={token} /> : <AskForLink />}
    </div>
  );
}

/**
 * Sends once `check` (the server's schema, on what is about to be sent) finds nothing: what it
 * finds is shown as the server's 400 would be, every field at once.
 */
function useSubmission() {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [offline, setOffline] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const schemas = useSchemas(loadSchemas);
  const run = async (
    action: () => Promise<void>,
    check: (loaded: AccountSchemas) => Problem | null,
  ) => {
    setProblem(null);
    setOffline(false);
    const loaded = await schemas();
    const refused = loaded ? check(loaded) : null;
    if (refused) {
      setProblem(refused);
      setAttempt((count) => count + 1);
      return false;
    }
    setIsSending(true);
    try {
      await action();
      return true;
    } catch (error) {
      const found = problemOf(error);
      setProblem(found);
      setOffline(!found);
      setAttempt((count) => count + 1);
      return false;
    } finally {
      setIsSending(false);
    }
  };
  return { problem, offline, isSending, attempt, run };
}

function AskForLink() {
  const intl = useIntl();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { problem, offline, isSending, attempt, run } = useSubmission();
  const { byField, other } = splitFieldErrors(problem, ['/email'], intl);
  const label = intl.formatMessage({ id: 'signIn.email' });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const sent = await run(
      () => requestPasswordReset(email),
      (loaded) => inputProblem(loaded.RequestPasswordResetInput, { email }),
    );
    if (sent) setSentTo(email.trim());
  };

  if (sentTo) {
    return (
      <div className="notice" role="status">
        <p className="notice__title">
          <FormattedMessage id="reset.sent" values={{ email: sentTo }} />
        </p>
        <p>
          <FormattedMessage id="reset.sentHint" />
        </p>
      </div>
    );
  }
  return (
    <>
      <p className="lead">
        <FormattedMessage id="reset.intro" />
      </p>
      {problem || offline ? (
        <ErrorSummary
          key={attempt}
          title={
            offline ? (
              <FormattedMessage id="form.offline" />
            ) : problem?.status === 429 ? (
              <FormattedMessage id="form.tooMany" values={waitOf(problem)} />
            ) : (
              <FormattedMessage id="form.fixErrors" />
            )
          }
          fieldErrors={
            byField['/email'] ? [{ id: 'reset-email', label, message: byField['/email'] }] : []
          }
          messages={other}
        />
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          id="reset-email"
          label={label}
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          value={email}
          onValueChange={setEmail}
          error={byField['/email']}
        />
        <button type="submit" className="button button--primary" disabled={isSending}>
          <FormattedMessage id="reset.send" />
        </button>
      </form>
    </>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  const intl = useIntl();
  const [password, setPassword] = useState('');
  const [isDone, setIsDone] = useState(false);
  const { problem, offline, isSending, attempt, run } = useSubmission();
  const { byField, other } = splitFieldErrors(problem, ['/password'], intl);
  const label = intl.formatMessage({ id: 'form.newPassword' });
  const linkIsBad = problem?.status === 404 || problem?.status === 410;
  const { refresh } = useSession();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changed = await run(
      () => confirmPasswordReset(token, password),
      (loaded) => inputProblem(loaded.ResetPasswordInput, { token, password }),
    );
    if (changed) {
      setIsDone(true);
      // The reset ended every session, this browser's too: the header must stop saying otherwise.
      void refresh();
    }
  };

  if (isDone) {
    return (
      <div className="notice" role="status">
        <p className="notice__title">
          <FormattedMessage id="reset.done" />
        </p>
        <p>
          <Link href="/sign-in">
            <FormattedMessage id="app.signIn" />
          </Link>
        </p>
      </div>
    );
  }
  return (
    <>
      {problem || offline ? (
        <ErrorSummary
          key={attempt}
          title={
            <FormattedMessage
              id={offline ? 'form.offline' : linkIsBad ? 'reset.badLink' : 'form.fixErrors'}
            />
          }
          fieldErrors={
            byField['/password']
              ? [{ id: 'reset-password', label, message: byField['/password'] }]
              : []
          }
          messages={linkIsBad && problem?.detail ? [problem.detail] : other}
        />
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          id="reset-password"
          label={label}
          hint={<FormattedMessage id="form.newPasswordHint" />}
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={password}
          onValueChange={setPassword}
          error={byField['/password']}
        />
        <button type="submit" className="button button--primary" disabled={isSending}>
          <FormattedMessage id="reset.save" />
        </button>
      </form>
    </>
  );
}
