import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'wouter';
import { acceptInvitation } from '../api/auth.ts';
import { type Problem, problemLanguage, problemOf } from '../api/problem.ts';
import { ErrorSummary } from '../forms/error-summary.tsx';
import { splitFieldErrors } from '../forms/field-errors.ts';
import { TextField } from '../forms/fields.tsx';
import { inputProblem, useSchemas } from '../forms/input-check.ts';
import { useSession } from '../session/session-provider.tsx';
import { useDocumentTitle } from './use-document-title.ts';
import { useHashToken } from './use-hash-token.ts';

const fields = ['/displayName', '/password'] as const;
// The server's own schemas, loaded with this page rather than with the app's first chunk.
const loadSchemas = () => import('../../../src/modules/accounts/schemas.ts');

export function AcceptInvitationPage() {
  const intl = useIntl();
  useDocumentTitle('invitation.title');
  const token = useHashToken();
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [offline, setOffline] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const schemas = useSchemas(loadSchemas);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(null);
    setOffline(false);
    // Every field in one round, with the server's own schema, before sending.
    const checked = await schemas();
    const refused = checked
      ? inputProblem(checked.AcceptInvitationInput, { token, displayName, password })
      : null;
    if (refused) {
      setProblem(refused);
      setAttempt((count) => count + 1);
      return;
    }
    setIsSending(true);
    try {
      const account = await acceptInvitation({ token, displayName, password });
      // The account exists now: sign in with what was just chosen, and show it.
      await signIn(account.email, password);
      navigate('/account?welcome=1');
    } catch (error) {
      const found = problemOf(error);
      setProblem(found);
      setOffline(!found);
      setAttempt((count) => count + 1);
    } finally {
      setIsSending(false);
    }
  };

  if (!token) {
    return (
      <div className="narrow-page">
        <h1>
          <FormattedMessage id="invitation.title" />
        </h1>
        <div className="notice notice--error" role="alert">
          <p className="notice__title">
            <FormattedMessage id="invitation.noToken" />
          </p>
        </div>
      </div>
    );
  }

  const { byField, other } = splitFieldErrors(problem, fields, intl);
  const labels = {
    '/displayName': intl.formatMessage({ id: 'invitation.displayName' }),
    '/password': intl.formatMessage({ id: 'form.newPassword' }),
  };
  const linkIsBad =
    problem?.status === 404 ||
    problem?.status === 410 ||
    Boolean(problem?.errors?.some((error) => error.pointer === '/token'));

  if (linkIsBad) {
    // Used, withdrawn or expired: the server says which, once, in the reader's language; no form
    // is left to fill in, and signing in is the way on.
    return (
      <div className="narrow-page">
        <h1>
          <FormattedMessage id="invitation.title" />
        </h1>
        <div className="notice notice--error" role="alert">
          <p
            className="notice__title"
            lang={problem?.detail ? problemLanguage(problem) : undefined}
          >
            {problem?.detail ?? <FormattedMessage id="invitation.badLink" />}
          </p>
          <p>
            <Link href="/sign-in">
              <FormattedMessage id="app.signIn" />
            </Link>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="narrow-page">
      <h1>
        <FormattedMessage id="invitation.title" />
      </h1>
      <p className="lead">
        <FormattedMessage id="invitation.intro" />
      </p>
      {problem || offline ? (
        <ErrorSummary
          key={attempt}
          title={
            offline ? (
              <FormattedMessage id="form.offline" />
            ) : (
              <FormattedMessage id="form.fixErrors" />
            )
          }
          fieldErrors={fields.flatMap((pointer) =>
            byField[pointer]
              ? [
                  {
                    id: `invitation${pointer.replace('/', '-')}`,
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
          id="invitation-displayName"
          label={labels['/displayName']}
          hint={<FormattedMessage id="invitation.displayNameHint" />}
          autoComplete="name"
          required
          maxLength={200}
          value={displayName}
          onValueChange={setDisplayName}
          error={byField['/displayName']}
        />
        <TextField
          id="invitation-password"
          label={labels['/password']}
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
          <FormattedMessage id="invitation.submit" />
        </button>
      </form>
      <p>
        <Link href="/sign-in">
          <FormattedMessage id="invitation.haveAccount" />
        </Link>
      </p>
    </div>
  );
}
