// One USSD hop: where the caller is (the session, resumed by the provider's session id), the
// inputs typed since the last hop read one by one, and the screen to show now. Before anything
// personal: the language (chosen once per phone) and the PIN that picks out the member among the
// people of the phone (set on first use; 3 wrong PINs lock the phone 15 minutes). Then the main
// menu, made of the menus the modules declare, and their screens. No input is kept: the session
// stores how many it read, and a PIN lives only as a hash.

import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import type { MenuCaller, MenuState, PhoneMenu, ScreenView } from '../../../platform/menus.ts';
import type { Message } from '../../../platform/messages/catalogue.ts';
import type { Person } from '../../accounts/index.ts';
import { reachMessage } from '../messages.ts';
import { hashPin, isEasyPin, pinMatches, pinPattern } from '../pins/pin-hash.ts';
import { type PhoneRow, type PinRow, storePin, updatePhone } from '../queries.ts';
import { languagePage, literal, morePages, ownName } from './languages.ts';
import { renderScreen } from './render-screen.ts';

export const maxWrongPins = 3;
export const lockMinutes = 15;
const maxDepth = 20;

type Frame = { menu: string; screen: string; state: Record<string, string> };

export type SessionState = {
  /** How many inputs of the provider's `text` were read already. */
  processed: number;
  stage: 'language' | 'pin' | 'choose-pin' | 'confirm-pin' | 'menu';
  languagePage: number;
  /** The member the PIN picked out. */
  personId?: string;
  /** Whom the PIN being set is for, and the hash of its first entry (never the PIN). */
  pinFor?: string;
  firstPinHash?: string;
  /** The screens opened from the main menu; empty on the main menu. */
  stack: Frame[];
  mainPage: number;
};

export function freshState(processed: number, language: string | null): SessionState {
  return {
    processed,
    stage: language ? 'pin' : 'language',
    languagePage: 0,
    stack: [],
    mainPage: 0,
  };
}

export type Hop = {
  /** The hop's transaction, acting as the system. */
  tx: Context;
  phone: PhoneRow;
  people: readonly Person[];
  pins: readonly PinRow[];
  menus: readonly PhoneMenu[];
  language: string;
  /** Said first on the next screen: why an input was refused, or that a PIN was set. */
  notice?: Message;
  /** The session ends on this text. */
  end?: Message;
};

const wrongChoice = () => reachMessage('ussd.wrong-choice');
/** `0` back; `00` to the main menu too, once `0` no longer leads there. */
const navigation = (depth: number) => reachMessage(depth >= 2 ? 'ussd.navigation' : 'ussd.back');

function choiceOf(input: string, count: number): number | undefined {
  if (!/^[1-9]$/.test(input)) return undefined;
  const index = Number(input) - 1;
  return index < count ? index : undefined;
}

// ---- before the PIN ----

function pinSituation(hop: Hop) {
  const now = hop.tx.now();
  const pinOf = new Map(hop.pins.map((pin) => [pin.personId, pin]));
  const withPin = hop.people.filter((person) => pinOf.get(person.id)?.pinHash);
  const pending = hop.people.filter((person) => !pinOf.get(person.id)?.pinHash);
  // One member of the phone without a PIN sets it on first use; on a phone where several have
  // none, only the one whose setup their cooperative's admin opened may (else anyone could take
  // another's place).
  const open = pending.filter((person) => {
    const until = pinOf.get(person.id)?.setupOpenUntil;
    return until !== null && until !== undefined && until > now;
  });
  const eligible = pending.length === 1 ? pending : open.length === 1 ? open : [];
  return { withPin, eligible: eligible[0], pinOf };
}

function lockedMinutes(hop: Hop): number | undefined {
  const until = hop.phone.lockedUntil;
  const now = hop.tx.now();
  if (!until || until <= now) return undefined;
  return Math.ceil((until.getTime() - now.getTime()) / 60_000);
}

async function readPin(hop: Hop, state: SessionState, input: string): Promise<void> {
  const situation = pinSituation(hop);
  if (input === '1' && situation.eligible && situation.withPin.length > 0) {
    state.stage = 'choose-pin';
    state.pinFor = situation.eligible.id;
    return;
  }
  if (!pinPattern.test(input)) {
    hop.notice = reachMessage('pin.format');
    return;
  }
  for (const person of situation.withPin) {
    if (await pinMatches(situation.pinOf.get(person.id)?.pinHash ?? null, input)) {
      await updatePhone(
        hop.tx.db,
        hop.phone.phone,
        { failedPins: 0, lockedUntil: null },
        hop.tx.now(),
      );
      hop.phone = { ...hop.phone, failedPins: 0, lockedUntil: null };
      state.personId = person.id;
      state.stage = 'menu';
      state.stack = [];
      state.mainPage = 0;
      return;
    }
  }
  const failed = hop.phone.failedPins + 1;
  if (failed >= maxWrongPins) {
    const lockedUntil = new Date(hop.tx.now().getTime() + lockMinutes * 60_000);
    await updatePhone(hop.tx.db, hop.phone.phone, { failedPins: 0, lockedUntil }, hop.tx.now());
    hop.phone = { ...hop.phone, failedPins: 0, lockedUntil };
    return;
  }
  await updatePhone(hop.tx.db, hop.phone.phone, { failedPins: failed }, hop.tx.now());
  hop.phone = { ...hop.phone, failedPins: failed };
  hop.notice = reachMessage('pin.wrong', { left: maxWrongPins - failed });
}

