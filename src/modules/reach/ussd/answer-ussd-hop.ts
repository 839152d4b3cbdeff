// A hop of a USSD session, as the provider sends it: the phone, the session, and every input of
// the session so far (joined by `*`). Counted against the phone's rate limit first (a limited
// phone is told when to try again on an END screen, never with an HTTP error, which the provider
// would turn into a session ended without a word); then read in one transaction that holds the
// phone's row, so that two hops of one phone never interleave.
import { system } from '../../../platform/access.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { pluggedMenus } from '../../../platform/modules.ts';
import { findPeopleByPhone } from '../../accounts/index.ts';
import { reachMessage } from '../messages.ts';
import {
  countHop,
  lockPhone,
  saveSession,
  selectPhoneLanguage,
  selectPins,
  selectSession,
} from '../queries.ts';
import {
  currentScreen,
  freshState,
  type Hop,
  readInput,
  type SessionState,
} from './conversation.ts';
import { renderScreen } from './render-screen.ts';

/** Hops a phone may make in a minute: a person answers a screen every few seconds at most. */
export const hopsPerMinute = 60;
/** A session quiet longer than this starts again from its first screen. */
const sessionIdleMinutes = 10;

export type UssdHop = { sessionId: string; phone: string; text: string };

/** The inputs of the session's text: none on the first hop. */
export function inputsOf(text: string): string[] {
  return text === '' ? [] : text.split('*');
}

export async function answerUssdHop(ctx: Context, hop: UssdHop): Promise<string> {
  const now = ctx.now();
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const hops = await countHop(ctx.db, hop.phone, windowStart);
  if (hops > hopsPerMinute) {
    const language = (await selectPhoneLanguage(ctx.db, hop.phone)) ?? ctx.config.defaultLanguage;
    const seconds = Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000));
    return renderScreen(
      { lines: [reachMessage('ussd.rate-limited', { seconds })], end: true },
      { language },
    );
  }
  const people = await findPeopleByPhone(ctx.db, hop.phone);
  if (people.length === 0) {
    const language = (await selectPhoneLanguage(ctx.db, hop.phone)) ?? ctx.config.defaultLanguage;
    return renderScreen({ lines: [reachMessage('ussd.unknown-phone')], end: true }, { language });
  }
  const systemCtx: Context = { ...ctx, actor: { ...system, label: 'phone channel (USSD)' } };
  return inTransaction(systemCtx, async (tx) => {
    const phone = await lockPhone(tx.db, hop.phone, now);
    const inputs = inputsOf(hop.text);
    const saved = await selectSession(tx.db, hop.sessionId);
    const resumable =
      saved &&
      saved.phone === hop.phone &&
      saved.updatedAt.getTime() > now.getTime() - sessionIdleMinutes * 60_000;
    // A session seen before goes on from the inputs it had not read; one gone quiet, or another
    // phone's id, starts again at its first screen, reading none of the old inputs.
    const state: SessionState = resumable
      ? (saved.state as SessionState)
      : freshState(saved ? inputs.length : 0, phone.language);
    const working: Hop = {
      tx,
      phone,
      people,
      pins: await selectPins(
        tx.db,
        people.map((person) => person.id),
      ),
      menus: pluggedMenus(),
      language: phone.language ?? ctx.config.defaultLanguage,
    };
    for (const input of inputs.slice(state.processed)) await readInput(working, state, input);
    state.processed = Math.max(state.processed, inputs.length);
    const reply = await currentScreen(working, state);
    await saveSession(tx.db, hop.sessionId, hop.phone, state, now);
    return reply;
  });
}
