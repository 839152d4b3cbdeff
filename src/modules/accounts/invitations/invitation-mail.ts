import { wordMail } from '../../../platform/mail.ts';
import { accountsMessages } from '../messages.ts';

/** The mail that carries an invitation's link, worded in `language`; sending it is the caller's. */
export function invitationMail(
  language: string,
  params: { inviterEmail: string; link: string; lifetimeDays: number },
): { subject: string; text: string } {
  return wordMail(accountsMessages, language, 'invitation', {
    inviter: params.inviterEmail,
    days: params.lifetimeDays,
    link: params.link,
  });
}
