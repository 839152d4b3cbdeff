import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSmsSegments, isGsm7 } from './segments.ts';

const basicAlphabet =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const extensionTable = '\f^{}\\[~]|€';

describe('samples in the languages of the members', () => {
  it('counts English in GSM-7', () => {
    const text = 'Your cooperative has news for you. Dial *384*12# for the menu, or reply HELP.';
    expect(countSmsSegments(text)).toEqual({ encoding: 'GSM-7', units: 77, segments: 1 });
  });

  it('counts Swahili in GSM-7 (Latin letters only)', () => {
    const text = 'Habari! Chama chako kina habari mpya. Piga *384*12# kwa menyu, au jibu HELP.';
    expect(countSmsSegments(text)).toEqual({ encoding: 'GSM-7', units: 76, segments: 1 });
  });

  it('counts Hindi (Devanagari) in UCS-2: 71 units are two segments', () => {
    const text = 'आपकी सहकारी समिति के लिए नई जानकारी है। मेनू के लिए *384*12# डायल करें।';
    expect(countSmsSegments(text)).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  it('counts Gujarati in UCS-2', () => {
    const text = 'તમારી સહકારી મંડળી માટે નવી માહિતી છે. મેનુ માટે *384*12# ડાયલ કરો.';
    expect(countSmsSegments(text)).toEqual({ encoding: 'UCS-2', units: 67, segments: 1 });
  });

  it('sends French with its GSM accents as GSM-7, and one accent outside the table as UCS-2', () => {
    expect(countSmsSegments('Réunion à 10 h, café offert.').encoding).toBe('GSM-7');
    // ê is not in the GSM alphabet (é, è and à are).
    expect(countSmsSegments('Fête à 10 h.')).toEqual({
      encoding: 'UCS-2',
      units: 12,
      segments: 1,
    });
  });

  it('sends Spanish ñ and ¿ in GSM-7, but á in UCS-2', () => {
    expect(countSmsSegments('¿Año nuevo? ¡Sí!').encoding).toBe('UCS-2');
    expect(countSmsSegments('¿Año nuevo? ¡Ya!').encoding).toBe('GSM-7');
  });
});

describe('GSM-7', () => {
  it('holds 160 septets in one segment and 153 in each of several', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({
      encoding: 'GSM-7',
      units: 160,
      segments: 1,
    });
    expect(countSmsSegments('a'.repeat(161)).segments).toBe(2);
    expect(countSmsSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSmsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts each character of the extension table as two septets', () => {
    for (const character of extensionTable) {
      expect(countSmsSegments(character), JSON.stringify(character)).toEqual({
        encoding: 'GSM-7',
        units: 2,
        segments: 1,
      });
    }
    expect(countSmsSegments('€'.repeat(80))).toEqual({
      encoding: 'GSM-7',
      units: 160,
      segments: 1,
    });
    expect(countSmsSegments('€'.repeat(81))).toEqual({
      encoding: 'GSM-7',
      units: 162,
      segments: 2,
    });
  });

  it('counts every character of the default alphabet as one septet', () => {
    expect(countSmsSegments(basicAlphabet)).toEqual({
      encoding: 'GSM-7',
      units: basicAlphabet.length,
      segments: 1,
    });
  });

  it('never splits an escape from its character', () => {
    // 152 + 2 + 152 septets: a split at every 153rd septet would cut the euro sign in two.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(countSmsSegments(text)).toEqual({ encoding: 'GSM-7', units: 306, segments: 3 });
    expect(countSmsSegments(`${'a'.repeat(151)}€${'a'.repeat(153)}`).segments).toBe(2);
  });

  it('treats the escape itself, a tab or a lower-case ç as outside the alphabet', () => {
    for (const character of ['\u001b', '\t', 'ç', '`', 'ê', 'á', '—']) {
      expect(isGsm7(character), JSON.stringify(character)).toBe(false);
      expect(countSmsSegments(`Hello ${character}`).encoding).toBe('UCS-2');
    }
  });
});

describe('UCS-2', () => {
  it('holds 70 units in one segment and 67 in each of several', () => {
    expect(countSmsSegments('अ'.repeat(70))).toEqual({
      encoding: 'UCS-2',
      units: 70,
      segments: 1,
    });
    expect(countSmsSegments('अ'.repeat(71)).segments).toBe(2);
    expect(countSmsSegments('अ'.repeat(134)).segments).toBe(2);
    expect(countSmsSegments('अ'.repeat(135)).segments).toBe(3);
  });

  it('counts a character outside the BMP as its two UTF-16 units', () => {
    expect(countSmsSegments('🌾')).toEqual({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(countSmsSegments('🌾'.repeat(35)).segments).toBe(1);
    expect(countSmsSegments('🌾'.repeat(36)).segments).toBe(2);
  });

  it('never splits a surrogate pair', () => {
    // 66 + 2 + 66 units: cut every 67 units, the emoji's halves would land in two segments.
    const text = `${'अ'.repeat(66)}🌾${'अ'.repeat(66)}`;
    expect(countSmsSegments(text)).toEqual({ encoding: 'UCS-2', units: 134, segments: 3 });
    expect(countSmsSegments(`${'अ'.repeat(65)}🌾${'अ'.repeat(67)}`).segments).toBe(2);
  });
});

/** Cuts a text into segments as a sender would, keeping pieces whole: the reference to check. */
function cut(pieces: { unit: number }[], single: number, perSegment: number): number[] {
  const total = pieces.reduce((sum, piece) => sum + piece.unit, 0);
  if (total <= single) return [total];
  const segments: number[] = [0];
  for (const piece of pieces) {
    const last = segments.length - 1;
    if ((segments[last] as number) + piece.unit > perSegment) segments.push(piece.unit);
    else segments[last] = (segments[last] as number) + piece.unit;
  }
  return segments;
}

describe('any text', () => {
  const gsmCharacter = fc.constantFrom(...basicAlphabet, ...extensionTable);
  const anyCharacter = fc.oneof(gsmCharacter, fc.constantFrom('अ', 'ક', 'ê', '😀', '🌾', '中'));

  it('in GSM-7 has the units and segments of a cut that keeps every character whole', () => {
    fc.assert(
      fc.property(fc.array(gsmCharacter, { maxLength: 700 }), (characters) => {
        const text = characters.join('');
        const pieces = characters.map((character) => ({
          unit: extensionTable.includes(character) ? 2 : 1,
        }));
        const segments = cut(pieces, 160, 153);
        const count = countSmsSegments(text);
        expect(count.encoding).toBe('GSM-7');
        expect(count.units).toBe(pieces.reduce((sum, piece) => sum + piece.unit, 0));
        expect(count.segments).toBe(segments.length);
        for (const size of segments)
          expect(size).toBeLessThanOrEqual(count.segments > 1 ? 153 : 160);
      }),
    );
  });

  it('with one character outside GSM-7 is UCS-2, in as many segments as a whole-pair cut', () => {
    fc.assert(
      fc.property(fc.array(anyCharacter, { maxLength: 300 }), (characters) => {
        const text = characters.join('');
        const count = countSmsSegments(text);
        if (
          characters.every(
            (character) => basicAlphabet.includes(character) || extensionTable.includes(character),
          )
        ) {
          expect(count.encoding).toBe('GSM-7');
          return;
        }
        const pieces = characters.map((character) => ({ unit: character.length }));
        expect(count).toEqual({
          encoding: 'UCS-2',
          units: text.length,
          segments: cut(pieces, 70, 67).length,
        });
        // Never fewer segments than the units need, and one more at most for each kept pair.
        expect(count.segments).toBeGreaterThanOrEqual(
          text.length <= 70 ? 1 : Math.ceil(text.length / 67),
        );
      }),
    );
  });
});
