// Notices of claims, by mail through the outbox in the transaction of the claim or decision,
// each in its recipient's language (else the instance's default).

import type { Context } from '../../../platform/context.ts';
import { wordMail } from '../../../platform/mail.ts';
import { selectorOf } from '../../../platform/messages/catalogue.ts';
import { findOrganizationAdminContacts } from '../../accounts/index.ts';
import { networkMessages } from '../messages.ts';
import type { TieClaim } from '../schemas.ts';

async function tellAdmins(
  tx: Context,
  organizationId: string,
  name: 'tie-claimed' | 'tie-claim-decided',
  claim: TieClaim,
): Promise<void> {
  const contacts = await findOrganizationAdminContacts(tx.db, organizationId);
  for (const contact of contacts) {
    const language = contact.language ?? tx.config.defaultLanguage;
    await tx.outbox.mail(tx.db, {
      to: contact.email,
      ...wordMail(networkMessages, language, name, {
        claimer: claim.claimedByName,
        awaited: claim.awaitedFromName,
        from: claim.fromName,
        to: claim.toName,
        kind: selectorOf(claim.kind),
        state: claim.state,
        link: `${tx.publicUrl}/organizations/${claim.awaitedFromId}`,
      }),
    });
  }
}

/** Tells the admins of the organization a claim awaits that it waits for their word. */
export const noticeOfClaim = (tx: Context, claim: TieClaim) =>
  tellAdmins(tx, claim.awaitedFromId, 'tie-claimed', claim);

/** Tells the admins of the claiming organization that the other side confirmed or declined. */
export const noticeOfDecision = (tx: Context, claim: TieClaim) =>
  tellAdmins(tx, claim.claimedById, 'tie-claim-decided', claim);
