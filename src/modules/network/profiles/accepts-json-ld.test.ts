import { describe, expect, it } from 'vitest';
import { prefersJsonLd } from './accepts-json-ld.ts';

describe('prefersJsonLd', () => {
  it.each([
    ['application/ld+json', true],
    ['application/ld+json; profile="https://schema.org"', true],
    ['application/json, application/ld+json', true],
    ['application/ld+json;q=0.9, application/json;q=0.8', true],
    ['application/ld+json;q=0.5, */*;q=0.1', true],
    ['APPLICATION/LD+JSON', true],
  ])('%s → JSON-LD', (accept, expected) => {
    expect(prefersJsonLd(accept)).toBe(expected);
  });

  it.each([
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', false],
    ['application/*', false],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', false],
    ['application/ld+json;q=0, application/json', false],
    ['application/json, application/ld+json;q=0.9', false],
    ['application/ld+json;q=0.5, */*', false],
    ['application/ld+json;q=abc', false],
  ])('%s → JSON', (accept, expected) => {
    expect(prefersJsonLd(accept)).toBe(expected);
  });
});
