// What the KPI module plugs into the platform (see platform/modules.ts): its routes, the codes of
// its rules with the params each carries, and the words of its audit log.
import type { IntercoopModule } from '../../platform/modules.ts';
import { kpiMessages } from './messages.ts';
import { kpiRoutes } from './routes.ts';

const kpiFieldErrorCodes = {
  'english-required': '',
  'aggregation-required': '',
  'aggregation-not-allowed': '',
  'weight-mismatch': '',
  'weight-itself': '',
  'range-inverted': '',
  'formula-syntax': '{at}',
  'formula-not-allowed': '{what}',
  'formula-too-deep': '{limit}',
  'formula-cycle': '{path}',
  'indicator-unknown': '{codes}',
  'invalid-period': '',
  'indicator-computed': '{inputs}',
  'wrong-periodicity': '{periodicity}',
  'value-not-allowed': '',
  'out-of-range': '{minimum} {maximum}',
} as const;

declare module '../../platform/field-errors.ts' {
  interface ModuleFieldErrorCodes extends Record<keyof typeof kpiFieldErrorCodes, true> {}
}

export const kpiModule: IntercoopModule = {
  name: 'kpi',
  messages: kpiMessages,
  routes: [{ prefix: '/api/kpi', plugin: kpiRoutes }],
  fieldErrorCodes: kpiFieldErrorCodes,
  audit: {
    actions: [
      'create-indicator',
      'update-indicator',
      'save-kpi-report',
      'submit-kpi-report',
      'validate-kpi-report',
      'return-kpi-report',
      'revise-kpi-report',
      'set-exchange-rate',
    ],
    entityTypes: ['indicator', 'kpi-report', 'exchange-rate'],
  },
};
