// The reach module's catalogue: the USSD screens of the channel and of its own menus, problem
// details and audit words, one `messages/<lang>.json` per shipped language.
import { defineCatalogue } from '../../platform/messages/catalogue.ts';

export type ReachMessageKey = keyof typeof import('./messages/en.json');

export const reachMessages = defineCatalogue<ReachMessageKey>(
  'reach',
  new URL('./messages/', import.meta.url),
);
export const reachMessage = reachMessages.message;
