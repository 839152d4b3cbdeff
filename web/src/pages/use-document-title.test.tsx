// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMessages, locales, type MessageId } from '../i18n/locales.ts';
import { productName, useDocumentTitle } from './use-document-title.ts';

// Every file of the app, to find each place that sets the tab's title.
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
  eager: true,
  query: '?raw',
  import: 'default',
});

afterEach(cleanup);

function Titled({ id }: { id: MessageId }) {
  useDocumentTitle(id);
  return null;
}

describe('the tab title', () => {
  it('is set on every page through documentTitle, which adds the product name', () => {
    const assignments = Object.entries(sources).flatMap(([file, text]) =>
      [...text.matchAll(/document\.title\s*=\s*([^;]+);/g)].map((match) => ({
        file,
        value: match[1]?.trim() ?? '',
      })),
    );
    expect(assignments.length).toBeGreaterThan(4);
    expect(assignments.filter(({ value }) => !value.startsWith('documentTitle('))).toEqual([]);
  });

  it('ends with the same name, Intercoop, on every page in every language', async () => {
    expect(productName).toBe('Intercoop');
    // The messages pages title themselves with; pages that show a record's name use their
    // `*.documentTitle` message until it has loaded.
    const titleIds = new Set(
      Object.values(sources).flatMap((text) => [
        ...[...text.matchAll(/useDocumentTitle\(\s*'([\w.]+)'/g)].map((match) => match[1]),
        ...[...text.matchAll(/'([\w.]+\.documentTitle)'/g)].map((match) => match[1]),
      ]),
    );
    expect(titleIds.size).toBeGreaterThan(15);
    for (const locale of locales) {
      const messages = await loadMessages(locale);
      // No other spelling of the name in any message, in any script.
      expect(Object.values(messages).filter((text) => text.includes('इंटरकोऑप'))).toEqual([]);
      for (const id of titleIds as Set<MessageId>) {
        expect(messages[id], `${locale} ${id}`).toBeDefined();
        expect(messages[id], `${locale} ${id} names the product itself`).not.toMatch(/Intercoop/);
        render(
          <IntlProvider locale={locale} messages={messages}>
            <Titled id={id} />
          </IntlProvider>,
        );
        expect(document.title, `${locale} ${id}`).toMatch(/\S · Intercoop$/);
        cleanup();
      }
    }
  });
});
