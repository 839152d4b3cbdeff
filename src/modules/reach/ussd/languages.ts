// The languages a phone may choose, each named in itself (English, Français, Español, हिन्दी),
// a page at a time: five fit on a screen, or four and `>>` for the next page.
import type { Message } from '../../../platform/messages/catalogue.ts';
import { shippedLanguages } from '../../../platform/messages/platform-messages.ts';

/** Text that is the same in every language (a language's own name, `>>`). */
export function literal(text: string): Message {
  return { key: 'literal', params: { text }, word: () => text };
}

export function ownName(language: string): string {
  const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

export type LanguagePage = {
  /** The languages of the page, in the order shown (option 1 first). */
  languages: string[];
  /** Whether `>>` after them leads to the next page. */
  more: boolean;
};

export function languagePage(page: number, languages: readonly string[] = shippedLanguages) {
  let start = 0;
  for (let index = 0; index < page; index++) {
    const rest = languages.length - start;
    if (rest <= 5) break;
    start += 4;
  }
  const rest = languages.slice(start);
  return rest.length <= 5
    ? { languages: rest, more: false }
    : { languages: rest.slice(0, 4), more: true };
}

export const morePages = literal('>>');
