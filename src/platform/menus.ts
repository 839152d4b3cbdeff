// Phone menus, as a module declares them in its manifest (the `menus` of platform/modules.ts), as
// it declares its routes: screens with their options and inputs, each screen reading what it
// shows through the module's use cases. The reach module runs them over USSD (and whatever phone
// channel comes later); the platform knows only this shape, no module and no channel.
import type { Context } from './context.ts';
import type { Message } from './messages/catalogue.ts';

/** What a screen carries from the screen before it (an offer's id): short texts only. */
export type MenuState = Readonly<Record<string, string>>;

/**
 * Text on a screen: a message of the module's catalogue, worded in the caller's language, or text
 * from a record (an organization's name, an offer's title), which the channel shortens to fit,
 * with a label before it on its line (`Offer of: NRECA International`).
 */
export type ScreenText = Message | { readonly record: string; readonly label?: Message };

/** Where a choice leads: a screen of the same menu, with what it carries. */
export type ScreenLink = { readonly screen: string; readonly state?: MenuState };

export type ScreenOption = { readonly label: ScreenText; readonly to: ScreenLink };

/** A reply typed on the screen (a quantity, a code), checked before it leads anywhere. */
export type ScreenInput = {
  /** The whole reply must match, such as /^[0-9]{1,4}$/. */
  readonly pattern: RegExp;
  /** Said above the screen, repeated, when the reply does not match: short. */
  readonly refused: Message;
  readonly to: (reply: string) => ScreenLink;
};

/** What one screen shows: lines, then numbered options (at most 5) or one input, or neither. */
export type ScreenView = {
  readonly lines: readonly ScreenText[];
  readonly options?: readonly ScreenOption[];
  readonly input?: ScreenInput;
  /** A last screen: the session ends on it (USSD `END`). */
  readonly end?: boolean;
};

/** Who is on the phone once their PIN picked them out, and the context to act in. */
export type MenuCaller = {
  /** Acts as the system: a screen shows only what concerns `personId`, whose PIN was given. */
  readonly ctx: Context;
  readonly personId: string;
  readonly phone: string;
  /** The language the screens are worded in, chosen once for the phone. */
  readonly language: string;
  /** Changes the phone's language, for this screen and the next sessions. */
  setLanguage(language: string): Promise<void>;
};

/**
 * One screen. `load` reads what it shows (through use cases); `view` words it, without touching
 * anything, so that a test can render it from `examples`, the longest data it may show, in every
 * language. `enter` runs once when a choice leads here (recording an interest), never when the
 * screen is shown again after a wrong reply; what it returns joins the screen's state.
 */
export type PhoneScreen<Data = unknown> = {
  readonly enter?: (caller: MenuCaller, state: MenuState) => Promise<MenuState | undefined>;
  readonly load: (caller: MenuCaller, state: MenuState) => Promise<Data>;
  readonly view: (data: Data, state: MenuState) => ScreenView;
  readonly examples: readonly { readonly data: Data; readonly state: MenuState }[];
};

/** A menu of the main menu: its title there, and its screens by name. */
export type PhoneMenu = {
  /** Unique across modules: `<module>.<menu>`. */
  readonly name: string;
  readonly title: Message;
  readonly start: string;
  readonly screens: Readonly<Record<string, PhoneScreen<unknown>>>;
};

/** Declares a screen with the type of its data checked between `load`, `view` and `examples`. */
export function phoneScreen<Data>(screen: PhoneScreen<Data>): PhoneScreen<unknown> {
  return screen as unknown as PhoneScreen<unknown>;
}
