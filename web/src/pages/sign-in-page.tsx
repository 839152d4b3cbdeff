import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useSearchParams } from 'wouter';
import { type Problem, problemOf } from '../api/problem.ts';
import { ErrorSummary } from '../forms/error-summary.tsx';
import { splitFieldErrors } from '../forms/field-errors.ts';
import { TextField } from '../forms/fields.tsx';
import { inputProblem, useSchemas } from '../forms/input-check.ts';
import { waitOf } from '../forms/wait.ts';
import { useSession } from '../session/session-provider.tsx';
import { useDocumentTitle } from './use-document-title.ts';

const fields = ['/email', '/password'] as const;
// The server's own schemas, loaded with this page rather than with the app's first chunk.
const loadSchemas = () => import('../../../src/modules/accounts/schemas.ts');

/** Only paths on this site, so a crafted link cannot send someone elsewhere after signing in. */
export function safeNextPath(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/account';
}

export function SignInPage() {
  const intl = useIntl();
  useDocumentTitle('signIn.title');
  const { signIn, status, me } = useSession();
  const schemas = useSchemas(loadSchemas);
  const [, navigate] = useLocation();
  const [searchParams] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [offline, setOffline] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(null);
    setOffline(false);
    // Every field in one round, with the server's own schema, before sending.
    const checked = await schemas();
    const refused = checked ? inputProblem(checked.SignInInput, { email, password }) : null;
    if (refused) {
      setProblem(refused);
      setAttempt((count) => count + 1);
      return;
    }
    setIsSending(true);
    try {
      await signIn(email, password);
      // The sign-in page gives way in the history: Back goes where the person came from, not to
      // a form they no longer need.
      navigate(safeNextPath(searchParams.get('next')), { replace: true });
    } catch (error) {
      const found = problemOf(error);
      setProblem(found);
      setOffline(!found);
      setAttempt((count) => count + 1);
    } finally {
      setIsSending(false);
    }
  };

  const { byField, other } = splitFieldErrors(problem, fields, intl);
  const labels = {
    '/email': intl.formatMessage({ id: 'signIn.email' }),
    '/password': intl.formatMessage({ id: 'signIn.password' }),
  };

  if (status === 'signed-in' && me && !isSending) {
    // Reached again while signed in (a link, or Back from elsewhere): say so, and offer the way on.
    const next = safeNextPath(searchParams.get('next'));
    return (
      <div className="narrow-page">
        <h1>
          <FormattedMessage id="signIn.title" />
        </h1>
        <div className="notice" role="status">
          <p className="notice__title">
            <FormattedMessage id="signIn.already" values={{ name: me.displayName }} />
          </p>
          <p>
            <Link href={next}>
              <FormattedMessage id={next === '/account' ? 'signIn.toAccount' : 'signIn.continue'} />
            </Link>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="narrow-page">
      <h1>
        <FormattedMessage id="signIn.title" />
      </h1>
      {problem || offline ? (
        <ErrorSummary
          key={attempt}
          title={
            offline ? (
              <FormattedMessage id="form.offline" />
            ) : problem?.status === 401 ? (
              <FormattedMessage id="signIn.wrong" />
            ) : problem?.status === 429 ? (
              <FormattedMessage id="form.tooMany" values={waitOf(problem)} />
            ) : (
              <FormattedMessage id="form.fixErrors" />
            )
          }
          fieldErrors={fields.flatMap((pointer) =>
            byField[pointer]
              ? [
                  {
                    id: `sign-in${pointer.replace('/', '-')}`,
                    label: labels[pointer],
                    message: byField[pointer],
                  },
                ]
              : [],
          )}
          messages={other}
        />
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          id="sign-in-email"
          label={labels['/email']}
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          onValueChange={setEmail}
          error={byField['/email']}
        />
        <TextField
          id="sign-in-password"
          label={labels['/password']}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onValueChange={setPassword}
          error={byField['/password']}
        />
        <button type="submit" className="button button--primary" disabled={isSending}>
          {isSending ? (
            <FormattedMessage id="signIn.sending" />
          ) : (
            <FormattedMessage id="signIn.submit" />
          )}
        </button>
      </form>
      <p>
        <Link href="/password-reset">
          <FormattedMessage id="signIn.forgot" />
        </Link>
      </p>
    </div>
  );
}
