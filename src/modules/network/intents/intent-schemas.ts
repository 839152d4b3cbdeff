// Pure zod: offers and needs ("intents", in ValueFlows' word), their board and their suggestions.
import { z } from 'zod';
import { affiliationKinds, CountryCode, IcaSector, partnershipKinds, text } from '../schemas.ts';

export const intentDirections = ['offer', 'need'] as const;
export const intentKinds = ['product', 'service', 'know-how', 'finance', 'training'] as const;
export const intentStatuses = ['open', 'closed'] as const;

export const IntentDirection = z.enum(intentDirections);
export const IntentKind = z.enum(intentKinds);
export type IntentDirection = z.infer<typeof IntentDirection>;
export type IntentKind = z.infer<typeof IntentKind>;

const IsoDate = z.iso.date('Use a date such as 2024-02-01.');

const Countries = z
  .array(CountryCode)
  .max(50, 'Give at most 50 countries, or none for anywhere.')
  .refine((list) => new Set(list).size === list.length, {
    message: 'Give each country once.',
    params: { code: 'duplicate' },
  });

const Version = z
  .number()
  .int('Send the version you read, a whole number.')
  .min(1, 'Send the version you read.');

const datesInOrder = (input: { validFrom?: string | null; validUntil?: string | null }) =>
  !input.validFrom || !input.validUntil || input.validUntil >= input.validFrom;
const datesMessage = {
  message: 'It cannot end before it starts: validUntil must be on or after validFrom.',
  path: ['validUntil'],
  params: { code: 'end-before-start' },
};

export const CreateIntentInput = z
  .strictObject({
    organizationId: z.uuid('Use the id (a UUID) of the organization that offers or needs.'),
    direction: IntentDirection,
    title: text(200),
    description: text(4000, { multiline: true }).optional(),
    sector: IcaSector,
    countries: Countries.optional(),
    kind: IntentKind,
    validFrom: IsoDate.optional(),
    validUntil: IsoDate.optional(),
  })
  .refine(datesInOrder, datesMessage);
export type CreateIntentInput = z.input<typeof CreateIntentInput>;

/** A partial change: the fields sent are changed (null clears an optional one). */
export const UpdateIntentInput = z
  .strictObject({
    version: Version,
    title: text(200).optional(),
    description: text(4000, { multiline: true }).nullable().optional(),
    sector: IcaSector.optional(),
    countries: Countries.optional(),
    kind: IntentKind.optional(),
    validFrom: IsoDate.nullable().optional(),
    validUntil: IsoDate.nullable().optional(),
  })
  .refine(datesInOrder, datesMessage);
export type UpdateIntentInput = z.input<typeof UpdateIntentInput>;

export const CloseIntentInput = z.strictObject({ version: Version });
export type CloseIntentInput = z.input<typeof CloseIntentInput>;

export const Intent = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  direction: IntentDirection,
  title: z.string(),
  description: z.string().nullable(),
  sector: IcaSector,
  /** Where it applies; empty means anywhere. */
  countries: z.array(z.string()),
  kind: IntentKind,
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  status: z.enum(intentStatuses),
  /** Today is outside its dates (before validFrom or after validUntil): not suggested. */
  expired: z.boolean(),
  closedAt: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Intent = z.infer<typeof Intent>;

const trueOrFalse = z.enum(['true', 'false'], 'Use true or false.');

export const FindIntentsQuery = z.strictObject({
  direction: IntentDirection.optional(),
  kind: IntentKind.optional(),
  sector: IcaSector.optional(),
  /** Intents that apply in this country, including those that apply anywhere. */
  country: CountryCode.optional(),
  organizationId: z.uuid('Use an organization id (a UUID).').optional(),
  q: z.string().trim().max(200, 'Search text must be at most 200 characters.').optional(),
  status: z.enum([...intentStatuses, 'any']).default('open'),
  /** Open intents outside their dates are left out unless asked for. */
  includeExpired: trueOrFalse.default('false'),
  limit: z.coerce
    .number()
    .int('Use a whole number.')
    .min(1, 'Use a limit from 1 to 100.')
    .max(100, 'Use a limit from 1 to 100.')
    .default(20),
  cursor: z.string().max(200, 'This cursor is not one this server gave.').optional(),
});
export type FindIntentsQuery = z.input<typeof FindIntentsQuery>;

export const IntentPage = z.object({ items: z.array(Intent), nextCursor: z.string().nullable() });
export type IntentPage = z.infer<typeof IntentPage>;

export const IntentIdParams = z.strictObject({
  id: z.uuid('An intent id is a UUID, such as 0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e.'),
});

export const SuggestionsQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int('Use a whole number.')
    .min(1, 'Use a limit from 1 to 50.')
    .max(50, 'Use a limit from 1 to 50.')
    .default(10),
});
export type SuggestionsQuery = z.input<typeof SuggestionsQuery>;

/** One reason for a suggestion, as a code and the facts behind it (the score's component it explains). */
export const SuggestionReason = z.discriminatedUnion('code', [
  /** sector: both in this ICA sector. */
  z.object({ code: z.literal('same-sector'), sector: IcaSector }),
  /** place: both organizations are based in this country. */
  z.object({ code: z.literal('same-country'), country: z.string() }),
  /** place: the provider is based in this country, where the need is. */
  z.object({ code: z.literal('provider-in-need-country'), country: z.string() }),
  /** place: the two organizations are this far apart (under the nearness limit). */
  z.object({ code: z.literal('near'), km: z.number() }),
  /** text: the words the two share, all of them. */
  z.object({ code: z.literal('shared-words'), words: z.array(z.string()) }),
  /** ties: one of the two organizations is affiliated to the other. */
  z.object({
    code: z.literal('affiliation'),
    kind: z.enum(affiliationKinds),
    memberName: z.string(),
    parentName: z.string(),
  }),
  /** ties: the two are partners in force. */
  z.object({ code: z.literal('partnership'), kind: z.enum(partnershipKinds) }),
  /** ties: both belong to the same parent. */
  z.object({ code: z.literal('shared-parent'), parentName: z.string() }),
]);
export type SuggestionReason = z.infer<typeof SuggestionReason>;

export const Suggestion = z.object({
  intent: Intent,
  /** The weighted sum of the components (see `suggestionWeights`), 0 to 1. */
  score: z.number(),
  components: z.object({
    sector: z.number(),
    place: z.number(),
    text: z.number(),
    ties: z.number(),
  }),
  /** Why, in sentences (English). */
  reasons: z.array(z.string()),
  /** The same reasons, in the same order, as codes with their facts: to word them in any language. */
  reasonCodes: z.array(SuggestionReason),
  /** Kilometres between the two organizations, when both have coordinates. */
  distanceKm: z.number().nullable(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const SuggestionList = z.object({
  /** The intent the suggestions are for. */
  for: Intent,
  items: z.array(Suggestion),
});
export type SuggestionList = z.infer<typeof SuggestionList>;
