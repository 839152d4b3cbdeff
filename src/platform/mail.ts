// Outgoing mail. With SMTP_URL set, mail goes through that server; without it, each message is
// written to the log, so a small instance works before mail is set up.
import nodemailer from 'nodemailer';
import type { Logger } from './context.ts';

export type OutgoingMail = { to: string; subject: string; text: string };
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

/**
 * Sends without making the caller wait: an answer that waited on the mail server would tell, by
 * its time, that a mail was sent (to an email with an account, say). A failure is logged.
 */
export function sendLater(ctx: { mail: Mailer; log: Logger }, mail: OutgoingMail): void {
  ctx.mail.send(mail).catch((error: unknown) => {
    ctx.log.error({ err: error, to: mail.to, subject: mail.subject }, 'mail not sent');
  });
}
