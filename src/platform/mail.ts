// Outgoing mail. With SMTP_URL set, mail goes through that server; without it, each message is
// written to the log, so a small instance works before mail is set up.
import nodemailer from 'nodemailer';
import type { Logger } from './context.ts';
import type { Catalogue, MessageParams } from './messages/catalogue.ts';

export type OutgoingMail = { to: string; subject: string; text: string };

/**
 * A mail's words in `language`: the messages `mail.<name>.subject` and `mail.<name>.text` of a
 * catalogue. Wording is apart from sending, so that whatever sends the mail can word it.
 */
export function wordMail<Key extends string>(
  catalogue: Catalogue<Key>,
  language: string,
  name: string,
  params: MessageParams,
): Pick<OutgoingMail, 'subject' | 'text'> {
  return {
    subject: catalogue.format(language, `mail.${name}.subject` as Key, params),
    text: catalogue.format(language, `mail.${name}.text` as Key, params),
  };
}
export type Mailer = { send(mail: OutgoingMail): Promise<void>; close(): void };

export function createMailer(smtpUrl: string | undefined, log: Logger, from: string): Mailer {
  if (!smtpUrl) {
    return {
      async send(mail) {
        log.info(
          { mail: { to: mail.to, subject: mail.subject, text: mail.text } },
          'mail not sent (no SMTP_URL): written here instead',
        );
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    close() {
      transport.close();
    },
  };
}
