// Outgoing mail, as the outbox delivers it. With SMTP_URL set, mail goes through that server
// (and its text is never logged); without it, each message is written to the log, so a small
// instance works before mail is set up.
import nodemailer from 'nodemailer';
import type { Logger } from './context.ts';
import type { Catalogue, MessageParams } from './messages/catalogue.ts';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  /** The outbox message's id: the same in every attempt, so a receiver can tell a repeat. */
  messageId: string;
};

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
  const domain = /@([^>]+)>?$/.exec(from)?.[1] ?? 'intercoop.localhost';
  if (!smtpUrl) {
    return {
      async send(mail) {
        log.info(
          { mail: { id: mail.messageId, to: mail.to, subject: mail.subject, text: mail.text } },
          'mail not sent (no SMTP_URL): written here instead',
        );
      },
      close() {},
    };
  }
  // An attempt must end well within the outbox's time limit for one (2 minutes). Values in the
  // URL's query, if any, win.
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 40_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.messageId}@${domain}>`,
      });
    },
    close() {
      transport.close();
    },
  };
}