async function readNewPin(hop: Hop, state: SessionState, input: string): Promise<void> {
  if (!pinPattern.test(input)) {
    hop.notice = reachMessage('pin.format');
    return;
  }
  if (isEasyPin(input)) {
    hop.notice = reachMessage('pin.too-easy');
    return;
  }
  // The PIN picks out the member: two members of one phone cannot hold the same.
  const { withPin, pinOf } = pinSituation(hop);
  for (const person of withPin) {
    if (
      person.id !== state.pinFor &&
      (await pinMatches(pinOf.get(person.id)?.pinHash ?? null, input))
    ) {
      hop.notice = reachMessage('pin.taken');
      return;
    }
  }
  state.firstPinHash = await hashPin(input);
  state.stage = 'confirm-pin';
}

async function confirmNewPin(hop: Hop, state: SessionState, input: string): Promise<void> {
  const personId = state.pinFor;
  const first = state.firstPinHash ?? null;
  state.firstPinHash = undefined;
  if (!personId || !(await pinMatches(first, input))) {
    state.stage = 'choose-pin';
    hop.notice = reachMessage('pin.mismatch');
    return;
  }
  const now = hop.tx.now();
  await storePin(hop.tx.db, personId, first as string, now);
  await recordAudit(hop.tx, {
    action: 'set-phone-pin',
    entityType: 'phone-pin',
    entityId: personId,
    organizationId: null,
    before: null,
    after: { personId, setAt: now.toISOString() },
  });
  hop.pins = [
    ...hop.pins.filter((pin) => pin.personId !== personId),
    { personId, pinHash: first, setupOpenUntil: null },
  ];
  state.pinFor = undefined;
  state.personId = personId;
  state.stage = 'menu';
  state.stack = [];
  state.mainPage = 0;
  hop.notice = reachMessage('pin.is-set');
}

async function readLanguage(hop: Hop, state: SessionState, input: string): Promise<void> {
  const page = languagePage(state.languagePage);
  if (input === '0' && state.languagePage > 0) {
    state.languagePage -= 1;
    return;
  }
  const index = choiceOf(input, page.languages.length + (page.more ? 1 : 0));
  if (index === undefined) {
    hop.notice = wrongChoice();
    return;
  }
  const language = page.languages[index];
  if (!language) {
    state.languagePage += 1;
    return;
  }
  await updatePhone(hop.tx.db, hop.phone.phone, { language }, hop.tx.now());
  hop.phone = { ...hop.phone, language };
  hop.language = language;
  state.stage = 'pin';
}

// ---- the menus ----

type MainEntry = { menu: PhoneMenu } | 'more';

function mainPage(menus: readonly PhoneMenu[], page: number): MainEntry[] {
  if (menus.length <= 5) return menus.map((menu) => ({ menu }));
  const start = page * 4;
  const shown: MainEntry[] = menus.slice(start, start + 4).map((menu) => ({ menu }));
  return start + 4 < menus.length ? [...shown, 'more'] : shown;
}

function callerOf(hop: Hop, state: SessionState): MenuCaller {
  const hopRef = hop;
  return {
    ctx: { ...hop.tx, language: hop.language },
    personId: state.personId as string,
    phone: hop.phone.phone,
    get language() {
      return hopRef.language;
    },
    async setLanguage(language: string) {
      await updatePhone(hopRef.tx.db, hopRef.phone.phone, { language }, hopRef.tx.now());
      hopRef.phone = { ...hopRef.phone, language };
      hopRef.language = language;
    },
  };
}

function screenOf(hop: Hop, frame: Frame) {
  const menu = hop.menus.find((candidate) => candidate.name === frame.menu);
  return menu?.screens[frame.screen];
}

async function open(hop: Hop, state: SessionState, frame: Frame): Promise<void> {
  const screen = screenOf(hop, frame);
  if (!screen) {
    state.stack = [];
    return;
  }
  const entered = await screen.enter?.(callerOf(hop, state), frame.state);
  state.stack = [...state.stack, { ...frame, state: { ...frame.state, ...entered } }].slice(
    -maxDepth,
  );
}

async function viewOf(hop: Hop, state: SessionState, frame: Frame): Promise<ScreenView> {
  const screen = screenOf(hop, frame);
  if (!screen) throw new Error(`no screen ${frame.menu}/${frame.screen}`);
  return screen.view(await screen.load(callerOf(hop, state), frame.state), frame.state);
}

