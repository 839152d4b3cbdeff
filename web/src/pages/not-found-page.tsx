import { FormattedMessage } from 'react-intl';
import { Link } from 'wouter';
import { useDocumentTitle } from './use-document-title.ts';

export function NotFoundPage() {
  useDocumentTitle('notFound.documentTitle');
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
