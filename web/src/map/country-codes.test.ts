import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { numericByAlpha2 } from './country-codes.ts';

describe('the map’s country codes', () => {
  it('give every country the numeric code ISO 3166-1 gives it', () => {
    const alpha2 = Object.keys(countries.getAlpha2Codes());
    expect([...numericByAlpha2.keys()].sort()).toEqual(alpha2.sort());
    for (const code of alpha2) {
      expect(numericByAlpha2.get(code), code).toBe(countries.alpha2ToNumeric(code));
    }
  });
});
