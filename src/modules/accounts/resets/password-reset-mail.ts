import { wordMail } from '../../../platform/mail.ts';
import { accountsMessages } from '../messages.ts';

/** The mail that carries a password reset link, worded in `language`; sending it is the caller's. */
export function passwordResetMail(
  language: string,
  params: { link: string; lifetimeMinutes: number },
): { subject: string; text: string } {
  return wordMail(accountsMessages, language, 'password-reset', {
    minutes: params.lifetimeMinutes,
    link: params.link,
  });
}
