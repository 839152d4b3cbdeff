// Pure zod: the shapes of the network module's inputs and outputs. They validate requests,
// feed the OpenAPI document and type the web client (which imports this file only as types).
import countries from 'i18n-iso-countries';
import { z } from 'zod';

export const organizationKinds = [
  'cooperative',
  'federation',
  'group',
  'division',
  'company',
  'ngo',
  'public-body',
  'other',
] as const;

/** The International Cooperative Alliance's sectors, as codes. */
export const icaSectors = [
  'agriculture',
  'consumer-retail',
  'finance',
  'industry-services',
  'insurance',
  'health-social-care',
  'housing',
  'energy-utilities',
  'education',
  'other',
] as const;

export const OrganizationKind = z.enum(organizationKinds);
export const IcaSector = z.enum(icaSectors);
export type OrganizationKind = z.infer<typeof OrganizationKind>;
export type IcaSector = z.infer<typeof IcaSector>;

export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166-1 country code in capitals, such as IN or ES.')
  .refine((code) => countries.isValid(code), {
    message: 'This is not an ISO 3166-1 country code; use one such as IN, ES or LR.',
  });

// Control characters have no place in a name and break exports; long texts keep line breaks.
const controlCharacter = /\p{Cc}/u;
const controlCharacterExceptLayout = /(?![\t\n\r])\p{Cc}/u;

// Markup has no place in plain-text fields: refused rather than stored for every consumer
// (web, exports, SMS) to escape.
const markup = /<\s*[a-zA-Z/!?]/;

const text = (max: number, { multiline = false } = {}) =>
  z
    .string()
    .trim()
    .min(1, 'Must not be empty.')
    .max(max, `Must be at most ${max} characters.`)
    .refine((value) => !(multiline ? controlCharacterExceptLayout : controlCharacter).test(value), {
      message: 'Must not contain control characters.',
    })
    .refine((value) => !markup.test(value), { message: 'Must not contain markup such as <tags>.' });

export const CreateOrganizationInput = z.strictObject({
  name: text(200),
  shortName: text(40).optional(),
  kind: OrganizationKind,
  country: CountryCode,
  sector: IcaSector,
  description: text(4000, { multiline: true }).optional(),
  website: z
    .url({
      protocol: /^https?$/,
      error: 'Use a full web address starting with https:// or http://.',
    })
    .max(300, 'Must be at most 300 characters.')
    .optional(),
  foundingYear: z
    .number()
    .int('Use a whole year, such as 1967.')
    .min(1800, 'Use a year from 1800 on.')
    .max(2100, 'Use a year up to 2100.')
    .optional(),
});
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInput>;

/** A partial change: the fields sent are changed (null clears an optional one). */
export const UpdateOrganizationInput = z.strictObject({
  version: z
    .number()
    .int('Send the version you read, a whole number.')
    .min(1, 'Send the version you read.'),
  name: CreateOrganizationInput.shape.name.optional(),
  shortName: CreateOrganizationInput.shape.shortName.unwrap().nullable().optional(),
  kind: OrganizationKind.optional(),
  country: CountryCode.optional(),
  sector: IcaSector.optional(),
  description: CreateOrganizationInput.shape.description.unwrap().nullable().optional(),
  website: CreateOrganizationInput.shape.website.unwrap().nullable().optional(),
  foundingYear: CreateOrganizationInput.shape.foundingYear.unwrap().nullable().optional(),
});
export type UpdateOrganizationInput = z.infer<typeof UpdateOrganizationInput>;

export const Organization = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: OrganizationKind,
  country: z.string(),
  sector: IcaSector,
  description: z.string().nullable(),
  website: z.string().nullable(),
  foundingYear: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof Organization>;

export const OrganizationListItem = Organization.pick({
  id: true,
  name: true,
  shortName: true,
  kind: true,
  country: true,
  sector: true,
});
export type OrganizationListItem = z.infer<typeof OrganizationListItem>;

export const FindOrganizationsQuery = z.strictObject({
  q: z.string().trim().max(200, 'Search text must be at most 200 characters.').optional(),
  country: CountryCode.optional(),
  kind: OrganizationKind.optional(),
  limit: z.coerce
    .number()
    .int('Use a whole number.')
    .min(1, 'Use a limit from 1 to 100.')
    .max(100, 'Use a limit from 1 to 100.')
    .default(20),
  cursor: z.string().max(500, 'This cursor is not one this server gave.').optional(),
});
export type FindOrganizationsQuery = z.infer<typeof FindOrganizationsQuery>;

export const OrganizationPage = z.object({
  items: z.array(OrganizationListItem),
  nextCursor: z.string().nullable(),
});
export type OrganizationPage = z.infer<typeof OrganizationPage>;

export const OrganizationIdParams = z.strictObject({
  id: z.uuid('An organization id is a UUID, such as 0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e.'),
});
