import { useEffect } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from '../i18n/locales.ts';

/**
 * The product's name, the same in every language (it is a name, not a word to translate), so
 * it is not in the catalogues: a translator words the page, never the product.
 */
export const productName = 'Intercoop';

/** The tab's title: "<page> · Intercoop", the page worded in the reader's language. */
export function documentTitle(page: string): string {
  return `${page} · ${productName}`;
}

/** Sets the tab's title from the message `id`, in the reader's language. */
export function useDocumentTitle(id: MessageId, values?: Record<string, string>) {
  const intl = useIntl();
  const title = intl.formatMessage({ id }, values);
  useEffect(() => {
    document.title = documentTitle(title);
  }, [title]);
}
