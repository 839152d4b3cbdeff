// The catalogue of the SMS channel: its problem details and the texts of its SMS templates, one
// `messages/<lang>.json` per shipped language.
import { defineCatalogue } from '../../../platform/messages/catalogue.ts';

export type SmsMessageKey = keyof typeof import('./messages/en.json');

export const smsMessages = defineCatalogue<SmsMessageKey>(
  'reach-sms',
  new URL('./messages/', import.meta.url),
);
export const smsMessage = smsMessages.message;
