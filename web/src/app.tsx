import { lazy, Suspense, useEffect, useRef } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, Route, Switch, useLocation } from 'wouter';
import { LanguageSwitcher } from './components/language-switcher.tsx';
import { useSession } from './session/session-provider.tsx';

// One chunk per route, so a page's code is fetched only when someone opens it.
const DirectoryPage = lazy(() =>
  import('./pages/directory-page.tsx').then((module) => ({ default: module.DirectoryPage })),
);
const OrganizationPage = lazy(() =>
  import('./pages/organization-page.tsx').then((module) => ({
    default: module.OrganizationPage,
  })),
);
const SignInPage = lazy(() =>
  import('./pages/sign-in-page.tsx').then((module) => ({ default: module.SignInPage })),
);
const AcceptInvitationPage = lazy(() =>
  import('./pages/accept-invitation-page.tsx').then((module) => ({
    default: module.AcceptInvitationPage,
  })),
);
const PasswordResetPage = lazy(() =>
  import('./pages/password-reset-page.tsx').then((module) => ({
    default: module.PasswordResetPage,
  })),
);
const AccountPage = lazy(() =>
  import('./pages/account-page.tsx').then((module) => ({ default: module.AccountPage })),
);
const NotFoundPage = lazy(() =>
  import('./pages/not-found-page.tsx').then((module) => ({ default: module.NotFoundPage })),
);

export function App() {
  const [location] = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstLocationRef = useRef(location);

  // After moving to another page, focus goes to its main region, so a screen reader starts
  // reading the new page and Tab continues from there (not from the link that was followed).
  useEffect(() => {
    if (location === firstLocationRef.current) return;
    firstLocationRef.current = '';
    mainRef.current?.focus();
  }, [location]);

  return (
    <>
      <a className="skip-link" href="#main">
        <FormattedMessage id="app.skipLink" />
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link href="/" className="brand">
            Intercoop
          </Link>
          <nav className="site-nav">
            <AccountLinks />
            <LanguageSwitcher />
          </nav>
        </div>
      </header>
      {/* tabIndex lets the skip link move keyboard focus, not only the scroll position. */}
      <main id="main" ref={mainRef} className="site-main" tabIndex={-1}>
        <Suspense
          fallback={
            <p role="status">
              <FormattedMessage id="app.loadingPage" />
            </p>
          }
        >
          <Switch>
            <Route path="/" component={DirectoryPage} />
            <Route path="/organizations/:id">
              {(params) => <OrganizationPage id={params.id} />}
            </Route>
            <Route path="/sign-in" component={SignInPage} />
            <Route path="/invitations/accept" component={AcceptInvitationPage} />
            <Route path="/password-reset" component={PasswordResetPage} />
            <Route path="/account" component={AccountPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          <FormattedMessage id="app.footer" />
        </p>
      </footer>
    </>
  );
}

function AccountLinks() {
  const { status, me } = useSession();
  const [location] = useLocation();
  if (status === 'unknown') return null;
  if (me) {
    return (
      <Link href="/account" className="site-nav__link">
        <FormattedMessage id="app.myAccount" />
      </Link>
    );
  }
  const next = location === '/sign-in' ? '' : `?next=${encodeURIComponent(location)}`;
  return (
    <Link href={`/sign-in${next}`} className="site-nav__link">
      <FormattedMessage id="app.signIn" />
    </Link>
  );
}
