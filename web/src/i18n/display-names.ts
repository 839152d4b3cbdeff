import { useMemo } from 'react';
import { useIntl } from 'react-intl';

function namer(locale: string, type: 'region' | 'language'): (code: string) => string {
  const names = new Intl.DisplayNames([locale], { type, fallback: 'code' });
  return (code: string) => {
    try {
      return names.of(code) ?? code;
    } catch {
      // A malformed code from the server: show it as it came rather than break the page.
      return code;
    }
  };
}

/** Country names in the reader's language, from the browser: no name lists are shipped. */
export function useCountryNames(): (code: string) => string {
  const { locale } = useIntl();
  return useMemo(() => namer(locale, 'region'), [locale]);
}

/** Language names in the reader's language. */
export function useLanguageNames(): (code: string) => string {
  const { locale } = useIntl();
  return useMemo(() => namer(locale, 'language'), [locale]);
}
