// Twilio: sending through its Messages API (POST {TWILIO_API_URL}/2010-04-01/Accounts/{sid}/
// Messages.json, basic auth with the account SID and auth token, a form of To, From or
// MessagingServiceSid, Body and StatusCallback), its callbacks (an inbound message, with Body and
// From; a status callback, with MessageStatus) and their signature, checked exactly as Twilio
// specifies it (https://www.twilio.com/docs/usage/security#validating-requests): the HMAC-SHA1,
// keyed with the auth token, of the URL Twilio called (scheme, host, path and query) followed by
// every POST parameter sorted by name, each name followed by its value; base64.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SmsConfig } from '../../../../config.ts';
import type { SmsDeliveryState } from '../../../../platform/outbox/index.ts';
import { UndeliverableError } from '../../../../platform/sms.ts';
import { CallbackFields } from './callback-fields.ts';
import { type CallbackReading, isPermanentHttpStatus, type SmsProvider } from './sms-provider.ts';

/** Where Twilio's callbacks come, below PUBLIC_URL: its status callbacks are asked for there. */
export const twilioCallbackPath = '/api/reach/sms/twilio';

const timeoutMs = 30_000;

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The signature Twilio sends in X-Twilio-Signature for a form POST to `url`. */
export function twilioSignature(
  authToken: string,
  url: string,
  pairs: ReadonlyArray<readonly [string, string]>,
): string {
  // Sorted by name, and a name sent more than once by its values, as Twilio's own libraries do.
  const sorted = [...pairs].sort(
    ([nameA, valueA], [nameB, valueB]) => byCodeUnits(nameA, nameB) || byCodeUnits(valueA, valueB),
  );
  const hmac = createHmac('sha1', authToken);
  hmac.update(url, 'utf8');
  for (const [name, value] of sorted) hmac.update(name + value, 'utf8');
  return hmac.digest('base64');
}

/** Whether a request's X-Twilio-Signature is the one its URL and parameters give; constant time. */
export function isTwilioSignatureValid(
  authToken: string,
  url: string,
  pairs: ReadonlyArray<readonly [string, string]>,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, pairs));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function twilioProvider(config: SmsConfig['twilio']): SmsProvider {
  return {
    name: 'twilio',
    async send(ctx, sms) {
      const { accountSid, authToken, from, apiUrl } = config;
      if (!accountSid || !authToken || !from) throw new Error('Twilio is not configured');
      const form = new URLSearchParams({
        To: sms.to,
        Body: sms.text,
        StatusCallback: `${ctx.publicUrl}${twilioCallbackPath}`,
      });
      form.set(/^MG[0-9a-fA-F]{32}$/.test(from) ? 'MessagingServiceSid' : 'From', from);
      const response = await fetch(`${apiUrl}/2010-04-01/Accounts/${accountSid}/Messages.json`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: form,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let answer: { sid?: string; status?: string; code?: number; message?: string } = {};
      try {
        answer = JSON.parse(text);
      } catch {
        // Said below, with the status.
      }
      if (!response.ok) {
        const reason = `Twilio answered ${response.status}: ${answer.code ?? ''} ${answer.message ?? text.slice(0, 200)}`;
        throw isPermanentHttpStatus(response.status)
          ? new UndeliverableError(reason)
          : new Error(reason);
      }
      if (!answer.sid)
        throw new Error(`Twilio answered without a message SID: ${text.slice(0, 200)}`);
      return {
        providerMessageId: answer.sid,
        state:
          answer.status === 'sent'
            ? 'sent'
            : answer.status === 'delivered'
              ? 'delivered'
              : 'accepted',
      };
    },
  };
}

// Message statuses (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values).
const statusStates: Record<string, SmsDeliveryState> = {
  accepted: 'accepted',
  scheduled: 'accepted',
  queued: 'accepted',
  sending: 'accepted',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'undelivered',
  canceled: 'undelivered',
};

/** An inbound message or a status callback, from the callback's form fields. */
export function readTwilioCallback(form: Record<string, string>): CallbackReading {
  const fields = new CallbackFields(form);
  if (fields.has('MessageStatus') && !fields.has('Body')) {
    const providerMessageId = fields.required('MessageSid', 200);
    const status = fields.required('MessageStatus', 40);
    const state = statusStates[status];
    if (status !== '' && !state) {
      fields.errors.push({
        pointer: '/MessageStatus',
        detail: `Must be one of ${Object.keys(statusStates).join(', ')}.`,
        code: 'invalid-option',
        params: { options: Object.keys(statusStates).join(', ') },
      });
    }
    if (fields.errors.length > 0 || !state) return { ok: false, errors: fields.errors };
    const code = fields.optional('ErrorCode', 20);
    return {
      ok: true,
      callback: {
        kind: 'delivery-report',
        providerMessageId,
        state,
        detail: code ? `${status} ${code}` : status,
      },
    };
  }
  const providerMessageId = fields.required('MessageSid', 200);
  const from = fields.phone('From');
  if (!fields.has('Body'))
    fields.errors.push({ pointer: '/Body', detail: 'Send Body.', code: 'required' });
  if (fields.errors.length > 0) return { ok: false, errors: fields.errors };
  return {
    ok: true,
    callback: { kind: 'inbound', providerMessageId, from, text: form.Body ?? '' },
  };
}
