// The platform's own catalogue (problem titles and details, access, field errors), and the
// languages this instance ships: those the platform's catalogue has a file for. Shipping a
// language is adding its `<lang>.json` here and beside every module's catalogue.
import { defineCatalogue, sourceLanguage } from './catalogue.ts';

export type PlatformMessageKey = keyof typeof import('./en.json');

export const platformMessages = defineCatalogue<PlatformMessageKey>(
  'platform',
  new URL('./', import.meta.url),
);
export const platformMessage = platformMessages.message;

/** ISO 639-1 codes, the source language first. */
export const shippedLanguages: readonly string[] = [
  sourceLanguage,
  ...platformMessages.languages.filter((language) => language !== sourceLanguage),
];

export function isShippedLanguage(value: unknown): value is string {
  return typeof value === 'string' && shippedLanguages.includes(value);
}
