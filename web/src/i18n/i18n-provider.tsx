import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import { IntlProvider } from 'react-intl';
import { setRequestLanguage } from '../api/http.ts';
import {
  defaultLocale,
  type Locale,
  loadMessages,
  type Messages,
  rememberLocale,
} from './locales.ts';
import './message-ids.ts';

type LocaleChoice = {
  locale: Locale;
  /** Resolves once the new catalogue is loaded and shown. */
  changeLocale: (locale: Locale) => Promise<void>;
};

const LocaleContext = createContext<LocaleChoice | null>(null);

export function useLocaleChoice(): LocaleChoice {
  const choice = useContext(LocaleContext);
  if (!choice) throw new Error('useLocaleChoice needs an <I18nProvider> above it');
  return choice;
}

type I18nProviderProps = {
  initialLocale: Locale;
  initialMessages: Messages;
  children: ReactNode;
};

export function I18nProvider({ initialLocale, initialMessages, children }: I18nProviderProps) {
  const [current, setCurrent] = useState(() => {
    // The server words its answers in the language shown, from the very first request.
    setRequestLanguage(initialLocale);
    return { locale: initialLocale, messages: initialMessages };
  });

  // The last language asked for wins, even if an earlier, slower catalogue download ends later.
  const requestedLocaleRef = useRef(initialLocale);
  const changeLocale = useCallback(async (locale: Locale) => {
    requestedLocaleRef.current = locale;
    const messages = await loadMessages(locale);
    if (requestedLocaleRef.current !== locale) return;
    rememberLocale(locale);
    setRequestLanguage(locale);
    setCurrent({ locale, messages });
  }, []);

  // Screen readers pick their voice from <html lang>; browsers pick fonts and hyphenation by it.
  useEffect(() => {
    document.documentElement.lang = current.locale;
  }, [current.locale]);

  return (
    <LocaleContext.Provider value={{ locale: current.locale, changeLocale }}>
      <IntlProvider
        locale={current.locale}
        defaultLocale={defaultLocale}
        messages={current.messages}
      >
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
