import { describe, expect, it } from 'vitest';
import { chooseLanguage, parseAcceptLanguage } from './reader-language.ts';

const available = ['en', 'fr', 'es', 'hi'];
const choose = (acceptLanguage: string | undefined, preferred: string | null = null) =>
  chooseLanguage({ acceptLanguage, preferred, fallback: 'en', available });

describe('parseAcceptLanguage', () => {
  it('orders ranges by weight, keeping the given order among equals', () => {
    expect(parseAcceptLanguage('de;q=0.5, fr-CA, hi;q=0.8, es').map((range) => range.tag)).toEqual([
      'fr-ca',
      'es',
      'hi',
      'de',
    ]);
  });

  it('reads weights as RFC 9110 writes them, and skips entries that are not', () => {
    expect(
      parseAcceptLanguage('fr;Q=0.700, es;q=1.0, hi;q=0, de;q=1.5, pt;q=abc, x y, sw'),
    ).toEqual([
      { tag: 'es', weight: 1, order: 1 },
      { tag: 'sw', weight: 1, order: 6 },
      { tag: 'fr', weight: 0.7, order: 0 },
      { tag: 'hi', weight: 0, order: 2 },
    ]);
  });

  it('gives nothing for a missing or empty header', () => {
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage('')).toEqual([]);
  });
});

describe('chooseLanguage', () => {
  it('takes the most wanted language this instance ships', () => {
    expect(choose('de, fr;q=0.9, hi;q=0.95')).toBe('hi');
    expect(choose('pt-BR, es-MX;q=0.4')).toBe('es');
    expect(choose('HI-in')).toBe('hi');
  });

  it('prefers the header to the account, and the account to the default', () => {
    expect(choose('fr', 'es')).toBe('fr');
    expect(choose(undefined, 'es')).toBe('es');
    expect(choose('de, pt', 'es')).toBe('es');
    expect(choose(undefined)).toBe('en');
  });

  it('lets "*" leave the choice to the account or the default', () => {
    expect(choose('*', 'hi')).toBe('hi');
    expect(choose('de, *;q=0.5', null)).toBe('en');
  });

  it('never answers in a language the reader refused', () => {
    expect(choose('fr;q=0, *', 'fr')).toBe('en');
    expect(choose('en;q=0, de')).toBe('fr');
  });

  it('ignores a preference for a language that is not shipped', () => {
    expect(choose(undefined, 'gu')).toBe('en');
  });
});
