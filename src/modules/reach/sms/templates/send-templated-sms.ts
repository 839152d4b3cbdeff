// Queues an SMS of one of the templates, through the outbox, in the caller's transaction (pass a
// ctx whose db is it): a rollback sends nothing. Refused for a number that opted out, except the
// templates that confirm a choice the number just made. The system and the module's use cases
// call it; it checks no role, as the caller decided who may cause the message.
import type { Context } from '../../../../platform/context.ts';
import { parsePhone } from '../../../../platform/phone.ts';
import { isOptedOut } from '../queries.ts';
import { type SmsTemplateName, smsTemplates, templateLabel } from './sms-templates.ts';
import { type TemplateParams, wordTemplate } from './word-template.ts';

export type SendTemplatedSmsInput = {
  /** E.164. */
  to: string;
  template: SmsTemplateName;
  /** The recipient's language. */
  language: string;
  params: TemplateParams;
  /** For a template that carries a secret: when it expires (its text is erased then at latest). */
  secretUntil?: Date;
};

export type SendTemplatedSmsResult =
  | { status: 'queued'; messageId: string }
  | { status: 'opted-out' };

export async function sendTemplatedSms(
  ctx: Context,
  input: SendTemplatedSmsInput,
): Promise<SendTemplatedSmsResult> {
  const template = smsTemplates[input.template];
  const phone = parsePhone(input.to);
  if (!phone.ok || phone.e164 !== input.to)
    throw new Error(`an SMS goes to a phone number in E.164, not ${input.to}`);
  if (template.carriesSecret !== (input.secretUntil !== undefined))
    throw new Error(
      template.carriesSecret
        ? `the SMS template ${template.name} carries a secret: say when it expires`
        : `the SMS template ${template.name} carries no secret`,
    );
  const text = wordTemplate(template, input.language, input.params, ctx.publicUrl);
  if (!template.reachesOptedOut && (await isOptedOut(ctx.db, input.to)))
    return { status: 'opted-out' };
  const messageId = await ctx.outbox.sms(ctx.db, {
    to: input.to,
    template: templateLabel(template),
    text,
    ...(input.secretUntil ? { secretUntil: input.secretUntil } : {}),
  });
  return { status: 'queued', messageId };
}
