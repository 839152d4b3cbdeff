import { describe, expect, it } from 'vitest';
import { hiddenTextIn } from './hidden-text-schemas.ts';

describe('hidden text in a name', () => {
  it.each([
    ['a right-to-left override', 'Coop \u202Egnp.exe\u202C Ltd', 'direction-control'],
    ['a left-to-right embedding', 'Coop \u202ALtd', 'direction-control'],
    ['an isolate', 'Coop \u2068Ltd\u2069', 'direction-control'],
    ['tag characters', 'Coop \u{E0001}\u{E0068}\u{E007F}', 'tag-character'],
    ['only zero-width spaces', '\u200B\u200B', 'nothing-visible'],
    ['only fillers and joiners', '\u3164\u115F\u200D\u2060\u00AD', 'nothing-visible'],
    ['only a blank Braille pattern', '\u2800', 'nothing-visible'],
  ])('finds %s', (_, value, found) => {
    expect(hiddenTextIn(value)).toBe(found);
  });

  it.each([
    ['a plain name', 'Fagor Electrodomésticos'],
    ['a Hindi name with a joiner', 'क्‍षेत्रीय सहकारी'],
    ['a Persian name with a non-joiner', 'می‌خواهم'],
    ['right-to-left marks', 'جمعية \u200F2024\u200F'],
    ['a zero-width space between words', 'Coop\u200BLtd'],
    ['an emoji with a joiner', 'Coop 👩\u200D🌾'],
  ])('leaves %s alone', (_, value) => {
    expect(hiddenTextIn(value)).toBeUndefined();
  });
});
