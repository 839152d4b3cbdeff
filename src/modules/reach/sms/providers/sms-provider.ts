// The providers behind one interface: each sends an SMS and reads its own callbacks into the
// same two shapes, an inbound message or a delivery report. Which one sends is configuration
// (REACH_SMS_PROVIDER); callbacks of each come to their own route.
import type { SmsProviderName } from '../../../../config.ts';
import type { Context } from '../../../../platform/context.ts';
import type { FieldError } from '../../../../platform/errors.ts';
import type { SmsDeliveryState } from '../../../../platform/outbox/index.ts';
import type { OutgoingSms, SmsAccepted } from '../../../../platform/sms.ts';

export type SmsProvider = {
  name: SmsProviderName;
  send(ctx: Context, sms: OutgoingSms): Promise<SmsAccepted>;
};

export type InboundSms = {
  kind: 'inbound';
  providerMessageId: string;
  /** E.164. */
  from: string;
  text: string;
};

export type DeliveryReport = {
  kind: 'delivery-report';
  providerMessageId: string;
  state: SmsDeliveryState;
  detail: string | undefined;
};

export type ProviderCallback = InboundSms | DeliveryReport;

/** What a callback's fields say, or the fields that are missing or wrong. */
export type CallbackReading =
  | { ok: true; callback: ProviderCallback }
  | { ok: false; errors: FieldError[] };

/** A provider's answer that says the request itself is wrong: trying again cannot help. */
export function isPermanentHttpStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}
