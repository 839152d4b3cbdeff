// What loading and removing the demo network says, one `messages/<lang>.json` per shipped language.
import { defineCatalogue } from '../platform/messages/catalogue.ts';

export type DemoMessageKey = keyof typeof import('./messages/en.json');

export const demoMessage = defineCatalogue<DemoMessageKey>(
  'demo',
  new URL('./messages/', import.meta.url),
).message;
