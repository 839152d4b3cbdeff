import { type MessageFormatElement, parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { placeholders, pluralProblems } from '../../../test/icu-checks.ts';
import { catalogueAreas, locales } from './locales.ts';

type Catalogue = Record<string, string>;

// Every part of every catalogue: the shell's `./<lang>.json` and each area's
// `./areas/<area>/<lang>.json`.
const files = import.meta.glob<Catalogue>(['./*.json', './areas/*/*.json'], {
  eager: true,
  import: 'default',
});

function part(locale: string, area: string | null): Catalogue {
  const catalogue = files[area ? `./areas/${area}/${locale}.json` : `./${locale}.json`];
  if (!catalogue) throw new Error(`no catalogue part ${area ?? 'shell'} for ${locale}`);
  return catalogue;
}

const parts = [null, ...catalogueAreas];

function whole(locale: string): Catalogue {
  return Object.assign({}, ...parts.map((area) => part(locale, area)));
}

const english = whole('en');
const hi = whole('hi');
const translations: Record<string, Catalogue> = { fr: whole('fr'), es: whole('es'), hi };

describe('the parts of the catalogue', () => {
  it('are the ones the app loads: one folder per area, one file per language', () => {
    const expected = [
      ...locales.map((locale) => `./${locale}.json`),
      ...catalogueAreas.flatMap((area) =>
        locales.map((locale) => `./areas/${area}/${locale}.json`),
      ),
    ];
    expect(Object.keys(files).sort()).toEqual(expected.sort());
  });

  it('never give one message id in two parts', () => {
    const owner = new Map<string, string>();
    for (const area of parts) {
      for (const id of Object.keys(part('en', area))) {
        expect(
          owner.get(id),
          `${id} is in ${owner.get(id)} and ${area ?? 'shell'}`,
        ).toBeUndefined();
        owner.set(id, area ?? 'shell');
      }
    }
  });

  it.each(parts.map((area) => [area ?? 'shell', area] as const))(
    'give the %s part the same ids in every language',
    (_name, area) => {
      const ids = Object.keys(part('en', area)).sort();
      for (const locale of locales) expect(Object.keys(part(locale, area)).sort()).toEqual(ids);
    },
  );
});

describe('the English catalogue', () => {
  it('has only messages that parse as ICU MessageFormat', () => {
    for (const [id, message] of Object.entries(english)) {
      expect(() => parse(message), id).not.toThrow();
    }
  });
});

describe.each(Object.entries(translations))('the %s catalogue', (locale, catalogue) => {
  it('has exactly the keys of the English catalogue', () => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english).sort());
  });

  it('has messages that parse and use the same placeholders as English', () => {
    for (const [id, englishMessage] of Object.entries(english)) {
      const message = catalogue[id] ?? '';
      let elements: MessageFormatElement[] = [];
      expect(() => {
        elements = parse(message);
      }, `${locale} ${id}`).not.toThrow();
      expect([...placeholders(elements)].sort(), `${locale} ${id}`).toEqual(
        [...placeholders(parse(englishMessage))].sort(),
      );
    }
  });

  it("gives plurals only the categories the language has, and always 'other'", () => {
    const problems = Object.entries(catalogue).flatMap(([id, message]) =>
      pluralProblems(parse(message), locale).map((problem) => `${id}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('marks no message as untranslated or to be done', () => {
    const marker = /\b(TODO|FIXME|XXX|TBD|untranslated|translate me)\b|\[(?:en|EN)\]|^\s*$/i;
    const marked = Object.entries(catalogue).filter(([, message]) => marker.test(message));
    expect(marked.map(([id]) => id)).toEqual([]);
  });

  it('is translated: fewer than 5% of its messages equal the English', () => {
    const unchanged = Object.keys(english).filter((id) => catalogue[id] === english[id]);
    expect(unchanged.length / Object.keys(english).length, unchanged.join(', ')).toBeLessThan(0.05);
  });
});

describe('the Hindi catalogue', () => {
  it('is written in Devanagari', () => {
    const devanagari = /[\u0900-\u097F]/;
    const inDevanagari = Object.values(hi).filter((message) => devanagari.test(message));
    expect(inDevanagari.length).toBe(Object.keys(hi).length);
  });
});
