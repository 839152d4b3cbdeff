// Africa's Talking: sending through its messaging API (POST {AFRICASTALKING_API_URL}/version1/messaging,
// the `apiKey` header, a form of username, to, message and from), and its callbacks, which come
// to one URL: an inbound message (`from`, `to`, `text`, `id`, `date`, `linkId`) or a delivery
// report (`id`, `status`, `phoneNumber`, `failureReason`). It signs nothing: the route checks
// the secret it was given (REACH_WEBHOOK_SECRET).
import type { SmsConfig } from '../../../../config.ts';
import type { SmsDeliveryState } from '../../../../platform/outbox/index.ts';
import { UndeliverableError } from '../../../../platform/sms.ts';
import { CallbackFields } from './callback-fields.ts';
import { type CallbackReading, isPermanentHttpStatus, type SmsProvider } from './sms-provider.ts';

// Recipient status codes of the messaging API: 100 processed, 101 sent, 102 queued; the others
// are refusals. Of those, these cannot change by trying again.
const permanentCodes = new Set([402, 403, 404, 406, 409]);

type Recipient = { statusCode?: number; status?: string; messageId?: string; number?: string };

const timeoutMs = 30_000;

export function africasTalkingProvider(config: SmsConfig['africastalking']): SmsProvider {
  return {
    name: 'africastalking',
    async send(_ctx, sms) {
      const { username, apiKey, senderId, apiUrl } = config;
      if (!username || !apiKey) throw new Error("Africa's Talking is not configured");
      const form = new URLSearchParams({ username, to: sms.to, message: sms.text });
      if (senderId) form.set('from', senderId);
      const response = await fetch(`${apiUrl}/version1/messaging`, {
        method: 'POST',
        headers: {
          apiKey,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: form,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) {
        const reason = `Africa's Talking answered ${response.status}: ${text.slice(0, 200)}`;
        throw isPermanentHttpStatus(response.status)
          ? new UndeliverableError(reason)
          : new Error(reason);
      }
      let recipient: Recipient | undefined;
      try {
        recipient = (JSON.parse(text) as { SMSMessageData?: { Recipients?: Recipient[] } })
          .SMSMessageData?.Recipients?.[0];
      } catch {
        throw new Error(`Africa's Talking answered what is not JSON: ${text.slice(0, 200)}`);
      }
      if (!recipient)
        throw new UndeliverableError(`Africa's Talking took no recipient: ${text.slice(0, 200)}`);
      const code = recipient.statusCode ?? 0;
      if (code >= 100 && code <= 102 && recipient.messageId) {
        return {
          providerMessageId: recipient.messageId,
          state: code === 101 ? 'sent' : 'accepted',
        };
      }
      const reason = `Africa's Talking refused it: ${code} ${recipient.status ?? ''}`.trim();
      throw permanentCodes.has(code) ? new UndeliverableError(reason) : new Error(reason);
    },
  };
}

// Delivery report statuses: Sent, Submitted and Buffered are on their way; Success is on the
// phone; Rejected, Failed, AbsentSubscriber and Expired are final failures.
const reportStates: Record<string, SmsDeliveryState> = {
  Sent: 'sent',
  Submitted: 'sent',
  Buffered: 'sent',
  Success: 'delivered',
  Rejected: 'undelivered',
  Failed: 'undelivered',
  AbsentSubscriber: 'undelivered',
  Expired: 'undelivered',
};

/** An inbound message or a delivery report, from the callback's form fields. */
export function readAfricasTalkingCallback(form: Record<string, string>): CallbackReading {
  const fields = new CallbackFields(form);
  if (fields.has('status') && !fields.has('text')) {
    const providerMessageId = fields.required('id', 200);
    const status = fields.required('status', 40);
    const state = reportStates[status];
    if (status !== '' && !state) {
      fields.errors.push({
        pointer: '/status',
        detail: `Must be one of ${Object.keys(reportStates).join(', ')}.`,
        code: 'invalid-option',
        params: { options: Object.keys(reportStates).join(', ') },
      });
    }
    if (fields.errors.length > 0 || !state) return { ok: false, errors: fields.errors };
    const detail = fields.optional('failureReason', 200);
    return {
      ok: true,
      callback: { kind: 'delivery-report', providerMessageId, state, detail: detail ?? status },
    };
  }
  const providerMessageId = fields.required('id', 200);
  const from = fields.phone('from');
  // A text may be empty (a blank SMS); it must be there. Its length is not limited here: only its
  // first word is read.
  if (!fields.has('text'))
    fields.errors.push({ pointer: '/text', detail: 'Send text.', code: 'required' });
  if (fields.errors.length > 0) return { ok: false, errors: fields.errors };
  return {
    ok: true,
    callback: { kind: 'inbound', providerMessageId, from, text: form.text ?? '' },
  };
}
