import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defineCatalogue, listMessage } from './catalogue.ts';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-'));
fs.writeFileSync(
  path.join(folder, 'en.json'),
  JSON.stringify({
    greeting: 'Hello {name}.',
    count: '{count, plural, one {# tie} other {# ties}}',
    only: 'Only in English.',
    nested: 'Refused: {reason}',
  }),
);
fs.writeFileSync(
  path.join(folder, 'fr.json'),
  JSON.stringify({
    greeting: 'Bonjour {nom}.',
    count: '{count, plural, one {# lien} other {# liens}}',
    nested: 'Refusé : {reason}',
  }),
);
// Not a catalogue file: ignored.
fs.writeFileSync(path.join(folder, 'notes.json'), '{}');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

type Key = 'greeting' | 'count' | 'only' | 'nested';
const catalogue = defineCatalogue<Key>('test', pathToFileURL(`${folder}/`));

describe('a catalogue', () => {
  it('knows its languages from its files', () => {
    expect(catalogue.languages).toEqual(['en', 'fr']);
    expect(catalogue.has('only')).toBe(true);
    expect(catalogue.has('missing')).toBe(false);
  });

  it('words a message in the language asked for, with the plural rules of that language', () => {
    expect(catalogue.format('fr', 'count', { count: 1 })).toBe('1 lien');
    expect(catalogue.format('fr', 'count', { count: 1500 })).toBe('1\u202f500 liens');
    expect(catalogue.format('en', 'count', { count: 1500 })).toBe('1,500 ties');
  });

  it('falls back to English for a key or a language it lacks, and for a broken translation', () => {
    expect(catalogue.format('fr', 'only')).toBe('Only in English.');
    expect(catalogue.format('hi', 'greeting', { name: 'Amina' })).toBe('Hello Amina.');
    // The French text names a placeholder the caller does not give.
    expect(catalogue.format('fr', 'greeting', { name: 'Amina' })).toBe('Hello Amina.');
  });

  it('keeps a message to word later, nested messages in the same language', () => {
    const message = catalogue.message('nested', { reason: listMessage(['a', 'b'], 'disjunction') });
    expect(message.key).toBe('nested');
    expect(message.word('en')).toBe('Refused: a or b');
    expect(message.word('fr')).toBe('Refusé : a ou b');
  });

  it('throws for a key English lacks: a mistake in the code, not in a translation', () => {
    expect(() => catalogue.format('en', 'missing' as Key)).toThrow(/no message missing/);
  });
});
