import { lazy, Suspense, useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, Route, Switch, useLocation } from 'wouter';
import { LanguageSwitcher } from './components/language-switcher.tsx';
import type { MessageId } from './i18n/locales.ts';
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
const GraphPage = lazy(() =>
  import('./pages/graph/graph-page.tsx').then((module) => ({ default: module.GraphPage })),
);
const IntroductionsPage = lazy(() =>
  import('./pages/graph/introductions-page.tsx').then((module) => ({
    default: module.IntroductionsPage,
  })),
);
const NewOrganizationPage = lazy(() =>
  import('./pages/organizations/new-organization-page.tsx').then((module) => ({
    default: module.NewOrganizationPage,
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
const BoardPage = lazy(() =>
  import('./pages/intents/board-page.tsx').then((module) => ({ default: module.BoardPage })),
);
const IntentPage = lazy(() =>
  import('./pages/intents/intent-page.tsx').then((module) => ({ default: module.IntentPage })),
);
const NewIntentPage = lazy(() =>
  import('./pages/intents/intent-form-page.tsx').then((module) => ({
    default: module.NewIntentPage,
  })),
);
const EditIntentPage = lazy(() =>
  import('./pages/intents/intent-form-page.tsx').then((module) => ({
    default: module.EditIntentPage,
  })),
);
const ProjectsPage = lazy(() =>
  import('./pages/projects/projects-page.tsx').then((module) => ({ default: module.ProjectsPage })),
);
const ProjectPage = lazy(() =>
  import('./pages/projects/project-page.tsx').then((module) => ({ default: module.ProjectPage })),
);
const NewProjectPage = lazy(() =>
  import('./pages/projects/project-form-page.tsx').then((module) => ({
    default: module.NewProjectPage,
  })),
);
const EditProjectPage = lazy(() =>
  import('./pages/projects/project-form-page.tsx').then((module) => ({
    default: module.EditProjectPage,
  })),
);
const StatisticsPage = lazy(() =>
  import('./pages/statistics/statistics-page.tsx').then((module) => ({
    default: module.StatisticsPage,
  })),
);
const AdminPage = lazy(() =>
  import('./pages/admin/admin-page.tsx').then((module) => ({ default: module.AdminPage })),
);
const NotFoundPage = lazy(() =>
  import('./pages/not-found-page.tsx').then((module) => ({ default: module.NotFoundPage })),
);

/** The app's sections, in the order of the main navigation. */
const sections = [
  { href: '/', label: 'app.nav.directory' },
  { href: '/projects', label: 'app.nav.projects' },
  { href: '/offers-and-needs', label: 'app.nav.offersAndNeeds' },
  { href: '/statistics', label: 'app.nav.statistics' },
] as const satisfies readonly { href: string; label: MessageId }[];

/** A section is current on its own page and on the pages under it ('/' only on itself). */
function isCurrent(href: string, location: string): boolean {
  if (href === '/') return location === '/' || location.startsWith('/organizations');
  return location === href || location.startsWith(`${href}/`);
}

/** Administration is offered to those who administer the network or an organization. */
function AdministrationLink({ location }: { location: string }) {
  const { me } = useSession();
  const administers = me?.grants.some(
    (grant) => grant.role === 'network-admin' || grant.role === 'organization-admin',
  );
  if (!administers) return null;
  return (
    <li>
      <Link
        href="/admin"
        className="main-nav__link"
        aria-current={isCurrent('/admin', location) ? 'page' : undefined}
      >
        <FormattedMessage id="app.nav.administration" />
      </Link>
    </li>
  );
}

export function App() {
  const intl = useIntl();
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
          <nav className="site-nav" aria-label={intl.formatMessage({ id: 'app.accountNav' })}>
            <AccountLinks />
            <LanguageSwitcher />
          </nav>
        </div>
        <nav className="main-nav" aria-label={intl.formatMessage({ id: 'app.mainNav' })}>
          <ul className="main-nav__list">
            {sections.map((section) => (
              <li key={section.href}>
                <Link
                  href={section.href}
                  className="main-nav__link"
                  aria-current={isCurrent(section.href, location) ? 'page' : undefined}
                >
                  <FormattedMessage id={section.label} />
                </Link>
              </li>
            ))}
            <AdministrationLink location={location} />
          </ul>
        </nav>
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
            <Route path="/organizations/:id/graph">
              {(params) => <GraphPage id={params.id} />}
            </Route>
            <Route path="/introductions" component={IntroductionsPage} />
            <Route path="/organizations/new" component={NewOrganizationPage} />
            <Route path="/organizations/:id">
              {(params) => <OrganizationPage id={params.id} />}
            </Route>
            <Route path="/offers-and-needs" component={BoardPage} />
            <Route path="/offers-and-needs/new" component={NewIntentPage} />
            <Route path="/offers-and-needs/:id/edit">
              {(params) => <EditIntentPage id={params.id} />}
            </Route>
            <Route path="/offers-and-needs/:id">{(params) => <IntentPage id={params.id} />}</Route>
            <Route path="/sign-in" component={SignInPage} />
            <Route path="/invitations/accept" component={AcceptInvitationPage} />
            <Route path="/password-reset" component={PasswordResetPage} />
            <Route path="/account" component={AccountPage} />
            <Route path="/projects" component={ProjectsPage} />
            <Route path="/projects/new" component={NewProjectPage} />
            <Route path="/projects/:id/edit">
              {(params) => <EditProjectPage id={params.id} />}
            </Route>
            <Route path="/projects/:id">{(params) => <ProjectPage id={params.id} />}</Route>
            <Route path="/statistics" component={StatisticsPage} />
            <Route path="/admin/:tab?">{(params) => <AdminPage tab={params.tab} />}</Route>
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
