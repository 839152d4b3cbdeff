// How long a USSD reply may be: 182 characters when every character is in the GSM 03.38 7-bit
// alphabet (a character of its extension table, such as € or [, takes two), and 80 as soon as one
// is not (Devanagari, ç, ê: the reply then goes as UCS-2, counted in UTF-16 units). The whole
// reply counts, `CON ` or `END ` included, as the network sends it so.

// The basic table of GSM 03.38, and the extension table reached by an escape (two septets each).
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtension = new Set('\f^{}\\[~]|€');

export const gsmReplyLimit = 182;
export const unicodeReplyLimit = 80;

export type ReplyMeasure = {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets in GSM-7, UTF-16 units in UCS-2. */
  units: number;
  limit: number;
};

export function isGsm7(text: string): boolean {
  for (const character of text) {
    if (!gsmBasic.has(character) && !gsmExtension.has(character)) return false;
  }
  return true;
}

export function measureReply(text: string): ReplyMeasure {
  if (!isGsm7(text)) return { encoding: 'UCS-2', units: text.length, limit: unicodeReplyLimit };
  let units = 0;
  for (const character of text) units += gsmExtension.has(character) ? 2 : 1;
  return { encoding: 'GSM-7', units, limit: gsmReplyLimit };
}

export function fitsOneReply(text: string): boolean {
  const measure = measureReply(text);
  return measure.units <= measure.limit;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` cut to at most `units` (in the reply's encoding), on a grapheme boundary, with `..` at
 * the end when cut: a name from a record is shown in part rather than push the options out.
 */
export function shortenTo(text: string, units: number, encoding: ReplyMeasure['encoding']): string {
  const size = (part: string) => (encoding === 'UCS-2' ? part.length : measureReply(part).units);
  if (size(text) <= units) return text;
  const room = units - 2;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (size(kept + segment) > room) break;
    kept += segment;
  }
  return `${kept.trimEnd()}..`;
}
