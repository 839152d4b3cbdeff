import { useEffect } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../i18n/locales.ts';

/** Sets the tab's title, "<page> · Intercoop", in the reader's language. */
export function useDocumentTitle(id: MessageId, values?: Record<string, string>) {
  const intl = useIntl();
  const title = intl.formatMessage({ id }, values);
  useEffect(() => {
    document.title = intl.formatMessage({ id: 'app.documentTitle' }, { page: title });
  }, [intl, title]);
}
