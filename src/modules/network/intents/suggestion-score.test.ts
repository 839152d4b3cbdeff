import { describe, expect, it } from 'vitest';
import { shippedLanguages } from '../../../platform/messages/platform-messages.ts';
import { stopWordLists, stopWordsOf, wordRarity, wordsLeftOut } from './suggestion-score.ts';

describe('word rarity', () => {
  it('weighs a word only the two compared entries use fully, and one every entry uses not at all', () => {
    expect(wordRarity(100, 2)).toBe(1);
    expect(wordRarity(100, 100)).toBe(0);
    expect(wordRarity(100, 10)).toBeCloseTo(Math.log(10) / Math.log(50), 10);
    expect(wordRarity(100, 10)).toBeGreaterThan(wordRarity(100, 30));
  });

  it('cannot tell on a board of two entries or fewer, so weighs their words fully', () => {
    expect(wordRarity(2, 2)).toBe(1);
    expect(wordRarity(1, 1)).toBe(1);
  });
});

describe('the words left out', () => {
  it('has a stop-word list for every shipped language', () => {
    for (const language of shippedLanguages)
      expect(stopWordLists[language]?.length).toBeGreaterThan(50);
    expect(() => stopWordsOf(['xx'])).toThrow(/no stop-word list/);
  });

  it('holds the stop words of each language and the disclaimers', () => {
    for (const word of ['the', 'avec', 'para', 'और', 'demo', 'generated', 'benchmarks']) {
      expect(wordsLeftOut.split(/[\s,.:;]+/)).toContain(word);
    }
  });
});
