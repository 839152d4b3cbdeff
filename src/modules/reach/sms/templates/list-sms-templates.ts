// The SMS templates as staff see them before anything is sent: each in every shipped language,
// its encoding and segments counted with each placeholder at its longest, and what one message
// would cost with each provider at the configured prices. Network staff only.
import { Big } from 'big.js';
import type { SmsProviderName } from '../../../../config.ts';
import { authorize } from '../../../../platform/access.ts';
import type { Context } from '../../../../platform/context.ts';
import { shippedLanguages } from '../../../../platform/messages/platform-messages.ts';
import { smsMessages } from '../messages.ts';
import type { SmsTemplateList } from '../schemas.ts';
import { countSmsSegments } from '../segments.ts';
import { smsTemplates, templateKey, templateLabel } from './sms-templates.ts';
import { longestValue } from './word-template.ts';

const providers: SmsProviderName[] = ['africastalking', 'twilio', 'test'];

/** The price of a message of `segments` segments: exact decimal multiplication, no rounding. */
export function messagePrice(perSegment: string, segments: number): string {
  return new Big(perSegment).times(segments).toFixed();
}

export async function listSmsTemplates(ctx: Context): Promise<SmsTemplateList> {
  authorize(ctx.actor, { anyOf: [{ role: 'network-staff' }], write: false });
  const prices = ctx.config.reach.sms.prices;
  return {
    items: Object.values(smsTemplates).map((template) => {
      const placeholders = Object.entries(template.placeholders).map(([name, kind]) => ({
        name,
        kind,
      }));
      const longest = Object.fromEntries(
        placeholders.map(({ name, kind }) => [name, longestValue(kind, ctx.publicUrl)]),
      );
      const shown = Object.fromEntries(placeholders.map(({ name }) => [name, `{${name}}`]));
      return {
        name: template.name,
        version: template.version,
        label: templateLabel(template),
        placeholders,
        carriesSecret: template.carriesSecret,
        reachesOptedOut: template.reachesOptedOut,
        languages: shippedLanguages.map((language) => {
          const count = countSmsSegments(
            smsMessages.format(language, templateKey(template), longest),
          );
          return {
            language,
            text: smsMessages.format(language, templateKey(template), shown),
            ...count,
            estimates: providers.map((provider) => ({
              provider,
              currency: prices[provider].currency,
              perSegment: prices[provider].perSegment,
              perMessage: messagePrice(prices[provider].perSegment, count.segments),
            })),
          };
        }),
      };
    }),
  };
}
