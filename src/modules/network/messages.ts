// The network module's catalogue: what its use cases say (problem details), one
// `messages/<lang>.json` per shipped language.
import { defineCatalogue } from '../../platform/messages/catalogue.ts';

export type NetworkMessageKey = keyof typeof import('./messages/en.json');

export const networkMessages = defineCatalogue<NetworkMessageKey>(
  'network',
  new URL('./messages/', import.meta.url),
);
export const networkMessage = networkMessages.message;
