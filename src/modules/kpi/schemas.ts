// Pure zod: the KPI catalogue's indicators. Imported by the routes, the use cases and the web
// client. Plain text and language codes follow the network's rules, from its pure schemas file.
import { z } from 'zod';
import { CurrencyCode } from '../../platform/money-schemas.ts';
import { PageCursor, pageLimit } from '../../platform/paging-schemas.ts';
import { LanguageCode, text, Website } from '../network/schemas.ts';

/** Indicator codes: lower case letters, digits and underscores, starting with a letter. */
export const indicatorCodePattern = /^[a-z][a-z0-9_]{0,62}$/;
/** The longest formula text taken: more is a mistake, not a formula. */
export const formulaMaxLength = 500;
/** Periods as the API writes them: `2024-03` (a month), `2024-Q1` (a quarter), `2024` (a year). */
export const periodPattern = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;
/** Years a report may be for: before 1900 or after 2999 is a typing mistake, not a report. */
export const firstYear = 1900;
export const lastYear = 2999;

export const indicatorUnits = [
  'currency',
  'count',
  'people',
  'percent',
  'ratio',
  'kwh',
  'hours',
  'days',
] as const;
export const indicatorDirections = ['higher-is-better', 'lower-is-better'] as const;
export const aggregationKinds = ['sum', 'weighted-average', 'median', 'latest-sum'] as const;
export const periodicities = ['month', 'quarter', 'year'] as const;

export const IndicatorUnit = z.enum(indicatorUnits, {
  error: `Use one of the units: ${indicatorUnits.join(', ')}.`,
});
export const IndicatorDirection = z.enum(indicatorDirections, {
  error: 'Say whether higher or lower is better: higher-is-better or lower-is-better.',
});
export const AggregationKind = z.enum(aggregationKinds, {
  error: `Use one of the ways to add up: ${aggregationKinds.join(', ')}.`,
});
export const Periodicity = z.enum(periodicities, {
  error: 'Use month, quarter or year.',
});
export type IndicatorUnit = z.infer<typeof IndicatorUnit>;
export type IndicatorDirection = z.infer<typeof IndicatorDirection>;
export type AggregationKind = z.infer<typeof AggregationKind>;

export const IndicatorCode = z
  .string()
  .max(63, 'Must be at most 63 characters.')
  .regex(
    indicatorCodePattern,
    'Use lower-case letters, digits and underscores, starting with a letter (at most 63), such as surplus_margin.',
  );

/** Texts per language; the source language (English) is required, as the fallback. */
const Translated = (max: number, what: string) =>
  z
    .record(LanguageCode, text(max, { multiline: max > 200 }))
    .refine((record) => Object.keys(record).length <= 20, {
      message: 'Give at most 20 languages.',
    })
    .refine((record) => typeof record.en === 'string', {
      message: `Give the ${what} in English (en) at least: it is shown where a language has none.`,
      params: { code: 'english-required' },
    });

const Bound = z
  .number({ error: 'Use a number.' })
  .finite('Use a finite number.')
  .nullable()
  .optional();

const Sources = z.array(Website).max(10, 'Give at most 10 sources.');

const indicatorFields = {
  names: Translated(120, 'name'),
  descriptions: Translated(2000, 'description').optional(),
  unit: IndicatorUnit,
  direction: IndicatorDirection,
  periodicity: Periodicity,
  /** How values of many organizations add up; not sent for a formula indicator. */
  aggregation: AggregationKind.optional(),
  /** For a weighted average: the indicator whose values weigh each organization's. */
  weightCode: IndicatorCode.optional(),
  minValue: Bound,
  maxValue: Bound,
  /** A formula over other indicators' codes: `surplus / revenue * 100`. */
  formula: z
    .string()
    .trim()
    .min(1, 'Must not be empty.')
    .max(formulaMaxLength, `Must be at most ${formulaMaxLength} characters.`)
    .optional(),
  dimension: text(60).optional(),
  sources: Sources.optional(),
};

type Shape = {
  aggregation?: AggregationKind | undefined;
  weightCode?: string | undefined;
  formula?: string | undefined;
  minValue?: number | null | undefined;
  maxValue?: number | null | undefined;
};

