// An SMS that came in, handled once: its provider's id is recorded first, and a repeat (a
// provider sending again after a timeout) does nothing more. STOP (or its word in any shipped
// language) ends messages to the number at once and is recorded, even over the rate limit;
// START brings them back; HELP, and anything else, is answered with where to look. Each number
// may send REACH_SMS_INBOUND_PER_HOUR messages an hour; past that they are recorded and not
// answered (an answer costs money, and two machines answering each other would never stop).
// The number's messages are taken in turn (a lock on the number), so that the count is exact.
import type { SmsProviderName } from '../../../../config.ts';
import { type Context, inTransaction } from '../../../../platform/context.ts';
import { newId } from '../../../../platform/ids.ts';
import type { InboundSms } from '../providers/sms-provider.ts';
import {
  countRecentInbound,
  type InboundOutcome,
  insertInbound,
  isOptedOut,
  lockNumber,
  setOptOut,
} from '../queries.ts';
import { sendTemplatedSms } from '../templates/send-templated-sms.ts';
import { type SmsTemplateName, smsTemplates } from '../templates/sms-templates.ts';
import { wordTemplate } from '../templates/word-template.ts';
import { readCommand } from './keywords.ts';

export type InboundHandling = {
  /** A repeat of a message handled before: nothing was done. */
  duplicate: boolean;
  outcome: InboundOutcome | undefined;
  /** The answer's text, for a provider that sends it from its callback's answer (Twilio). */
  reply: string | undefined;
};

const replies: Partial<Record<InboundOutcome, SmsTemplateName>> = {
  'opted-out': 'opted-out',
  'opted-in': 'opted-in',
  help: 'help',
  unknown: 'help',
};

export async function handleInboundSms(
  ctx: Context,
  provider: SmsProviderName,
  inbound: InboundSms,
  { replyInAnswer }: { replyInAnswer: boolean },
): Promise<InboundHandling> {
  const read = readCommand(inbound.text);
  const language = read.language ?? ctx.config.defaultLanguage;
  return inTransaction(ctx, async (tx) => {
    const now = tx.now();
    await lockNumber(tx.db, inbound.from);
    const limited =
      (await countRecentInbound(tx.db, inbound.from, now)) >= tx.config.reach.sms.inboundPerHour;
    const outcome: InboundOutcome =
      read.command === 'stop'
        ? 'opted-out'
        : read.command === 'start'
          ? 'opted-in'
          : limited
            ? 'rate-limited'
            : read.command === 'help'
              ? 'help'
              : 'unknown';
    const id = newId();
    const recorded = await insertInbound(tx.db, {
      id,
      provider,
      provider_message_id: inbound.providerMessageId,
      sender: inbound.from,
      keyword: read.keyword,
      outcome,
      language,
      received_at: now,
    });
    if (!recorded) return { duplicate: true, outcome: undefined, reply: undefined };
    const optedOutBefore = await isOptedOut(tx.db, inbound.from);
    if (outcome === 'opted-out' || outcome === 'opted-in') {
      await setOptOut(tx.db, {
        id: newId(),
        phone: inbound.from,
        optedOut: outcome === 'opted-out',
        keyword: read.keyword,
        inboundId: id,
        at: now,
      });
    }
    const template = replies[outcome];
    // Past the limit nothing is answered, not even a confirmation; a stray text from a number
    // that opted out is not answered either.
    if (!template || limited || (outcome === 'unknown' && optedOutBefore))
      return { duplicate: false, outcome, reply: undefined };
    const params: Record<string, string> = template === 'help' ? { link: tx.publicUrl } : {};
    if (replyInAnswer) {
      return {
        duplicate: false,
        outcome,
        reply: wordTemplate(smsTemplates[template], language, params, tx.publicUrl),
      };
    }
    await sendTemplatedSms(tx, { to: inbound.from, template, language, params });
    return { duplicate: false, outcome, reply: undefined };
  });
}
