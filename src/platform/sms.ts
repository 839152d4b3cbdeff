// Outgoing SMS, as the outbox delivers it: the shape a transport takes, and the refusal that
// makes the outbox give up at once. The transport itself (the providers) is a module's: the
// platform knows it only through this shape (`smsTransport` in a module's manifest).
import type { Config } from '../config.ts';
import type { Context, Logger } from './context.ts';

export type OutgoingSms = {
  /** E.164. */
  to: string;
  text: string;
  /** The name and version of its template (`reach.help.v1`), which a transport may look at. */
  template: string;
  /** The outbox message's id: the same in every attempt. */
  messageId: string;
};

/** What the provider said when it took the message. */
export type SmsAccepted = {
  providerMessageId: string;
  /** Its state once taken: most providers take first and deliver later (`accepted`). */
  state: 'accepted' | 'sent' | 'delivered';
};

export type SmsTransport = {
  /** The provider's name, recorded beside its id for the message (`twilio`). */
  provider: string;
  send(ctx: Context, sms: OutgoingSms): Promise<SmsAccepted>;
};

export type SmsTransportFactory = (config: Config, log: Logger) => SmsTransport;

/**
 * A refusal that trying again cannot change (the number opted out, is not a mobile, is
 * malformed): the outbox marks the message failed at once instead of trying for a day.
 */
export class UndeliverableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndeliverableError';
  }
}
