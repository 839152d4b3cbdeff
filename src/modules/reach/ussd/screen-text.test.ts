import { describe, expect, it } from 'vitest';
import { fitsOneReply, isGsm7, measureReply, shortenTo } from './screen-text.ts';

describe('the length of a USSD reply', () => {
  it('counts GSM-7 characters as one and its extension table as two, within 182', () => {
    expect(measureReply('CON Hello')).toEqual({ encoding: 'GSM-7', units: 9, limit: 182 });
    expect(measureReply('END 5€ [x]')).toEqual({ encoding: 'GSM-7', units: 13, limit: 182 });
    expect(fitsOneReply(`CON ${'a'.repeat(178)}`)).toBe(true);
    expect(fitsOneReply(`CON ${'a'.repeat(179)}`)).toBe(false);
    expect(fitsOneReply(`CON ${'€'.repeat(89)}`)).toBe(true);
    expect(fitsOneReply(`CON ${'€'.repeat(90)}`)).toBe(false);
  });

  it('allows 80 as soon as one character is outside GSM-7', () => {
    expect(isGsm7('Español ñ é à')).toBe(true);
    expect(isGsm7('Français')).toBe(false);
    expect(isGsm7('हिन्दी')).toBe(false);
    expect(measureReply('CON हिन्दी')).toEqual({ encoding: 'UCS-2', units: 10, limit: 80 });
    expect(fitsOneReply(`CON ç${'a'.repeat(75)}`)).toBe(true);
    expect(fitsOneReply(`CON ç${'a'.repeat(76)}`)).toBe(false);
  });

  it('shortens a record’s text on a grapheme boundary, marked with ..', () => {
    expect(shortenTo('Lok Swasthya SEWA Mandli', 10, 'GSM-7')).toBe('Lok Swas..');
    expect(shortenTo('Short', 10, 'GSM-7')).toBe('Short');
    const hindi = shortenTo('सेवा सहकारी मंडली', 6, 'UCS-2');
    expect(hindi.length).toBeLessThanOrEqual(6);
    expect(hindi.endsWith('..')).toBe(true);
    // A cut never splits a surrogate pair.
    expect(shortenTo('a😀😀😀', 5, 'UCS-2')).toBe('a😀..');
    expect(shortenTo('a😀😀😀', 4, 'UCS-2')).toBe('a..');
  });
});