async function readMenu(hop: Hop, state: SessionState, input: string): Promise<void> {
  if (input === '00') {
    state.stack = [];
    state.mainPage = 0;
    return;
  }
  if (input === '0') {
    if (state.stack.length > 0) state.stack = state.stack.slice(0, -1);
    else if (state.mainPage > 0) state.mainPage -= 1;
    else hop.notice = wrongChoice();
    return;
  }
  const frame = state.stack.at(-1);
  if (!frame) {
    const entries = mainPage(hop.menus, state.mainPage);
    const index = choiceOf(input, entries.length);
    const entry = index === undefined ? undefined : entries[index];
    if (!entry) hop.notice = wrongChoice();
    else if (entry === 'more') state.mainPage += 1;
    else await open(hop, state, { menu: entry.menu.name, screen: entry.menu.start, state: {} });
    return;
  }
  if (!screenOf(hop, frame)) {
    state.stack = [];
    return;
  }
  const view = await viewOf(hop, state, frame);
  const options = view.options ?? [];
  if (options.length > 0) {
    const index = choiceOf(input, options.length);
    const option = index === undefined ? undefined : options[index];
    if (!option) hop.notice = wrongChoice();
    else
      await open(hop, state, {
        menu: frame.menu,
        screen: option.to.screen,
        state: { ...(option.to.state ?? {}) },
      });
    return;
  }
  if (view.input) {
    if (view.input.pattern.test(input)) {
      const to = view.input.to(input);
      await open(hop, state, {
        menu: frame.menu,
        screen: to.screen,
        state: { ...(to.state ?? {}) },
      });
    } else hop.notice = view.input.refused;
    return;
  }
  hop.notice = wrongChoice();
}

/** Reads one input at the stage the session is at. */
export async function readInput(hop: Hop, state: SessionState, input: string): Promise<void> {
  hop.notice = undefined;
  if (state.stage === 'language') return readLanguage(hop, state, input);
  if (state.stage !== 'menu' && lockedMinutes(hop) !== undefined) return;
  if (state.stage === 'pin') return readPin(hop, state, input);
  if (state.stage === 'choose-pin') return readNewPin(hop, state, input);
  if (state.stage === 'confirm-pin') return confirmNewPin(hop, state, input);
  return readMenu(hop, state, input);
}

// ---- the screen to show ----

function endWith(hop: Hop, message: Message): string {
  return renderScreen({ lines: [message], end: true }, { language: hop.language });
}

/** The reply to send: the screen the session is at, with the notice of the last input. */
export async function currentScreen(hop: Hop, state: SessionState): Promise<string> {
  const language = hop.language;
  const notice = hop.notice;
  if (hop.end) return endWith(hop, hop.end);
  if (state.stage === 'language') {
    const page = languagePage(state.languagePage);
    return renderScreen(
      {
        lines: [],
        options: [
          ...page.languages.map((code) => ({
            label: literal(ownName(code)),
            to: { screen: code },
          })),
          ...(page.more ? [{ label: morePages, to: { screen: 'more' } }] : []),
        ],
      },
      { language, refusal: notice },
    );
  }
  if (state.personId && !hop.people.some((person) => person.id === state.personId)) {
    // No longer a person of this phone (their number changed): the PIN again.
    state.personId = undefined;
    state.stage = 'pin';
    state.stack = [];
  }
  if (state.stage !== 'menu') {
    const minutes = lockedMinutes(hop);
    if (minutes !== undefined) return endWith(hop, reachMessage('pin.locked', { minutes }));
  }
  if (state.stage === 'pin') {
    const situation = pinSituation(hop);
    if (situation.withPin.length === 0) {
      if (!situation.eligible) return endWith(hop, reachMessage('pin.ask-admin'));
      state.stage = 'choose-pin';
      state.pinFor = situation.eligible.id;
    } else {
      return renderScreen(
        {
          lines: [reachMessage('pin.enter')],
          options: situation.eligible
            ? [{ label: reachMessage('pin.set-new'), to: { screen: 'new' } }]
            : [],
        },
        { language, refusal: notice },
      );
    }
  }
  if (state.stage === 'choose-pin')
    return renderScreen({ lines: [reachMessage('pin.choose')] }, { language, refusal: notice });
  if (state.stage === 'confirm-pin')
    return renderScreen({ lines: [reachMessage('pin.confirm')] }, { language, refusal: notice });
  const frame = state.stack.at(-1);
  if (!frame) return renderMainMenu(hop.menus, state.mainPage, language, notice);
  try {
    const view = await viewOf(hop, state, frame);
    return renderScreen(view, {
      language: hop.language,
      refusal: notice,
      navigation: navigation(state.stack.length),
    });
  } catch (error) {
    if (error instanceof AppError) return endWith(hop, error.detail);
    throw error;
  }
}

export function renderMainMenu(
  menus: readonly PhoneMenu[],
  page: number,
  language: string,
  notice?: Message,
): string {
  const entries = mainPage(menus, page);
  return renderScreen(
    {
      lines: [],
      options: entries.map((entry) =>
        entry === 'more'
          ? { label: reachMessage('ussd.more'), to: { screen: 'more' } }
          : { label: entry.menu.title, to: { screen: entry.menu.start } },
      ),
    },
    { language, refusal: notice, ...(page > 0 ? { navigation: navigation(1) } : {}) },
  );
}

export type { MenuState };
