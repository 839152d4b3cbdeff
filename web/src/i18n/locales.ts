import en from './en.json';

export const locales = ['en', 'fr', 'es', 'hi'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** Each language named in itself, so a reader finds theirs whatever the page is in now. */
export const localeNames: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  hi: 'हिन्दी',
};

export type MessageId = keyof typeof en;
export type Messages = Record<MessageId, string>;

const storageKey = 'intercoop.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The first supported language among the reader's preferences ("hi-IN" counts as "hi"). */
export function matchLocale(preferences: readonly string[]): Locale {
  for (const preference of preferences) {
    const language = preference.toLowerCase().split('-')[0];
    if (isLocale(language)) return language;
  }
  return defaultLocale;
}

export function resolveInitialLocale(): Locale {
  const stored = readStoredLocale();
  if (stored) return stored;
  const preferences =
    navigator.languages && navigator.languages.length > 0
      ? navigator.languages
      : [navigator.language];
  return matchLocale(preferences);
}

// Storage can throw (private mode, blocked cookies): the choice is then kept for the visit only.
function readStoredLocale(): Locale | null {
  try {
    const value = localStorage.getItem(storageKey);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Not fatal: see readStoredLocale.
  }
}

/**
 * English ships in the first bundle as the fallback; the other catalogues are separate chunks
 * fetched only by those who read them.
 */
export async function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case 'en':
      return en;
    case 'fr':
      return (await import('./fr.json')).default;
    case 'es':
      return (await import('./es.json')).default;
    case 'hi':
      return (await import('./hi.json')).default;
  }
}
