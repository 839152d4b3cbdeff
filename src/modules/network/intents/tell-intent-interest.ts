import { authorize } from '../../../platform/access.ts';
import type { Context } from '../../../platform/context.ts';
import { wordMail } from '../../../platform/mail.ts';
import { shippedLanguages } from '../../../platform/messages/platform-messages.ts';
import { networkMessages } from '../messages.ts';
import { getOrganization } from '../organizations/get-organization.ts';
import { getIntent } from './get-intent.ts';

/**
 * Tells the organization that posted an offer or need that a member of another organization is
 * interested (the system alone, for the phone channel, once the interest is recorded): a mail to
 * its contact address in its first language this instance ships, written to the outbox on
 * `ctx.db`, normally the caller's transaction. It names the interested member's organization
 * and how to reach it, never the member. Whether there was an address to tell.
 */
export async function tellIntentInterest(
  ctx: Context,
  input: { intentId: string; interestedOrganizationId: string; interested: number },
): Promise<{ told: boolean }> {
  authorize(ctx.actor, { anyOf: [], write: true, organizationId: null });
  const intent = await getIntent(ctx, input.intentId);
  const owner = await getOrganization(ctx, intent.organizationId);
  const interested = await getOrganization(ctx, input.interestedOrganizationId);
  const to = owner.contacts.email;
  if (!to) return { told: false };
  const language =
    owner.languages.find((code) => shippedLanguages.includes(code)) ?? ctx.config.defaultLanguage;
  const mail = wordMail(networkMessages, language, 'intent-interest', {
    direction: intent.direction,
    title: intent.title,
    organization: interested.name,
    contact: interested.contacts.email ?? interested.contacts.phone ?? '-',
    interested: input.interested,
    link: `${ctx.publicUrl}/offers-and-needs/${intent.id}`,
  });
  await ctx.outbox.mail(ctx.db, { to, ...mail });
  return { told: true };
}
