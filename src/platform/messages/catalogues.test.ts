// Every server catalogue (the platform's and each module's `messages/` folder) in every shipped
// language: the same keys and placeholders as English, ICU that parses, plurals with the CLDR
// categories of the language, real translations, and Hindi in Devanagari.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MessageFormatElement, parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { placeholders, pluralProblems } from '../../../test/icu-checks.ts';
import { platformFieldErrorCodes } from '../field-errors.ts';
import { readCatalogueFolder, sourceLanguage } from './catalogue.ts';
import { shippedLanguages } from './platform-messages.ts';

const source = fileURLToPath(new URL('../../', import.meta.url));

/** Every folder named `messages` under src/ with an English file: the catalogues that ship. */
function catalogueFolders(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return [];
    const full = path.join(folder, entry.name);
    const here =
      entry.name === 'messages' && fs.existsSync(path.join(full, `${sourceLanguage}.json`));
    return [...(here ? [full] : []), ...catalogueFolders(full)];
  });
}

const folders = catalogueFolders(source);
const catalogues = folders.map((folder) => ({
  name: path.relative(source, folder),
  files: readCatalogueFolder(new URL(`file://${folder}/`)),
}));
// Server messages have no rich-text tags: `<token>` is text.
const parseMessage = (message: string) => parse(message, { ignoreTag: true });

it('finds the catalogues of the platform and of each module', () => {
  expect(catalogues.map((catalogue) => catalogue.name).sort()).toEqual(
    expect.arrayContaining([
      'demo/messages',
      'modules/accounts/messages',
      'modules/network/messages',
      'platform/messages',
    ]),
  );
  expect(shippedLanguages).toEqual(expect.arrayContaining(['en', 'fr', 'es', 'hi']));
});

describe.each(catalogues)('the catalogue in $name', ({ files }) => {
  const english = files.get(sourceLanguage) ?? {};

  it('has a file for every shipped language, and for no other', () => {
    expect([...files.keys()].sort()).toEqual([...shippedLanguages].sort());
  });

  it('has English messages that parse as ICU MessageFormat, with plurals English has', () => {
    for (const [key, message] of Object.entries(english)) {
      expect(pluralProblems(parseMessage(message), sourceLanguage), key).toEqual([]);
    }
  });

  describe.each(shippedLanguages.filter((language) => language !== sourceLanguage))(
    'in %s',
    (language) => {
      const translated = files.get(language) ?? {};

      it('has exactly the keys of English', () => {
        expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
      });

      it('has messages that parse, with the placeholders of English and plurals of the language', () => {
        for (const [key, englishMessage] of Object.entries(english)) {
          let elements: MessageFormatElement[] = [];
          expect(() => {
            elements = parseMessage(translated[key] ?? '');
          }, `${language} ${key}`).not.toThrow();
          expect([...placeholders(elements)].sort(), `${language} ${key}`).toEqual(
            [...placeholders(parseMessage(englishMessage))].sort(),
          );
          expect(pluralProblems(elements, language), `${language} ${key}`).toEqual([]);
        }
      });

      it('is translated: no message is the English text, empty or marked as to be done', () => {
        // Upper case only: Spanish "todo" is a word, and "Método" holds it.
        const marker = /\b(TODO|FIXME|XXX|TBD)\b|untranslated|translate me|\[(?:en|EN)\]|^\s*$/;
        const untranslated = Object.keys(english).filter(
          (key) => translated[key] === english[key] || marker.test(translated[key] ?? ''),
        );
        expect(untranslated).toEqual([]);
      });
    },
  );

  it('words every Hindi message in Devanagari', () => {
    const devanagari = /[\u0900-\u097F]/;
    const hindi = files.get('hi') ?? {};
    expect(Object.keys(hindi).filter((key) => !devanagari.test(hindi[key] ?? ''))).toEqual([]);
  });
});

it('words every field error code in the platform catalogue', () => {
  const platform = catalogues.find((catalogue) => catalogue.name === 'platform/messages');
  const keys = Object.keys(platform?.files.get(sourceLanguage) ?? {});
  expect(platformFieldErrorCodes.filter((code) => !keys.includes(`field.${code}`))).toEqual([]);
});
