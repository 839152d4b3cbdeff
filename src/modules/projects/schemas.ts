// Pure zod: projects, their participants and figures, and the impact roll-up. Imported by the
// routes, the use cases and (as types) the web client. Sectors, countries and the rules of plain
// text are the network's, from its own pure schemas file.
import { z } from 'zod';
import { addMoneyIssue, CurrencyCode, parseMoney } from '../../platform/money-schemas.ts';
import { CountryCode, IcaSector, text, Website } from '../network/schemas.ts';

export type { IcaSector } from '../network/schemas.ts';

export const projectStatuses = ['planned', 'active', 'completed', 'cancelled'] as const;
export const participantRoles = [
  'lead',
  'funder',
  'technical-partner',
  'beneficiary',
  'offtaker',
] as const;

/**
 * Each indicator has one unit, so that figures of one indicator always add up. Money's unit is
 * its currency, and sums of money are kept per currency.
 */
export const indicatorUnits = {
  'households-connected': 'households',
  'customers-connected': 'customers',
  'kwh-delivered': 'kWh',
  'people-trained': 'people',
  'jobs-created': 'jobs',
  'money-mobilised': 'currency',
} as const;
export type Indicator = keyof typeof indicatorUnits;
export const indicators = Object.keys(indicatorUnits) as [Indicator, ...Indicator[]];
/** Indicators that count things: whole numbers only. */
export const countIndicators: ReadonlySet<Indicator> = new Set([
  'households-connected',
  'customers-connected',
  'people-trained',
  'jobs-created',
]);

export const ProjectStatus = z.enum(projectStatuses);
export const ParticipantRole = z.enum(participantRoles);
export const IndicatorCode = z.enum(indicators, {
  error: `Use one of the indicators: ${indicators.join(', ')}.`,
});
export type ProjectStatus = z.infer<typeof ProjectStatus>;
export type ParticipantRole = z.infer<typeof ParticipantRole>;

const IsoDate = z.iso.date('Use a date such as 2024-02-01.');
const Version = z
  .number()
  .int('Send the version you read, a whole number.')
  .min(1, 'Send the version you read.');

const Countries = z
  .array(CountryCode)
  .min(1, 'Name at least one country the project works in.')
  .max(60, 'Name at most 60 countries.')
  .refine((list) => new Set(list).size === list.length, {
    message: 'Name each country once.',
    params: { code: 'duplicate' },
  });

const Sources = z
  .array(Website)
  .max(10, 'Give at most 10 sources.')
  .refine((list) => new Set(list).size === list.length, {
    message: 'Give each source once.',
    params: { code: 'duplicate' },
  });

export const ParticipantInput = z.strictObject({
  organizationId: z.uuid('Use the id (a UUID) of the participating organization.'),
  role: ParticipantRole,
  note: text(1000, { multiline: true }).optional(),
});

const datesInOrder = (input: { startedOn?: string | null; endedOn?: string | null }) =>
  !input.startedOn || !input.endedOn || input.endedOn >= input.startedOn;

export const CreateProjectInput = z
  .strictObject({
    title: text(200),
    summary: text(4000, { multiline: true }).optional(),
    sector: IcaSector,
    status: ProjectStatus.default('planned'),
    startedOn: IsoDate.optional(),
    endedOn: IsoDate.optional(),
    countries: Countries,
    sources: Sources.optional(),
    participants: z
      .array(ParticipantInput)
      .max(100, 'Give at most 100 participants; add more afterwards.')
      .refine(
        (list) =>
          new Set(list.map((entry) => `${entry.organizationId} ${entry.role}`)).size ===
          list.length,
        { message: 'Give each organization each role once.', params: { code: 'duplicate' } },
      )
      .optional(),
  })
  .refine(datesInOrder, {
    message: 'It cannot end before it starts.',
    path: ['endedOn'],
    params: { code: 'end-before-start' },
  });
export type CreateProjectInput = z.input<typeof CreateProjectInput>;

/** A partial change: the fields sent are changed (null clears an optional one). */
export const UpdateProjectInput = z
  .strictObject({
    version: Version,
    title: text(200).optional(),
    summary: text(4000, { multiline: true }).nullable().optional(),
    sector: IcaSector.optional(),
    status: ProjectStatus.optional(),
    startedOn: IsoDate.nullable().optional(),
    endedOn: IsoDate.nullable().optional(),
    countries: Countries.optional(),
    sources: Sources.optional(),
  })
  .refine(datesInOrder, {
    message: 'It cannot end before it starts.',
    path: ['endedOn'],
    params: { code: 'end-before-start' },
  });
export type UpdateProjectInput = z.input<typeof UpdateProjectInput>;

export const AddParticipantInput = ParticipantInput.extend({ version: Version });
export type AddParticipantInput = z.input<typeof AddParticipantInput>;

