import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { icaSectors, organizationKinds } from '../../src/modules/network/schemas.ts';
import { countryCodes, organizationSectors, organizationKinds as webKinds } from './vocabulary.ts';

// The web app keeps its own copies of these lists to stay light; they must not drift from the
// server's, or a filter would offer a value the API refuses (or hide one it accepts).
describe('the web vocabulary matches the API', () => {
  it('offers exactly the countries the API accepts', () => {
    expect([...countryCodes].sort()).toEqual(Object.keys(countries.getAlpha2Codes()).sort());
  });

  it('offers exactly the kinds and sectors the API accepts', () => {
    expect([...webKinds].sort()).toEqual([...organizationKinds].sort());
    expect([...organizationSectors].sort()).toEqual([...icaSectors].sort());
  });
});

describe('the web vocabulary of ties and roles matches the API', () => {
  it('names every affiliation and partnership kind', async () => {
    const network = await import('../../src/modules/network/schemas.ts');
    const web = await import('./vocabulary.ts');
    expect([...web.affiliationKinds].sort()).toEqual([...network.affiliationKinds].sort());
    expect([...web.partnershipKinds].sort()).toEqual([...network.partnershipKinds].sort());
  });

  it('offers only language codes the API accepts', async () => {
    const { LanguageCode } = await import('../../src/modules/network/schemas.ts');
    const { languageCodes } = await import('./vocabulary.ts');
    for (const code of languageCodes) expect(LanguageCode.safeParse(code).success, code).toBe(true);
  });
});
