// Loading the demo network: each module's part (the network's organizations, ties, offers and
// needs; the projects; the demo accounts), by the loaders the modules' manifests declare, in the
// order src/modules.ts lists them, each handing on to those after it what they need.
import { modules } from '../modules.ts';
import type { Context } from '../platform/context.ts';
import type {
  DemoAccountCredentials,
  DemoContext,
  DemoCounts,
  DemoPhoneCredentials,
  PluggedDemo,
} from '../platform/demo.ts';
import { AppError } from '../platform/errors.ts';
import { demoMessage } from './messages.ts';

export type { DemoAccountCredentials, DemoPhoneCredentials };

export type LoadedDemo = {
  /** How many records of each kind the modules loaded. */
  counts: Partial<DemoCounts>;
  /** The demo accounts with their passwords, to be shown to the operator once. */
  accounts: DemoAccountCredentials[];
  /** The demo members' phones with their PINs, shown once after the accounts. */
  phones: DemoPhoneCredentials[];
};

/** What the modules find of a demo loaded earlier: the context their parts hand on. */
async function findLoadedDemo(
  ctx: Context,
  demos: readonly PluggedDemo[],
): Promise<Partial<DemoContext> | undefined> {
  let found: Partial<DemoContext> | undefined;
  for (const demo of demos) {
    const part = await demo.find?.(ctx);
    if (part) found = { ...found, ...part };
  }
  return found;
}

/** The context of the demo loaded now (empty when none is), for its accounts and its removal. */
export async function findDemoContext(
  ctx: Context,
  demos: readonly PluggedDemo[] = modules.demos,
): Promise<Partial<DemoContext>> {
  return (await findLoadedDemo(ctx, demos)) ?? {};
}

/**
 * Loads the demo network. Refuses (409) when a demo is loaded already, so that loading twice
 * never makes a second copy: remove it first, or ask for the accounts' passwords again.
 */
export async function loadDemo(
  ctx: Context,
  demos: readonly PluggedDemo[] = modules.demos,
): Promise<LoadedDemo> {
  if (await findLoadedDemo(ctx, demos)) {
    throw new AppError('conflict', demoMessage('demo.loaded-already'));
  }
  let context: Partial<DemoContext> = {};
  let counts: Partial<DemoCounts> = {};
  const accounts: DemoAccountCredentials[] = [];
  const phones: DemoPhoneCredentials[] = [];
  for (const demo of demos) {
    const part = await demo.load(ctx, context);
    context = { ...context, ...part.context };
    counts = { ...counts, ...part.counts };
    accounts.push(...(part.accounts ?? []));
    phones.push(...(part.phones ?? []));
  }
  return { counts, accounts, phones };
}

/** Gives the demo accounts new random passwords (making any that are missing) and returns them. */
export async function resetDemoAccounts(
  ctx: Context,
  demos: readonly PluggedDemo[] = modules.demos,
): Promise<DemoAccountCredentials[]> {
  const context = await findLoadedDemo(ctx, demos);
  if (!context) {
    throw new AppError('conflict', demoMessage('demo.not-loaded'));
  }
  const accounts: DemoAccountCredentials[] = [];
  for (const demo of demos) accounts.push(...((await demo.renewAccounts?.(ctx, context)) ?? []));
  return accounts;
}
