import { describe, expect, it } from 'vitest';
import { shippedLanguages } from '../../../../platform/messages/platform-messages.ts';
import { smsMessages } from '../messages.ts';
import { countSmsSegments } from '../segments.ts';
import { placeholderKinds, smsTemplates, templateKey } from './sms-templates.ts';
import { longestValue, wordTemplate } from './word-template.ts';

const publicUrl = 'https://coops.example.org';

describe('the SMS templates', () => {
  const templates = Object.values(smsTemplates);

  it.each(templates)(
    '$name uses exactly the placeholders it declares, in every language',
    (template) => {
      const values = Object.fromEntries(
        Object.entries(template.placeholders).map(([name, kind]) => [
          name,
          longestValue(kind, publicUrl),
        ]),
      );
      for (const language of shippedLanguages) {
        const text = wordTemplate(template, language, values, publicUrl);
        for (const value of Object.values(values)) expect(text, language).toContain(value);
        expect(text, language).not.toMatch(/[{}]/);
      }
    },
  );

  it('carries no amount or personal detail: only kinds that say where to look, and codes in secret templates', () => {
    for (const template of templates) {
      for (const kind of Object.values(template.placeholders)) {
        expect(Object.keys(placeholderKinds)).toContain(kind);
        if (kind === 'one-time-code') expect(template.carriesSecret, template.name).toBe(true);
      }
      for (const language of shippedLanguages) {
        const shown = Object.fromEntries(
          Object.keys(template.placeholders).map((name) => [name, '']),
        );
        const text = smsMessages.format(language, templateKey(template), shown);
        // No currency sign or amount in the fixed words.
        expect(text, `${template.name} ${language}`).not.toMatch(/[$€£₹]|\b(KES|USD|INR)\b/);
      }
    }
  });

  it('fits every template in at most three segments in every language, placeholders at their longest', () => {
    for (const template of templates) {
      const values = Object.fromEntries(
        Object.entries(template.placeholders).map(([name, kind]) => [
          name,
          longestValue(kind, publicUrl),
        ]),
      );
      for (const language of shippedLanguages) {
        const count = countSmsSegments(wordTemplate(template, language, values, publicUrl));
        expect(count.segments, `${template.name} in ${language}`).toBeLessThanOrEqual(3);
        if (language === 'hi') expect(count.encoding).toBe('UCS-2');
      }
    }
  });

  it('refuses a placeholder missing, extra or not of its kind', () => {
    const help = smsTemplates.help;
    expect(() => wordTemplate(help, 'en', {}, publicUrl)).toThrow(/takes link/);
    expect(() =>
      wordTemplate(help, 'en', { link: publicUrl, amount: '12.50' }, publicUrl),
    ).toThrow();
    expect(() =>
      wordTemplate(help, 'en', { link: 'https://elsewhere.example/x' }, publicUrl),
    ).toThrow(/must be a link/);
    expect(() =>
      wordTemplate(help, 'en', { link: `${publicUrl}/ Ramesh owes 500` }, publicUrl),
    ).toThrow();
    const code = smsTemplates['one-time-code'];
    expect(() => wordTemplate(code, 'en', { code: 'Ramesh', minutes: '10' }, publicUrl)).toThrow();
    expect(wordTemplate(code, 'fr', { code: '482913', minutes: '10' }, publicUrl)).toContain(
      '482913',
    );
  });
});