const ProjectId = z.uuid('A project id is a UUID, such as 0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e.');

/** The version a removal is made from, in the query: a DELETE carries no body. */
export const VersionQuery = z.strictObject({
  version: z.coerce
    .number('Send the version you read, a whole number.')
    .int('Send the version you read, a whole number.')
    .min(1, 'Send the version you read.'),
});

/** One participation: an organization in one role (it may hold several roles in a project). */
export const ParticipantParams = z.strictObject({
  id: ProjectId,
  organizationId: z.uuid('Use the id (a UUID) of the participating organization.'),
  role: ParticipantRole,
});

export const RemoveParticipantInput = z.strictObject({
  version: Version,
  organizationId: ParticipantParams.shape.organizationId,
  role: ParticipantRole,
});
export type RemoveParticipantInput = z.input<typeof RemoveParticipantInput>;

export const FigureParams = z.strictObject({
  id: ProjectId,
  figureId: z.uuid('A figure id is a UUID, as the project lists it under targets or results.'),
});

export const WithdrawFigureInput = z.strictObject({
  version: Version,
  figureId: FigureParams.shape.figureId,
});
export type WithdrawFigureInput = z.input<typeof WithdrawFigureInput>;

const decimal = /^\d{1,15}(\.\d+)?$/;
/** Quantities (numeric(18,3)) have at most three decimals; money has its currency's. */
const quantity = /^\d{1,15}(\.\d{1,3})?$/;

/**
 * A target or a result. The amount is a decimal string, never a float: money exact to its
 * currency's minor unit as ISO 4217 gives it ("700000.00" USD, "3000000000" XOF, "12.500" IQD),
 * other figures to three decimals, counts whole.
 */
export const RecordFigureInput = z
  .strictObject({
    version: Version,
    kind: z.enum(['target', 'result']),
    indicator: IndicatorCode,
    amount: z
      .string()
      .max(20, 'Use at most 15 digits before the decimal point.')
      .refine((value) => !value.trim().startsWith('-'), {
        message: 'An amount cannot be negative.',
        params: { code: 'negative-amount' },
      })
      .refine((value) => decimal.test(value), {
        message: 'Write the amount as a decimal string, such as "350" or "700000.00".',
        params: { code: 'invalid-format', format: 'decimal' },
      }),
    /** Optional; when sent, it must be the indicator's unit (the currency's code for money). */
    unit: z.string().max(20, 'Must be at most 20 characters.').optional(),
    currency: CurrencyCode.optional(),
    /** One of the project's countries, or null: not attributable to one country. */
    country: CountryCode.nullable().optional(),
    period: z
      .number()
      .int('Use a whole year, such as 2021.')
      .min(1900, 'Use a year from 1900 on.')
      .max(2100, 'Use a year up to 2100.'),
    note: text(1000, { multiline: true }).optional(),
    source: Website.optional(),
  })
  .superRefine((input, issues) => {
    const money = input.indicator === 'money-mobilised';
    if (money && !input.currency) {
      issues.addIssue({
        code: 'custom',
        path: ['currency'],
        message: 'Money needs its currency, an ISO 4217 code such as USD.',
        params: { code: 'currency-required' },
      });
    }
    if (!money && input.currency) {
      issues.addIssue({
        code: 'custom',
        path: ['currency'],
        message: `Only money has a currency; ${input.indicator} is counted in ${indicatorUnits[input.indicator]}.`,
        params: { code: 'currency-not-allowed', unit: indicatorUnits[input.indicator] },
      });
    }
    const unit = money ? input.currency : indicatorUnits[input.indicator];
    if (input.unit !== undefined && unit !== undefined && input.unit !== unit) {
      issues.addIssue({
        code: 'custom',
        path: ['unit'],
        message: `${input.indicator} is counted in ${unit}; leave unit out or send ${unit}.`,
        params: { code: 'unit-mismatch', unit },
      });
    }
    if (!decimal.test(input.amount)) return;
    if (!money && !quantity.test(input.amount)) {
      issues.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'Write the amount with at most three decimals, such as "350" or "12.5".',
        params: { code: 'invalid-format', format: 'decimal' },
      });
      return;
    }
    const decimals = input.amount.split('.')[1]?.length ?? 0;
    if (countIndicators.has(input.indicator) && decimals > 0 && !/^\d+\.0+$/.test(input.amount)) {
      issues.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `${indicatorUnits[input.indicator]} are counted whole: use a whole number.`,
        params: { code: 'whole-number-required' },
      });
    }
    if (money && input.currency) {
      // The currency's own errors come from CurrencyCode; here, the amount's in that currency.
      const parsed = parseMoney(input.amount, input.currency);
      if (!parsed.ok && parsed.error.field === 'amount') addMoneyIssue(issues, parsed.error);
    }
  });
