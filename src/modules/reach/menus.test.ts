// Every screen of every phone menu the modules declare, and every screen of the channel itself,
// rendered in every shipped language from the screens' own examples (the longest data each may
// show), with every notice it may carry: each reply must fit one USSD screen (182 GSM-7
// characters, 80 as soon as one is outside GSM-7, `CON `/`END ` included), offer at most 5
// options, and every answer must be reached within 4 screens of the main menu.
import { describe, expect, it } from 'vitest';
import { modules } from '../../modules.ts';
import type { PhoneMenu, ScreenView } from '../../platform/menus.ts';
import type { Message } from '../../platform/messages/catalogue.ts';
import { shippedLanguages } from '../../platform/messages/platform-messages.ts';
import { reachMessage } from './messages.ts';
import { renderMainMenu } from './ussd/conversation.ts';
import { languagePage, literal, ownName } from './ussd/languages.ts';
import {
  layOutScreen,
  maxOptions,
  minimumRecordUnits,
  renderScreen,
} from './ussd/render-screen.ts';
import { fitsOneReply, measureReply } from './ussd/screen-text.ts';

const menus = modules.menus;

function expectFits(reply: string, where: string) {
  const measure = measureReply(reply);
  expect(
    fitsOneReply(reply),
    `${where}: ${measure.units} of ${measure.limit} (${measure.encoding}):\n${reply}`,
  ).toBe(true);
}

/** The screens some choice leads to (so shown below the menu's first screen). */
function linkedScreens(menu: PhoneMenu): Set<string> {
  const linked = new Set<string>();
  for (const screen of Object.values(menu.screens)) {
    for (const example of screen.examples) {
      const view = screen.view(example.data, example.state);
      for (const option of view.options ?? []) linked.add(option.to.screen);
      if (view.input) linked.add(view.input.to('1').screen);
    }
  }
  return linked;
}

function viewsOf(menu: PhoneMenu) {
  const linked = linkedScreens(menu);
  return Object.entries(menu.screens).flatMap(([name, screen]) =>
    screen.examples.map((example, index) => ({
      where: `${menu.name}/${name} example ${index + 1}`,
      view: screen.view(example.data, example.state),
      // The way back: `0` alone on the menu's first screen, `0` and `00` below it.
      navigation: reachMessage(linked.has(name) ? 'ussd.navigation' : 'ussd.back'),
    })),
  );
}

function noticesFor(view: ScreenView): (Message | undefined)[] {
  return [
    undefined,
    reachMessage('ussd.wrong-choice'),
    ...(view.input ? [view.input.refused] : []),
  ];
}

it('has the registry-level menus of the reach module', () => {
  expect(menus.map((menu) => menu.name)).toEqual(
    expect.arrayContaining([
      'reach.my-cooperative',
      'reach.intents',
      'reach.language',
      'reach.help',
    ]),
  );
});

