// The accounts module's catalogue: what its use cases say (problem details) and its mail, one
// `messages/<lang>.json` per shipped language.
import { defineCatalogue } from '../../platform/messages/catalogue.ts';

export type AccountsMessageKey = keyof typeof import('./messages/en.json');

export const accountsMessages = defineCatalogue<AccountsMessageKey>(
  'accounts',
  new URL('./messages/', import.meta.url),
);
export const accountsMessage = accountsMessages.message;
