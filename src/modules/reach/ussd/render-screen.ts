// A screen worded as one USSD reply: `CON ` (the phone waits for a reply) or `END `, the reason
// a reply was refused, the screen's lines, its numbered options, and the way back. Texts from
// records (names, titles) are shortened so that the whole reply fits (screen-text.ts); the
// catalogue's words are never cut: a screen whose own words overflow fails the menus' test.

import type { ScreenText, ScreenView } from '../../../platform/menus.ts';
import type { Message } from '../../../platform/messages/catalogue.ts';
import { isGsm7, measureReply, shortenTo } from './screen-text.ts';

export const maxOptions = 5;

export type RenderOptions = {
  language: string;
  /** Why the last reply was refused, said first. */
  refusal?: Message;
  /** The way back (`0`) and to the main menu (`00`), as a last line. */
  navigation?: Message;
};

type Part = { fixed: string } | { record: string; prefix: string };

// Typographic marks that have a plain GSM-7 equivalent: a curly apostrophe in a name would
// otherwise make the whole reply UCS-2, and its room 80 characters instead of 182.
const plainEquivalents: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
};
const plainer = (text: string) =>
  text.replace(
    /[\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0]/g,
    (mark) => plainEquivalents[mark] ?? mark,
  );

/**
 * A record's text is never cut shorter than this: a screen whose words leave less fails the test.
 * The worst case sets it: a title in Devanagari (so 80 characters) on a Spanish or French screen.
 */
export const minimumRecordUnits = 6;

export function renderScreen(view: ScreenView, options: RenderOptions): string {
  return layOutScreen(view, options).text;
}

/** The reply, and the fewest units a record's text was given (Infinity when none was cut). */
export function layOutScreen(
  view: ScreenView,
  options: RenderOptions,
): { text: string; shortestCut: number } {
  const { language } = options;
  const options_ = view.options ?? [];
  if (options_.length > maxOptions)
    throw new Error(`a screen shows at most ${maxOptions} options, not ${options_.length}`);
  const word = (text: ScreenText, prefix = ''): Part =>
    'record' in text
      ? {
          record: text.record,
          prefix: prefix + (text.label ? `${text.label.word(language)} ` : ''),
        }
      : { fixed: prefix + text.word(language) };
  const parts: Part[] = [
    ...(options.refusal ? [{ fixed: options.refusal.word(language) }] : []),
    ...view.lines.map((line) => word(line)),
    ...options_.map((option, index) => word(option.label, `${index + 1} `)),
    ...(options.navigation && !view.end ? [{ fixed: options.navigation.word(language) }] : []),
  ];
  const head = view.end ? 'END ' : 'CON ';
  const whole = (shown: string[]) => head + shown.join('\n');
  for (const part of parts) {
    if ('fixed' in part) part.fixed = plainer(part.fixed);
    else {
      part.record = plainer(part.record);
      part.prefix = plainer(part.prefix);
    }
  }
  const full = parts.map((part) => ('fixed' in part ? part.fixed : part.prefix + part.record));
  const measure = measureReply(whole(full));
  if (measure.units <= measure.limit)
    return { text: whole(full), shortestCut: Number.POSITIVE_INFINITY };
  // Too long: records share what the catalogue's words leave, the shortest taking only what
  // they need (so a short name leaves its room to a long title).
  const encoding = isGsm7(whole(full)) ? 'GSM-7' : 'UCS-2';
  const size = (text: string) => (encoding === 'UCS-2' ? text.length : measureReply(text).units);
  const fixedUnits = size(whole(parts.map((part) => ('fixed' in part ? part.fixed : part.prefix))));
  const records = parts
    .map((part, index) => ({ part, index }))
    .filter(
      (entry): entry is { part: { record: string; prefix: string }; index: number } =>
        'record' in entry.part,
    )
    .sort((a, b) => size(a.part.record) - size(b.part.record));
  let room = measure.limit - fixedUnits;
  let shortestCut = Number.POSITIVE_INFINITY;
  const shown = [...full];
  records.forEach(({ part, index }, position) => {
    const share = Math.max(0, Math.floor(room / (records.length - position)));
    const text = shortenTo(part.record, share, encoding);
    if (text !== part.record) shortestCut = Math.min(shortestCut, share);
    room -= size(text);
    shown[index] = part.prefix + text;
  });
  return { text: whole(shown), shortestCut };
}
