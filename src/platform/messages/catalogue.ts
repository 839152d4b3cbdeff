// Server messages: problem details, field errors, mail (and later SMS and USSD texts) worded in
// the reader's language from ICU MessageFormat catalogues, one JSON file per language in a
// `messages/` folder: the platform's here, and each module's beside its code (defineCatalogue).
// English is the source: its file names every key, and a language that lacks a key (or one whose
// text cannot be formatted) falls back to the English text rather than fail the request.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';

/** The language every catalogue is written in first, and the fallback of the others. */
export const sourceLanguage = 'en';

/** A value a message puts in a placeholder: numbers for plurals, messages worded in the same language. */
export type MessageValue = string | number | Date | Message;
export type MessageParams = Readonly<Record<string, MessageValue>>;

/**
 * Something to say, worded only when the language of its reader is known (when a response or a
 * mail is sent). `key` and `params` say what it is, for tests and logs.
 */
export type Message = {
  readonly key: string;
  readonly params: MessageParams;
  readonly word: (language: string) => string;
};

export type Catalogue<Key extends string> = {
  /** Names the catalogue in errors: `platform`, or the module's name. */
  readonly name: string;
  /** The languages it has a file for. */
  readonly languages: readonly string[];
  /** The message `key` with its params, to be worded later in its reader's language. */
  message(key: Key, params?: MessageParams): Message;
  /** The message `key` worded in `language` now. */
  format(language: string, key: Key, params?: MessageParams): string;
  /** Whether the English file, which every other follows, has `key`. */
  has(key: string): key is Key;
};

const catalogueFile = /^([a-z]{2})\.json$/;

/** The language files of a catalogue folder, by language. */
export function readCatalogueFolder(folder: URL): Map<string, Record<string, string>> {
  const path = fileURLToPath(folder);
  const files = new Map<string, Record<string, string>>();
  for (const name of fs.readdirSync(path).sort()) {
    const language = catalogueFile.exec(name)?.[1];
    if (!language) continue;
    const content: unknown = JSON.parse(fs.readFileSync(`${path}/${name}`, 'utf8'));
    if (typeof content !== 'object' || content === null || Array.isArray(content))
      throw new Error(`${path}/${name} must be a JSON object of message keys and texts`);
    files.set(language, content as Record<string, string>);
  }
  if (!files.has(sourceLanguage))
    throw new Error(`${path} has no ${sourceLanguage}.json, the catalogue every other follows`);
  return files;
}

/** Words `message` in `language`. */
export function wordMessage(language: string, message: Message): string {
  return message.word(language);
}

/**
 * The catalogue in `folder` (a URL such as `new URL('./messages/', import.meta.url)`), read once.
 * `Key` is the keys of its English file: `keyof typeof import('./messages/en.json')`.
 */
export function defineCatalogue<Key extends string>(name: string, folder: URL): Catalogue<Key> {
  const files = readCatalogueFolder(folder);
  const compiled = new Map<string, IntlMessageFormat>();

  const compile = (language: string, key: string): IntlMessageFormat | undefined => {
    const cacheKey = `${language}\u0000${key}`;
    const known = compiled.get(cacheKey);
    if (known) return known;
    const text = files.get(language)?.[key];
    if (text === undefined) return undefined;
    // Server messages have no rich-text tags, so `<token>` is plain text.
    const format = new IntlMessageFormat(text, language, undefined, { ignoreTag: true });
    compiled.set(cacheKey, format);
    return format;
  };

  const format = (language: string, key: Key, params: MessageParams = {}): string => {
    const values: Record<string, string | number | Date> = {};
    for (const [name, value] of Object.entries(params)) {
      values[name] = typeof value === 'object' && 'word' in value ? value.word(language) : value;
    }
    if (language !== sourceLanguage) {
      try {
        const translated = compile(language, key)?.format(values);
        if (typeof translated === 'string') return translated;
      } catch {
        // A translation that does not format (a placeholder it lacks): the English text instead.
      }
      return format(sourceLanguage, key, params);
    }
    const english = compile(sourceLanguage, key);
    if (!english) throw new Error(`the ${name} catalogue has no message ${key}`);
    return String(english.format(values));
  };

  return {
    name,
    languages: [...files.keys()],
    message: (key, params = {}) => ({
      key,
      params,
      word: (language) => format(language, key, params),
    }),
    format,
    has: (key): key is Key => Object.hasOwn(files.get(sourceLanguage) ?? {}, key),
  };
}

/** A code as an ICU select option, which is a plain word: `technical-partner` is `technicalPartner`. */
export function selectorOf(code: string): string {
  return code.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** A list worded in the reader's language: "GET or POST", « GET ou POST ». */
export function listMessage(
  items: readonly string[],
  type: 'conjunction' | 'disjunction',
): Message {
  return {
    key: `list.${type}`,
    params: Object.fromEntries(items.map((item, index) => [String(index), item])),
    word: (language) => new Intl.ListFormat(language, { type }).format(items),
  };
}