export type RecordFigureInput = z.input<typeof RecordFigureInput>;

export const Figure = z.object({
  id: z.uuid(),
  kind: z.enum(['target', 'result']),
  indicator: IndicatorCode,
  /** The unit of the amount: the indicator's unit, or for money its currency. */
  unit: z.string(),
  amount: z.string(),
  currency: z.string().nullable(),
  country: z.string().nullable(),
  period: z.number().int(),
  note: z.string().nullable(),
  source: z.string().nullable(),
});
export type Figure = z.infer<typeof Figure>;

export const Participant = z.object({
  organizationId: z.uuid(),
  organizationName: z.string(),
  role: ParticipantRole,
  note: z.string().nullable(),
});
export type Participant = z.infer<typeof Participant>;

export const Project = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string().nullable(),
  sector: IcaSector,
  status: ProjectStatus,
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  countries: z.array(z.string()),
  sources: z.array(z.string()),
  participants: z.array(Participant),
  targets: z.array(Figure),
  results: z.array(Figure),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof Project>;

/** A project's results summed per indicator (and per currency for money), for lists. */
export const ResultTotal = z.object({
  indicator: IndicatorCode,
  unit: z.string(),
  amount: z.string(),
  currency: z.string().nullable(),
});
export type ResultTotal = z.infer<typeof ResultTotal>;

export const ProjectListItem = Project.pick({
  id: true,
  title: true,
  sector: true,
  status: true,
  startedOn: true,
  endedOn: true,
  countries: true,
  isDemo: true,
}).extend({
  /** The lead organizations, in name order. */
  leads: z.array(z.object({ organizationId: z.uuid(), organizationName: z.string() })),
  /** The results recorded so far, summed per indicator and currency. */
  resultTotals: z.array(ResultTotal),
});
export type ProjectListItem = z.infer<typeof ProjectListItem>;

export const ProjectPage = z.object({
  items: z.array(ProjectListItem),
  nextCursor: z.string().nullable(),
});
export type ProjectPage = z.infer<typeof ProjectPage>;

const Limit = z.coerce
  .number()
  .int('Use a whole number.')
  .min(1, 'Use a limit from 1 to 100.')
  .max(100, 'Use a limit from 1 to 100.');

export const FindProjectsQuery = z.strictObject({
  q: z.string().trim().max(200, 'Search text must be at most 200 characters.').optional(),
  country: CountryCode.optional(),
  sector: IcaSector.optional(),
  status: ProjectStatus.optional(),
  organizationId: z.uuid('Use the id (a UUID) of a participating organization.').optional(),
  limit: Limit.default(20),
  cursor: z.string().max(500, 'This cursor is not one this server gave.').optional(),
});
export type FindProjectsQuery = z.input<typeof FindProjectsQuery>;

export const ProjectIdParams = z.strictObject({ id: ProjectId });

/** The label of results not attributable to one country, in by-country views. */
export const multiCountry = 'multi-country';

export const impactRule =
  'Totals count each result once. By country: a result recorded for a country counts for that country; a result recorded without a country (in a multi-country project) is shown once under "multi-country", never split or repeated across the project\'s countries. Money is summed per currency, never across currencies. Targets are not results and are left out unless kind=target.';

export const ImpactQuery = z.strictObject({
  by: z.enum(['indicator', 'sector', 'year', 'country']).default('indicator'),
  kind: z.enum(['result', 'target']).default('result'),
  indicator: IndicatorCode.optional(),
  sector: IcaSector.optional(),
  /** Results recorded for this country (not those shown under multi-country). */
  country: CountryCode.optional(),
  year: z.coerce
    .number('Use a whole year, such as 2021.')
    .int('Use a whole year, such as 2021.')
    .min(1900, 'Use a year from 1900 on.')
    .max(2100, 'Use a year up to 2100.')
    .optional(),
  status: ProjectStatus.optional(),
  organizationId: z.uuid('Use the id (a UUID) of a participating organization.').optional(),
});
export type ImpactQuery = z.input<typeof ImpactQuery>;

export const ImpactTotal = z.object({
  indicator: IndicatorCode,
  unit: z.string(),
  amount: z.string(),
  /** Set for money: sums are per currency. */
  currency: z.string().nullable(),
  /** How many results were added. */
  results: z.number().int(),
  /** How many projects they come from. */
  projects: z.number().int(),
});
export type ImpactTotal = z.infer<typeof ImpactTotal>;

export const Impact = z.object({
  by: z.enum(['indicator', 'sector', 'year', 'country']),
  kind: z.enum(['result', 'target']),
  rule: z.string(),
  groups: z.array(z.object({ key: z.string(), totals: z.array(ImpactTotal) })),
  /** Each figure counted once, whatever the grouping. */
  totals: z.array(ImpactTotal),
});
export type Impact = z.infer<typeof Impact>;
