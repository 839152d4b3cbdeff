import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

// The message catalogues, such as web/src/i18n/fr.json and web/src/i18n/areas/projects/fr.json.
const cataloguePattern = /[\\/]web[\\/]src[\\/]i18n[\\/](?:areas[\\/][a-z-]+[\\/])?[a-z]{2}\.json$/;

/**
 * Ships the ICU catalogues already parsed, so the browser never needs the ICU parser: the
 * parser is swapped for its no-parser build, which saves about a third of react-intl's weight
 * on every page. Only for `vite build`; dev and tests parse at run time, same messages.
 */
export function precompileMessages(): Plugin {
  return {
    name: 'intercoop:precompile-messages',
    apply: 'build',
    // Before Vite's JSON plugin, which then turns the parsed catalogue into a module as usual.
    enforce: 'pre',
    config() {
      return {
        resolve: {
          alias: [
            {
              find: /^@formatjs\/icu-messageformat-parser$/,
              replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
            },
          ],
        },
      };
    },
    transform(code, id) {
      const path = id.split('?')[0] ?? id;
      if (!cataloguePattern.test(path)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const compiled = Object.fromEntries(
        Object.entries(messages).map(([key, message]) => [key, parse(message)]),
      );
      return { code: JSON.stringify(compiled), map: null };
    },
  };
}
