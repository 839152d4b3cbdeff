// What a module loads into the demo network and removes from it (the `demo` of its manifest).
// src/demo/ calls the modules' loaders in the order src/modules.ts lists them, each handing on to
// those after it what they need (the demo organizations' ids, by name), and removes in the
// reverse order, in one transaction. The platform knows no module's part: each adds the names of
// what it hands on and counts to the two interfaces below by declaration merging, as with roles.
import type { Context } from './context.ts';

/**
 * What the loaders hand on to the modules after them. A module adds its part:
 * `declare module '../../platform/demo.ts' { interface DemoContext { organizationIds: ... } }`.
 * A loader gets it partial: what a module listed before it has not loaded is missing.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the modules add their parts by declaration merging
export interface DemoContext {}

/** How many records of each kind a loader loaded or removed; each module adds its kinds. */
// biome-ignore lint/suspicious/noEmptyInterface: the modules add their kinds by declaration merging
export interface DemoCounts {}

/** A demo account with its password, to be shown to the operator once. */
export type DemoAccountCredentials = { email: string; password: string; description: string };

/** A demo member's phone and PIN, the one PIN ever written out, shown to the operator once. */
export type DemoPhoneCredentials = { phone: string; pin: string; description: string };

/** What one module's loader loaded. */
export type DemoPart = {
  counts: Partial<DemoCounts>;
  /** What it hands on to the loaders after it. */
  context?: Partial<DemoContext>;
  /** The demo accounts it made, with their passwords. */
  accounts?: DemoAccountCredentials[];
  /** The demo members' phones it gave a PIN, with the PIN. */
  phones?: DemoPhoneCredentials[];
};

export type ModuleDemo = {
  /**
   * Its part of the context, read back from a demo loaded earlier; undefined while its part is
   * not loaded. Loading refuses while any module finds its part; `intercoop demo accounts` and
   * removal start from what they find.
   */
  find?(ctx: Context): Promise<Partial<DemoContext> | undefined>;
  /** Loads its part, given what the modules listed before it handed on. */
  load(ctx: Context, demo: Partial<DemoContext>): Promise<DemoPart>;
  /** Gives its demo accounts new random passwords, making any that are missing. */
  renewAccounts?(ctx: Context, demo: Partial<DemoContext>): Promise<DemoAccountCredentials[]>;
  /** Records made outside the demo that refer to its part: removal refuses while there are any. */
  findReferences?(ctx: Context, demo: Partial<DemoContext>): Promise<string[]>;
  /**
   * Removes its part, after the modules listed after it removed theirs; `ctx` is the removal's
   * one transaction, so that a refusal or a failure anywhere leaves the whole demo in place.
   */
  remove?(ctx: Context, demo: Partial<DemoContext>): Promise<Partial<DemoCounts>>;
};

/** A module's demo loader, with the module's name (for messages about a loader's mistakes). */
export type PluggedDemo = ModuleDemo & { module: string };