/** The rules between fields, shared by creating and changing an indicator. */
function checkShape(input: Shape, context: z.RefinementCtx): void {
  if (input.formula === undefined && input.aggregation === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['aggregation'],
      message: 'Say how values add up across organizations, or give a formula.',
      params: { code: 'aggregation-required' },
    });
  }
  if (input.formula !== undefined && input.aggregation !== undefined) {
    context.addIssue({
      code: 'custom',
      path: ['aggregation'],
      message:
        'A formula indicator is computed from the totals of its inputs: leave aggregation out.',
      params: { code: 'aggregation-not-allowed' },
    });
  }
  if ((input.aggregation === 'weighted-average') !== (input.weightCode !== undefined)) {
    context.addIssue({
      code: 'custom',
      path: ['weightCode'],
      message:
        input.aggregation === 'weighted-average'
          ? 'Name the indicator that weighs each organization’s value.'
          : 'Only a weighted average takes a weight: leave weightCode out.',
      params: { code: 'weight-mismatch' },
    });
  }
  if (
    typeof input.minValue === 'number' &&
    typeof input.maxValue === 'number' &&
    input.minValue > input.maxValue
  ) {
    context.addIssue({
      code: 'custom',
      path: ['maxValue'],
      message: 'The largest valid value cannot be below the smallest.',
      params: { code: 'range-inverted' },
    });
  }
}

export const CreateIndicatorInput = z
  .strictObject({ code: IndicatorCode, ...indicatorFields })
  .superRefine(checkShape);
export type CreateIndicatorInput = z.input<typeof CreateIndicatorInput>;

export const UpdateIndicatorInput = z
  .strictObject({
    ...indicatorFields,
    /** An archived indicator takes no new reports; its history stays. */
    archived: z.boolean({ error: 'Use true or false.' }).optional(),
    version: z.number().int('Send the version you read, a whole number.').min(1),
  })
  .superRefine(checkShape);
export type UpdateIndicatorInput = z.input<typeof UpdateIndicatorInput>;

export const Indicator = z.object({
  id: z.uuid(),
  code: z.string(),
  names: z.record(z.string(), z.string()),
  descriptions: z.record(z.string(), z.string()),
  unit: IndicatorUnit,
  direction: IndicatorDirection,
  periodicity: Periodicity,
  aggregation: AggregationKind.nullable(),
  weightCode: z.string().nullable(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  formula: z.string().nullable(),
  /** The indicators the formula reads, in the order they appear. */
  inputs: z.array(z.string()),
  pack: z.string().nullable(),
  dimension: z.string().nullable(),
  sources: z.array(z.string()),
  archived: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Indicator = z.infer<typeof Indicator>;

export const FindIndicatorsQuery = z.strictObject({
  pack: z.string().max(40).optional(),
  archived: z.enum(['true', 'false'], { error: 'Use true or false.' }).optional(),
});
export const IndicatorList = z.object({ items: z.array(Indicator) });

// Reports ---------------------------------------------------------------------------------------

export const reportStatuses = ['draft', 'submitted', 'validated', 'returned'] as const;
export const ReportStatus = z.enum(reportStatuses, {
  error: 'Use draft, submitted, validated or returned.',
});
export type ReportStatus = z.infer<typeof ReportStatus>;

export const PeriodText = z
  .string()
  .max(7, 'Use a period such as 2024-03, 2024-Q1 or 2024.')
  .refine(
    (value) => {
      const year = Number(periodPattern.exec(value)?.[1]);
      return year >= firstYear && year <= lastYear;
    },
    {
      message: 'Use a period such as 2024-03 (a month), 2024-Q1 (a quarter) or 2024 (a year).',
      params: { code: 'invalid-period' },
    },
  );

/**
 * One value: `{"indicator": "members", "value": "40"}`, or for money
 * `{"indicator": "revenue", "amount": "1200.50", "currency": "INR"}`. Numbers travel as decimal
 * strings, so that nothing is rounded on the way.
 */
export const ReportValueInput = z.strictObject({
  indicator: IndicatorCode,
  value: z
    .string()
    .max(40, 'Write the value with at most 40 characters.')
    .regex(/^-?\d+(\.\d+)?$/, 'Write the value as a decimal string, such as "40" or "98.5".')
    .optional(),
  amount: z.string().max(40, 'Write the amount with at most 40 characters.').optional(),
  currency: CurrencyCode.optional(),
});
export type ReportValueInput = z.infer<typeof ReportValueInput>;

const ReportValues = z
  .array(ReportValueInput)
  .max(200, 'Send at most 200 values in one report.')
  .superRefine((values, context) => {
    const seen = new Set<string>();
    values.forEach((entry, index) => {
      if (seen.has(entry.indicator)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'indicator'],
          message: `${entry.indicator} is already in this report: send each indicator once.`,
          params: { code: 'duplicate' },
        });
      }
      seen.add(entry.indicator);
    });
  });

