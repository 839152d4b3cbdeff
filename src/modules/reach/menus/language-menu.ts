// "Language": the languages this instance ships, each named in itself, a page at a time; the
// choice is the phone's from then on.
import { type PhoneMenu, phoneScreen, type ScreenOption } from '../../../platform/menus.ts';
import { shippedLanguages } from '../../../platform/messages/platform-messages.ts';
import { reachMessage } from '../messages.ts';
import { languagePage, literal, morePages, ownName } from '../ussd/languages.ts';

export const languageMenu: PhoneMenu = {
  name: 'reach.language',
  title: reachMessage('menu.language'),
  start: 'choose',
  screens: {
    choose: phoneScreen<null>({
      load: async () => null,
      view: (_, state) => {
        const page = Number(state.page ?? '0');
        const shown = languagePage(page);
        const options: ScreenOption[] = shown.languages.map((language) => ({
          label: literal(ownName(language)),
          to: { screen: 'changed', state: { language } },
        }));
        if (shown.more)
          options.push({
            label: morePages,
            to: { screen: 'choose', state: { page: String(page + 1) } },
          });
        return { lines: [], options };
      },
      examples: [{ data: null, state: {} }],
    }),
    changed: phoneScreen<null>({
      enter: async (caller, state) => {
        if (state.language && shippedLanguages.includes(state.language))
          await caller.setLanguage(state.language);
        return undefined;
      },
      load: async () => null,
      view: () => ({ lines: [reachMessage('language.changed')] }),
      examples: [{ data: null, state: { language: 'hi' } }],
    }),
  },
};

export const helpMenu: PhoneMenu = {
  name: 'reach.help',
  title: reachMessage('menu.help'),
  start: 'help',
  screens: {
    help: phoneScreen<null>({
      load: async () => null,
      view: () => ({ lines: [reachMessage('help.text')] }),
      examples: [{ data: null, state: {} }],
    }),
  },
};
