import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';

export function NotFoundPage() {
  const intl = useIntl();
  useEffect(() => {
    document.title = intl.formatMessage({ id: 'notFound.documentTitle' });
  }, [intl]);
  return (
    <div className="not-found">
      <h1>
        <FormattedMessage id="notFound.title" />
      </h1>
      <p>
        <FormattedMessage id="notFound.body" />
      </p>
      <p>
        <Link href="/">
          <FormattedMessage id="notFound.home" />
        </Link>
      </p>
    </div>
  );
}
