import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FormattedDate, FormattedMessage, FormattedTime } from 'react-intl';
import { Link, useLocation, useSearchParams } from 'wouter';
import { endSession, sessionsQuery } from '../api/auth.ts';
import { isLocale, localeNames } from '../i18n/locales.ts';
import { useSession } from '../session/session-provider.tsx';
import { roleMessageId } from '../vocabulary.ts';
import { useOrganizationNames } from './admin/use-organization-names.ts';
import { useDocumentTitle } from './use-document-title.ts';

export function AccountPage() {
  useDocumentTitle('account.title');
  const { status, me, signOut } = useSession();
  const [, navigate] = useLocation();
  const [searchParams] = useSearchParams();
  const [failed, setFailed] = useState(false);
  const queryClient = useQueryClient();
  // A 401 here (the session ended) switches the app to signed out: api/client.ts.
  const sessionsList = useQuery({ ...sessionsQuery(), enabled: status === 'signed-in' });
  const sessions = sessionsList.data ?? null;
  const ending = useMutation({
    mutationFn: endSession,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQuery().queryKey }),
    onError: () => setFailed(true),
  });
  const [isSigningOut, setIsSigningOut] = useState(false);
  // Each role is named with the organization it is held in, not only a link to it.
  const organizationNames = useOrganizationNames(
    (me?.grants ?? []).flatMap((grant) =>
      grant.scopeType === 'organization' && grant.scopeId ? [grant.scopeId] : [],
    ),
  );

  useEffect(() => {
    if (status === 'signed-out')
      navigate(`/sign-in?next=${encodeURIComponent('/account')}`, { replace: true });
  }, [status, navigate]);

  if (!me) {
    return (
      <p role="status">
        <FormattedMessage id="app.loadingPage" />
      </p>
    );
  }

  const onSignOut = async (everywhere: boolean) => {
    setIsSigningOut(true);
    try {
      await signOut(everywhere);
      navigate('/');
    } catch {
      setFailed(true);
      setIsSigningOut(false);
    }
  };

  const onEnd = (id: string) => ending.mutate(id);

  return (
    <div className="account">
      <h1>
        <FormattedMessage id="account.title" />
      </h1>
      {searchParams.get('welcome') ? (
        <div className="notice notice--success" role="status">
          <p className="notice__title">
            <FormattedMessage id="account.welcome" values={{ name: me.displayName }} />
          </p>
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>
            <FormattedMessage id="account.name" />
          </dt>
          <dd>{me.displayName}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="account.email" />
          </dt>
          <dd>{me.email}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="account.language" />
          </dt>
          <dd>
            {isLocale(me.preferredLanguage) ? (
              <span lang={me.preferredLanguage}>{localeNames[me.preferredLanguage]}</span>
            ) : (
              <FormattedMessage id="account.languageNotChosen" />
            )}
            <span className="field__hint">
              {' '}
              <FormattedMessage id="account.languageHint" />
            </span>
          </dd>
        </div>
      </dl>

      <h2>
        <FormattedMessage id="account.roles" />
      </h2>
      {me.grants.length === 0 ? (
        <p>
          <FormattedMessage id="account.noRoles" />
        </p>
      ) : (
        <ul className="plain-list">
          {me.grants.map((grant) => (
            <li key={grant.id}>
              <FormattedMessage id={roleMessageId(grant.role)} />
              {grant.scopeType === 'organization' && grant.scopeId ? (
                <>
                  {' · '}
                  <Link href={`/organizations/${grant.scopeId}`}>
                    {organizationNames[grant.scopeId] ?? (
                      <FormattedMessage id="account.openOrganization" />
                    )}
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h2>
        <FormattedMessage id="account.sessions" />
      </h2>
      {failed || sessionsList.isError ? (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">
            <FormattedMessage id="account.failed" />
          </p>
        </div>
      ) : null}
      {sessions === null ? (
        <p role="status">
          <FormattedMessage id="app.loadingPage" />
        </p>
      ) : (
        <ul className="session-list">
          {sessions.map((session) => (
            <li key={session.id} className="session">
              <p className="session__device">
                {session.current ? (
                  <strong>
                    <FormattedMessage id="account.thisDevice" />
                  </strong>
                ) : (
                  <FormattedMessage id="account.otherDevice" />
                )}
                {session.userAgent ? (
                  <span className="session__agent" lang="en">
                    {' '}
                    {shortAgent(session.userAgent)}
                  </span>
                ) : null}
              </p>
              <p className="field__hint">
                <FormattedMessage
                  id="account.lastSeen"
                  values={{
                    date: <FormattedDate value={session.lastSeenAt} dateStyle="medium" />,
                    time: <FormattedTime value={session.lastSeenAt} timeStyle="short" />,
                  }}
                />
              </p>
              {session.current ? null : (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => onEnd(session.id)}
                >
                  <FormattedMessage id="account.endSession" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={isSigningOut}
          onClick={() => onSignOut(false)}
        >
          <FormattedMessage id="account.signOut" />
        </button>
        <button
          type="button"
          className="button"
          disabled={isSigningOut}
          onClick={() => onSignOut(true)}
        >
          <FormattedMessage id="account.signOutEverywhere" />
        </button>
      </div>
    </div>
  );
}

/** "Chrome on Android" is enough to recognise a device; the full user agent is noise. */
function shortAgent(userAgent: string): string {
  const browser = /(Firefox|Edg|OPR|Chrome|Chromium|Safari)\/[\d.]+/.exec(userAgent)?.[1] ?? '';
  const system = /(Android|iPhone|iPad|Windows|Mac OS X|Linux)/.exec(userAgent)?.[1] ?? '';
  return [browser === 'Edg' ? 'Edge' : browser, system].filter(Boolean).join(' · ');
}
