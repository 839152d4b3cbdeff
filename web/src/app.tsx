import { lazy, Suspense } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, Route, Switch } from 'wouter';
import { LanguageSwitcher } from './components/language-switcher.tsx';

// One chunk per route, so a page's code is fetched only when someone opens it.
const DirectoryPage = lazy(() =>
  import('./pages/directory-page.tsx').then((module) => ({ default: module.DirectoryPage })),
);
const NotFoundPage = lazy(() =>
  import('./pages/not-found-page.tsx').then((module) => ({ default: module.NotFoundPage })),
);

export function App() {
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
          <LanguageSwitcher />
        </div>
      </header>
      {/* tabIndex lets the skip link move keyboard focus, not only the scroll position. */}
      <main id="main" className="site-main" tabIndex={-1}>
        <Suspense
          fallback={
            <p role="status">
              <FormattedMessage id="app.loadingPage" />
            </p>
          }
        >
          <Switch>
            <Route path="/" component={DirectoryPage} />
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
