// The command words an SMS may start with, in every shipped language: STOP and its equivalents
// end messages to the number, START brings them back, HELP says where to look. A word of any
// language counts whatever the number's language, and the answer is in the language of the word
// (English where several languages share it). Words are compared folded: upper case, Latin
// accents dropped (ARRÊT is ARRET); Devanagari is compared as written.
import { shippedLanguages } from '../../../../platform/messages/platform-messages.ts';

export type SmsCommand = 'stop' | 'start' | 'help';

const words: Record<string, Record<SmsCommand, readonly string[]>> = {
  // The words carriers and providers treat as opt-out and opt-in (CTIA's list, which Twilio
  // applies too): a member who learnt them elsewhere is understood here.
  en: {
    stop: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT'],
    start: ['START', 'UNSTOP', 'SUBSCRIBE'],
    help: ['HELP', 'INFO'],
  },
  fr: {
    stop: ['ARRET', 'ARRETER', 'DESABONNER'],
    start: ['DEMARRER', 'REPRENDRE'],
    help: ['AIDE'],
  },
  es: {
    stop: ['BAJA', 'PARAR', 'ALTO', 'DETENER'],
    start: ['ALTA', 'INICIAR', 'EMPEZAR'],
    help: ['AYUDA'],
  },
  hi: { stop: ['बंद', 'रोकें', 'रोको'], start: ['शुरू', 'चालू'], help: ['मदद', 'सहायता'] },
};

/** Upper case, Latin diacritics dropped, trailing punctuation off. */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toUpperCase()
    .replace(/[.!?,;:।]+$/u, '');
}

const byWord = new Map<string, { command: SmsCommand; language: string }>();
for (const language of ['en', ...shippedLanguages.filter((code) => code !== 'en')]) {
  for (const [command, list] of Object.entries(words[language] ?? {}) as [SmsCommand, string[]][]) {
    for (const word of list) {
      const folded = foldWord(word);
      if (!byWord.has(folded)) byWord.set(folded, { command, language });
    }
  }
}

/** The languages that have command words (a test checks every shipped language has them). */
export const keywordLanguages = Object.keys(words);

export type ReadCommand = {
  /** The first word, folded and cut to 40 characters, as recorded. */
  keyword: string;
  command: SmsCommand | undefined;
  /** The language of the word, when it is a command. */
  language: string | undefined;
};

/** The command an SMS's text starts with, if any. */
export function readCommand(text: string): ReadCommand {
  const first = text.trim().split(/\s+/u, 1)[0] ?? '';
  // By code points, so that a cut never leaves half a surrogate pair.
  const keyword = Array.from(foldWord(Array.from(first).slice(0, 80).join('')))
    .slice(0, 40)
    .join('');
  const found = byWord.get(keyword);
  return { keyword, command: found?.command, language: found?.language };
}