export const SaveReportInput = z.strictObject({
  values: ReportValues,
  /** The version read, when the report exists already. */
  version: z.number().int('Send the version you read, a whole number.').min(1).optional(),
});
export type SaveReportInput = z.input<typeof SaveReportInput>;

export const VersionInput = z.strictObject({
  version: z.number().int('Send the version you read, a whole number.').min(1),
});
export const ReturnReportInput = z.strictObject({
  version: z.number().int('Send the version you read, a whole number.').min(1),
  comment: text(2000, { multiline: true }),
});
export const ReviseReportInput = z.strictObject({
  values: ReportValues,
  version: z.number().int('Send the version you read, a whole number.').min(1),
  reason: text(2000, { multiline: true }),
});
export type ReviseReportInput = z.input<typeof ReviseReportInput>;

export const ReportValue = z.object({
  indicator: z.string(),
  value: z.string().nullable(),
  amount: z.string().nullable(),
  currency: z.string().nullable(),
});
export type ReportValue = z.infer<typeof ReportValue>;

export const ReportEvent = z.object({
  action: z.enum(['save', 'submit', 'validate', 'return', 'revise']),
  revision: z.number().int(),
  reason: z.string().nullable(),
  by: z.string(),
  at: z.string(),
  valuesBefore: z.array(ReportValue).nullable(),
  valuesAfter: z.array(ReportValue).nullable(),
});

export const Report = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  period: z.string(),
  periodicity: Periodicity,
  status: ReportStatus,
  returnComment: z.string().nullable(),
  revision: z.number().int(),
  values: z.array(ReportValue),
  history: z.array(ReportEvent),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Report = z.infer<typeof Report>;

export const ReportParams = z.strictObject({
  organizationId: z.uuid('Use an organization id (a UUID).'),
  period: PeriodText,
});

// Exchange rates --------------------------------------------------------------------------------

export const RateText = z
  .string()
  .max(40, 'Write the rate with at most 40 characters.')
  .regex(/^\d+(\.\d+)?$/, 'Write the rate as a positive decimal string, such as "655.957".')
  .refine((value) => /[1-9]/.test(value), {
    message: 'A rate is more than zero.',
    params: { code: 'too-small' },
  });

export const SetExchangeRateInput = z.strictObject({
  /** Units of the base currency for one unit of the currency. */
  rate: RateText,
  source: Website.optional(),
});
export type SetExchangeRateInput = z.input<typeof SetExchangeRateInput>;

export const ExchangeRateParams = z.strictObject({
  period: PeriodText,
  currency: CurrencyCode,
  base: CurrencyCode,
});

export const ExchangeRate = z.object({
  period: z.string(),
  currency: z.string(),
  base: z.string(),
  rate: z.string(),
  source: z.string().nullable(),
  setBy: z.string(),
  setAt: z.string(),
});
export type ExchangeRate = z.infer<typeof ExchangeRate>;

export const FindExchangeRatesQuery = z.strictObject({
  period: PeriodText.optional(),
  base: CurrencyCode.optional(),
  limit: pageLimit(50),
  cursor: PageCursor.optional(),
});
export type FindExchangeRatesQuery = z.infer<typeof FindExchangeRatesQuery>;
export const ExchangeRateList = z.object({
  items: z.array(ExchangeRate),
  nextCursor: z.string().nullable(),
});
