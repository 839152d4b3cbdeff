import { type ChangeEvent, useId, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useLocaleChoice } from '../i18n/i18n-provider.tsx';
import { isLocale, localeNames, locales } from '../i18n/locales.ts';
import { useOptionalSession } from '../session/session-provider.tsx';

export function LanguageSwitcher() {
  const { locale, changeLocale } = useLocaleChoice();
  const session = useOptionalSession();
  const [isLoading, setIsLoading] = useState(false);
  const selectId = useId();

  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = event.target.value;
    if (!isLocale(next)) return;
    setIsLoading(true);
    // On a failed download the page simply stays in its current language.
    changeLocale(next)
      // Signed in, the choice is kept on the account: the server's answers and mail follow it.
      .then(() =>
        session?.me && session.me.preferredLanguage !== next
          ? session.setPreferredLanguage(next)
          : undefined,
      )
      .catch(() => undefined)
      .finally(() => setIsLoading(false));
  };

  return (
    <div className="language-switcher">
      <label htmlFor={selectId}>
        <FormattedMessage id="app.language" />
      </label>
      <select id={selectId} value={locale} onChange={onChange} aria-busy={isLoading}>
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {localeNames[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
