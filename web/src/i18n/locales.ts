import adminEn from './areas/admin/en.json';
import graphEn from './areas/graph/en.json';
import intentsEn from './areas/intents/en.json';
import organizationsEn from './areas/organizations/en.json';
import projectsEn from './areas/projects/en.json';
import statisticsEn from './areas/statistics/en.json';
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

/**
 * The catalogue is kept in parts: the shell's messages in `./<lang>.json`, and each area of the
 * app (projects, administration…) in `./areas/<area>/<lang>.json`, so each part stays readable.
 * The parts are merged here; a test checks that no message id is in two parts.
 */
export const english = {
  ...en,
  ...organizationsEn,
  ...graphEn,
  ...projectsEn,
  ...intentsEn,
  ...statisticsEn,
  ...adminEn,
};

export type MessageId = keyof typeof english;
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

/** The names of the catalogue's parts besides the shell's, one folder each under ./areas. */
export const catalogueAreas = [
  'organizations',
  'graph',
  'projects',
  'intents',
  'statistics',
  'admin',
] as const;

type Part = { default: Record<string, string> };

function merge(parts: Part[]): Messages {
  return Object.assign({}, ...parts.map((part) => part.default)) as Messages;
}

/**
 * English ships in the first bundle as the fallback; the other catalogues are separate chunks
 * fetched only by those who read them (each language's parts are fetched together).
 */
export async function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case 'en':
      return english;
    case 'fr':
      return merge(
        await Promise.all([
          import('./fr.json'),
          import('./areas/organizations/fr.json'),
          import('./areas/graph/fr.json'),
          import('./areas/projects/fr.json'),
          import('./areas/intents/fr.json'),
          import('./areas/statistics/fr.json'),
          import('./areas/admin/fr.json'),
        ]),
      );
    case 'es':
      return merge(
        await Promise.all([
          import('./es.json'),
          import('./areas/organizations/es.json'),
          import('./areas/graph/es.json'),
          import('./areas/projects/es.json'),
          import('./areas/intents/es.json'),
          import('./areas/statistics/es.json'),
          import('./areas/admin/es.json'),
        ]),
      );
    case 'hi':
      return merge(
        await Promise.all([
          import('./hi.json'),
          import('./areas/organizations/hi.json'),
          import('./areas/graph/hi.json'),
          import('./areas/projects/hi.json'),
          import('./areas/intents/hi.json'),
          import('./areas/statistics/hi.json'),
          import('./areas/admin/hi.json'),
        ]),
      );
  }
}
