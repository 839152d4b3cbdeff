// How many SMS segments a text takes, as the network bills it (3GPP TS 23.038 and 23.040). A text
// whose every character is in the GSM 7-bit default alphabet is sent as GSM-7: 160 septets in
// one segment, or 153 per segment once it is split (the user-data header takes 7), each
// character of the extension table (`{`, `€`, ...) counting two (an escape and the character).
// As soon as one character is outside both tables the whole text is sent as UCS-2: 70 UTF-16
// code units, or 67 per segment once split. A segment never ends between the escape and its
// character, nor between the two halves of a surrogate pair (an emoji), as a phone would show
// the broken halves as two wrong characters.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export type SegmentCount = {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
};

/** The GSM 7-bit default alphabet (TS 23.038, 6.2.1), without the escape (0x1B). */
const basicAlphabet =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The default extension table (TS 23.038, 6.2.1.1): each is sent as the escape and a septet. */
const extensionTable = '\f^{}\\[~]|€';

const basic = new Set(basicAlphabet);
const extension = new Set(extensionTable);

export const gsmSingleSegment = 160;
export const gsmPerSegment = 153;
export const ucsSingleSegment = 70;
export const ucsPerSegment = 67;

/** The septets each character takes in GSM-7, or undefined when the text cannot be GSM-7. */
function gsmUnits(text: string): number[] | undefined {
  const units: number[] = [];
  for (const character of text) {
    if (basic.has(character)) units.push(1);
    else if (extension.has(character)) units.push(2);
    else return undefined;
  }
  return units;
}

/**
 * Packs indivisible pieces (a character's septets, a code point's code units) into segments of
 * `perSegment` units when they do not all fit in one of `single`.
 */
function countSegments(pieces: number[], single: number, perSegment: number): number {
  const total = pieces.reduce((sum, piece) => sum + piece, 0);
  if (total === 0) return 1;
  if (total <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const piece of pieces) {
    if (used + piece > perSegment) {
      segments += 1;
      used = 0;
    }
    used += piece;
  }
  return segments;
}

/** The encoding, units and segments of a text, as a network would send it. */
export function countSmsSegments(text: string): SegmentCount {
  const septets = gsmUnits(text);
  if (septets) {
    return {
      encoding: 'GSM-7',
      units: septets.reduce((sum, piece) => sum + piece, 0),
      segments: countSegments(septets, gsmSingleSegment, gsmPerSegment),
    };
  }
  // A code point above U+FFFF is a surrogate pair: two units that stay together.
  const codeUnits = Array.from(text, (character) => character.length);
  return {
    encoding: 'UCS-2',
    units: text.length,
    segments: countSegments(codeUnits, ucsSingleSegment, ucsPerSegment),
  };
}

/** Whether every character of a text is in the GSM 7-bit alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  return gsmUnits(text) !== undefined;
}