describe.each(shippedLanguages)('in %s', (language) => {
  for (const menu of menus) {
    it(`fits every screen of ${menu.name} on one USSD screen`, () => {
      for (const { where, view, navigation } of viewsOf(menu)) {
        expect(view.options?.length ?? 0, where).toBeLessThanOrEqual(maxOptions);
        for (const refusal of noticesFor(view)) {
          const { text, shortestCut } = layOutScreen(view, { language, refusal, navigation });
          expectFits(text, `${language} ${where}`);
          // A name or title cut to a few letters says nothing: the screen's words leave room.
          expect(
            shortestCut,
            `${language} ${where}, a record's room:\n${text}`,
          ).toBeGreaterThanOrEqual(minimumRecordUnits);
        }
      }
    });
  }

  it('fits the main menu on every page, with its notices', () => {
    const pages = Math.max(1, Math.ceil(menus.length / 4));
    for (let page = 0; page < pages; page++) {
      for (const notice of [
        undefined,
        reachMessage('ussd.wrong-choice'),
        reachMessage('pin.is-set'),
      ]) {
        expectFits(renderMainMenu(menus, page, language, notice), `${language} main menu ${page}`);
      }
    }
  });

  it('fits the screens before the PIN and the last screens of the channel', () => {
    const notices = [
      undefined,
      reachMessage('pin.format'),
      reachMessage('pin.too-easy'),
      reachMessage('pin.mismatch'),
      reachMessage('pin.taken'),
      reachMessage('pin.wrong', { left: 1 }),
      reachMessage('pin.wrong', { left: 2 }),
    ];
    for (const notice of notices) {
      for (const line of ['pin.enter', 'pin.choose', 'pin.confirm'] as const) {
        const options =
          line === 'pin.enter'
            ? [{ label: reachMessage('pin.set-new'), to: { screen: 'new' } }]
            : [];
        expectFits(
          renderScreen({ lines: [reachMessage(line)], options }, { language, refusal: notice }),
          `${language} ${line} after ${notice?.key}`,
        );
      }
    }
    const ends = [
      reachMessage('ussd.unknown-phone'),
      reachMessage('ussd.rate-limited', { seconds: 59 }),
      reachMessage('ussd.failed'),
      reachMessage('pin.locked', { minutes: 15 }),
      reachMessage('pin.ask-admin'),
      reachMessage('intents.gone'),
      reachMessage('cooperative.none'),
    ];
    for (const end of ends)
      expectFits(renderScreen({ lines: [end], end: true }, { language }), `${language} ${end.key}`);
  });
});

it('names every language in itself, a page at a time, each page on one screen', () => {
  const many = ['en', 'fr', 'es', 'hi', 'gu', 'sw', 'pt', 'ar', 'bn'];
  for (const languages of [shippedLanguages, many]) {
    let page = 0;
    const seen: string[] = [];
    for (;;) {
      const shown = languagePage(page, languages);
      seen.push(...shown.languages);
      const reply = renderScreen(
        {
          lines: [],
          options: [
            ...shown.languages.map((code) => ({
              label: literal(ownName(code)),
              to: { screen: code },
            })),
            ...(shown.more ? [{ label: literal('>>'), to: { screen: 'more' } }] : []),
          ],
        },
        { language: 'en', refusal: reachMessage('ussd.wrong-choice') },
      );
      expectFits(reply, `languages page ${page}`);
      expect(shown.languages.length + (shown.more ? 1 : 0)).toBeLessThanOrEqual(maxOptions);
      if (!shown.more) break;
      page += 1;
    }
    expect(seen).toEqual([...languages]);
  }
  expect(ownName('hi')).toBe('हिन्दी');
  expect(ownName('fr')).toBe('Français');
  expect(ownName('es')).toBe('Español');
});

it('reaches every screen within 4 screens of the main menu, and leads only to screens that exist', () => {
  for (const menu of menus) {
    // The main menu is the first screen, the menu's start the second.
    const depth = new Map<string, number>([[menu.start, 2]]);
    const queue: string[] = [menu.start];
    while (queue.length > 0) {
      const name = queue.shift() as string;
      const screen = menu.screens[name];
      expect(screen, `${menu.name} leads to ${name}`).toBeDefined();
      if (!screen) continue;
      const links = screen.examples.flatMap((example) => {
        const view = screen.view(example.data, example.state);
        return [
          ...(view.options ?? []).map((option) => option.to.screen),
          ...(view.input ? [view.input.to('1').screen] : []),
        ];
      });
      for (const link of links) {
        if (depth.has(link)) continue;
        depth.set(link, (depth.get(name) ?? 0) + 1);
        queue.push(link);
      }
    }
    for (const [name, level] of depth) expect(level, `${menu.name}/${name}`).toBeLessThanOrEqual(4);
    expect([...depth.keys()].sort(), `${menu.name}: screens no choice leads to`).toEqual(
      Object.keys(menu.screens).sort(),
    );
  }
});
