// The KPI module's catalogue: what its use cases say (problem details) and how its field-error
// codes are worded, one `messages/<lang>.json` per shipped language.
import { defineCatalogue } from '../../platform/messages/catalogue.ts';

export type KpiMessageKey = keyof typeof import('./messages/en.json');

export const kpiMessages = defineCatalogue<KpiMessageKey>(
  'kpi',
  new URL('./messages/', import.meta.url),
);
export const kpiMessage = kpiMessages.message;
