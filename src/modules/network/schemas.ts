// Pure zod: the shapes of the network module's inputs and outputs. They validate requests,
// feed the OpenAPI document and type the web client (which imports this file only as types).
import { z } from 'zod';
import { CountryCode } from '../../platform/country-schemas.ts';
import { refuseHiddenText } from '../../platform/hidden-text-schemas.ts';

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

export { CountryCode };

// Control characters have no place in a name and break exports; long texts keep line breaks.
const controlCharacter = /\p{Cc}/u;
const controlCharacterExceptLayout = /(?![\t\n\r])\p{Cc}/u;
// Markup has no place in plain-text fields: refused rather than stored for every consumer
// (web, exports, SMS) to escape.
const markup = /<\s*[a-zA-Z/!?]/;

export const text = (max: number, { multiline = false } = {}) => {
  const checked = z
    .string()
    .trim()
    .min(1, 'Must not be empty.')
    .max(max, `Must be at most ${max} characters.`)
    .refine((value) => !(multiline ? controlCharacterExceptLayout : controlCharacter).test(value), {
      message: 'Must not contain control characters.',
      params: { code: 'control-characters' },
    })
    .refine((value) => !markup.test(value), {
      message: 'Must not contain markup such as <tags>.',
      params: { code: 'markup' },
    });
  // A one-line text is a name or a title, shown inline: nothing in it may reorder or hide text.
  return multiline ? checked : checked.superRefine(refuseHiddenText);
};

// ICU knows every ISO 639 language; with fallback "none" it names only real ones. It throws on
// what is not a language subtag at all ("e", "ä"), and zod runs a refinement even after the format
// check failed, so the format is tested again before ICU is asked.
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const languageCodePattern = /^[a-z]{2}$/;
function isKnownLanguage(code: string): boolean {
  return languageCodePattern.test(code) && languageNames.of(code) !== undefined;
}
export const LanguageCode = z
  .string()
  .regex(languageCodePattern, {
    message: 'Use a two-letter ISO 639-1 language code in lower case, such as hi or eu.',
    abort: true,
  })
  .refine(isKnownLanguage, {
    message: 'This is not an ISO 639-1 language code; use one such as hi, gu, es or eu.',
    params: { code: 'unknown-code', kind: 'language' },
  });

const count = (what: string) =>
  z
    .number()
    .int(`Use a whole number of ${what}.`)
    .min(0, `The number of ${what} cannot be negative.`)
    .max(1_000_000_000, `Use a number of ${what} under a billion.`);

export const OtherName = z.strictObject({
  text: text(200),
  script: text(40).optional(),
  language: LanguageCode.optional(),
});

export const Coordinates = z.strictObject({
  lat: z
    .number()
    .min(-90, 'A latitude is between -90 and 90.')
    .max(90, 'A latitude is between -90 and 90.'),
  lon: z
    .number()
    .min(-180, 'A longitude is between -180 and 180.')
    .max(180, 'A longitude is between -180 and 180.'),
});

export const Members = z
  .strictObject({
    total: count('members').nullable().optional(),
    women: count('women members').nullable().optional(),
    men: count('men members').nullable().optional(),
  })
  .refine(
    (members) =>
      members.total == null ||
      members.women == null ||
      members.men == null ||
      members.women + members.men <= members.total,
    {
      message: 'Women and men members together cannot be more than the total.',
      path: ['total'],
      params: { code: 'members-exceed-total' },
    },
  );

export const Contacts = z.strictObject({
  email: z
    .email('Use an email address, such as info@coop.example.')
    .max(254, 'Must be at most 254 characters.')
    .optional(),
  phone: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/, 'Use the international format, such as +919876543210.')
    .optional(),
});

/** The seven principles of the International Cooperative Alliance, in their order. */
export const icaPrinciples = [
  'Voluntary and open membership',
  'Democratic member control',
  'Member economic participation',
  'Autonomy and independence',
  'Education, training and information',
  'Cooperation among cooperatives',
  'Concern for community',
] as const;

export const PrincipleAssessment = z.strictObject({
  principle: z
    .number()
    .int('Use the principle’s number, 1 to 7.')
    .min(1, 'Principles are numbered 1 to 7.')
    .max(7, 'Principles are numbered 1 to 7.'),
  score: z
    .number()
    .int('Score with a whole number, 0 to 4.')
    .min(0, 'Score from 0 to 4.')
    .max(4, 'Score from 0 to 4.'),
  evidence: text(1000, { multiline: true }).optional(),
});

export const Principles = z
  .array(PrincipleAssessment)
  .max(7, 'There are seven principles.')
  .refine((list) => new Set(list.map((entry) => entry.principle)).size === list.length, {
    message: 'Assess each principle once.',
    params: { code: 'duplicate' },
  });

export const Website = z
  .url({ protocol: /^https?$/, error: 'Use a full web address starting with https:// or http://.' })
  .max(300, 'Must be at most 300 characters.');

export const Descriptions = z
  .record(LanguageCode, text(4000, { multiline: true }))
  .refine((record) => Object.keys(record).length <= 20, {
    message: 'Give at most 20 languages.',
    params: { code: 'too-many', maximum: 20 },
  });

export const organizationFields = {
  name: text(200),
  shortName: text(40),
  otherNames: z.array(OtherName).max(10, 'Give at most 10 other names.'),
  kind: OrganizationKind,
  legalForm: text(100),
  sector: IcaSector,
  country: CountryCode,
  region: text(100),
  locality: text(100),
  coordinates: Coordinates,
  languages: z
    .array(LanguageCode)
    .max(20, 'Give at most 20 languages.')
    .refine((list) => new Set(list).size === list.length, {
      message: 'Give each language once.',
      params: { code: 'duplicate' },
    }),
  foundingYear: z
    .number()
    .int('Use a whole year, such as 1967.')
    .min(1800, 'Use a year from 1800 on.')
    .max(2100, 'Use a year up to 2100.'),
  members: Members,
  employees: count('employees'),
  website: Website,
  contacts: Contacts,
  description: text(4000, { multiline: true }),
  descriptions: Descriptions,
  principles: Principles,
};

export const CreateOrganizationInput = z.strictObject({
  name: organizationFields.name,
  shortName: organizationFields.shortName.optional(),
  otherNames: organizationFields.otherNames.optional(),
  kind: organizationFields.kind,
  legalForm: organizationFields.legalForm.optional(),
  sector: organizationFields.sector,
  country: organizationFields.country,
  region: organizationFields.region.optional(),
  locality: organizationFields.locality.optional(),
  coordinates: organizationFields.coordinates.optional(),
  languages: organizationFields.languages.optional(),
  foundingYear: organizationFields.foundingYear.optional(),
  members: organizationFields.members.optional(),
  employees: organizationFields.employees.optional(),
  website: organizationFields.website.optional(),
  contacts: organizationFields.contacts.optional(),
  description: organizationFields.description.optional(),
  descriptions: organizationFields.descriptions.optional(),
  principles: organizationFields.principles.optional(),
});
export type CreateOrganizationInput = z.input<typeof CreateOrganizationInput>;

/** A partial change: the fields sent are changed (null clears an optional one). */
export const UpdateOrganizationInput = z.strictObject({
  version: z
    .number()
    .int('Send the version you read, a whole number.')
    .min(1, 'Send the version you read.'),
  name: organizationFields.name.optional(),
  shortName: organizationFields.shortName.nullable().optional(),
  otherNames: organizationFields.otherNames.optional(),
  kind: organizationFields.kind.optional(),
  legalForm: organizationFields.legalForm.nullable().optional(),
  sector: organizationFields.sector.optional(),
  country: organizationFields.country.optional(),
  region: organizationFields.region.nullable().optional(),
  locality: organizationFields.locality.nullable().optional(),
  coordinates: organizationFields.coordinates.nullable().optional(),
  languages: organizationFields.languages.optional(),
  foundingYear: organizationFields.foundingYear.nullable().optional(),
  members: organizationFields.members.optional(),
  employees: organizationFields.employees.nullable().optional(),
  website: organizationFields.website.nullable().optional(),
  contacts: organizationFields.contacts.optional(),
  description: organizationFields.description.nullable().optional(),
  descriptions: organizationFields.descriptions.optional(),
  principles: organizationFields.principles.optional(),
});
export type UpdateOrganizationInput = z.input<typeof UpdateOrganizationInput>;

export const Organization = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  otherNames: z.array(
    z.object({ text: z.string(), script: z.string().optional(), language: z.string().optional() }),
  ),
  kind: OrganizationKind,
  legalForm: z.string().nullable(),
  sector: IcaSector,
  country: z.string(),
  region: z.string().nullable(),
  locality: z.string().nullable(),
  coordinates: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  languages: z.array(z.string()),
  foundingYear: z.number().int().nullable(),
  members: z.object({
    total: z.number().int().nullable(),
    women: z.number().int().nullable(),
    men: z.number().int().nullable(),
  }),
  employees: z.number().int().nullable(),
  website: z.string().nullable(),
  contacts: z.object({ email: z.string().optional(), phone: z.string().optional() }),
  description: z.string().nullable(),
  descriptions: z.record(z.string(), z.string()),
  principles: z.array(
    z.object({
      principle: z.number().int(),
      score: z.number().int(),
      evidence: z.string().optional(),
    }),
  ),
  logoUrl: z.string().nullable(),
  isDemo: z.boolean(),
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
  locality: true,
  coordinates: true,
}).extend({
  /** Set when the search was near a point: kilometres from it. */
  distanceKm: z.number().optional(),
  /**
   * Set when the search text matched one of the other names (another script or language) and
   * not the name or the short name: the name that matched, to show beside the name.
   */
  matchedName: z
    .object({ text: z.string(), script: z.string().optional(), language: z.string().optional() })
    .optional(),
});
export type OrganizationListItem = z.infer<typeof OrganizationListItem>;

const Near = z
  .string()
  .regex(
    /^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/,
    'Use near=latitude,longitude, such as near=23.03,72.58.',
  )
  .refine(
    (value) => {
      const [lat, lon] = value.split(',').map(Number) as [number, number];
      return Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
    },
    {
      message: 'A latitude is between -90 and 90, a longitude between -180 and 180.',
      params: { code: 'invalid-format', format: 'coordinates' },
    },
  );

// Query strings carry text: accept true/false (and 1/0), refuse anything else.
// (A boolean too, for callers other than HTTP.)
export const QueryFlag = z.union(
  [
    z.boolean(),
    z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1'),
  ],
  'Use true or false.',
);

export const FindOrganizationsQuery = z
  .strictObject({
    q: z.string().trim().max(200, 'Search text must be at most 200 characters.').optional(),
    country: CountryCode.optional(),
    kind: OrganizationKind.optional(),
    sector: IcaSector.optional(),
    language: LanguageCode.optional(),
    near: Near.optional(),
    km: z.coerce
      .number('Use a distance in kilometres, such as 50.')
      .positive('Use a distance above 0 km.')
      .max(20_000, 'Use a distance up to 20,000 km.')
      .optional(),
    limit: z.coerce
      .number()
      .int('Use a whole number.')
      .min(1, 'Use a limit from 1 to 100.')
      .max(100, 'Use a limit from 1 to 100.')
      .default(20),
    cursor: z.string().max(500, 'This cursor is not one this server gave.').optional(),
    /** The facet counts cost a scan of every match: only those who show them ask. */
    facets: QueryFlag.default(false),
  })
  .refine((query) => (query.near === undefined) === (query.km === undefined), {
    message: 'Give near and km together: near=latitude,longitude&km=50.',
    params: { code: 'paired-parameters', with: 'near' },
    path: ['km'],
  });
export type FindOrganizationsQuery = z.input<typeof FindOrganizationsQuery>;

const FacetCounts = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const OrganizationPage = z.object({
  items: z.array(OrganizationListItem),
  nextCursor: z.string().nullable(),
  /** How many organizations match (with `totalCapped`, more than that: counting stopped there). */
  total: z.number().int(),
  totalCapped: z.boolean(),
  /** With `facets=true`: for each facet, how many would match with each value (the other filters kept). */
  facets: z.object({ kind: FacetCounts, sector: FacetCounts, country: FacetCounts }).nullable(),
});
export type OrganizationPage = z.infer<typeof OrganizationPage>;

export const OrganizationIdParams = z.strictObject({
  id: z.uuid('An organization id is a UUID, such as 0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e.'),
});

export const affiliationKinds = ['member-of', 'division-of', 'subsidiary-of'] as const;
export const partnershipKinds = [
  'supply',
  'technical-assistance',
  'funding',
  'joint-venture',
  'training',
  'other',
] as const;

const IsoDate = z.iso.date('Use a date such as 2024-02-01.');

export const CreateAffiliationInput = z
  .strictObject({
    memberId: z.uuid('Use the id (a UUID) of the organization that belongs.'),
    parentId: z.uuid('Use the id (a UUID) of the organization it belongs to.'),
    kind: z.enum(affiliationKinds),
    startedOn: IsoDate.optional(),
    endedOn: IsoDate.optional(),
    note: text(1000, { multiline: true }).optional(),
  })
  .refine((input) => input.memberId !== input.parentId, {
    message: 'An organization cannot belong to itself.',
    params: { code: 'same-organization' },
    path: ['parentId'],
  })
  .refine((input) => !input.startedOn || !input.endedOn || input.endedOn >= input.startedOn, {
    message: 'It cannot end before it starts.',
    params: { code: 'end-before-start' },
    path: ['endedOn'],
  });
export type CreateAffiliationInput = z.input<typeof CreateAffiliationInput>;

export const Affiliation = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  memberName: z.string(),
  parentId: z.uuid(),
  parentName: z.string(),
  kind: z.enum(affiliationKinds),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  note: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type Affiliation = z.infer<typeof Affiliation>;

export const CreatePartnershipInput = z
  .strictObject({
    fromId: z.uuid('Use the id (a UUID) of the organization that provides.'),
    toId: z.uuid('Use the id (a UUID) of the partner organization.'),
    kind: z.enum(partnershipKinds),
    startedOn: IsoDate.optional(),
    endedOn: IsoDate.optional(),
    note: text(1000, { multiline: true }).optional(),
  })
  .refine((input) => input.fromId !== input.toId, {
    message: 'An organization cannot partner with itself.',
    params: { code: 'same-organization' },
    path: ['toId'],
  })
  .refine((input) => !input.startedOn || !input.endedOn || input.endedOn >= input.startedOn, {
    message: 'It cannot end before it starts.',
    params: { code: 'end-before-start' },
    path: ['endedOn'],
  });
export type CreatePartnershipInput = z.input<typeof CreatePartnershipInput>;

export const Partnership = z.object({
  id: z.uuid(),
  fromId: z.uuid(),
  fromName: z.string(),
  toId: z.uuid(),
  toName: z.string(),
  kind: z.enum(partnershipKinds),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  note: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type Partnership = z.infer<typeof Partnership>;

/** Ending a tie: the date it ended (ties are kept as history, not deleted). */
export const EndTieInput = z.strictObject({
  version: z
    .number()
    .int('Send the version you read, a whole number.')
    .min(1, 'Send the version you read.'),
  endedOn: IsoDate.nullable(),
  note: text(1000, { multiline: true }).nullable().optional(),
});

export const claimStates = ['claimed', 'confirmed', 'declined'] as const;

/**
 * A tie one organization's admin recorded about another: it counts nowhere until the other
 * side's admins (or network staff) confirm it. For an affiliation `from` is the member and `to`
 * the organization it belongs to; for a partnership `from` provides to `to`.
 */
export const TieClaim = z.object({
  id: z.uuid(),
  tie: z.enum(['affiliation', 'partnership']),
  kind: z.enum([...affiliationKinds, ...partnershipKinds]),
  fromId: z.uuid(),
  fromName: z.string(),
  toId: z.uuid(),
  toName: z.string(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  note: z.string().nullable(),
  claimedById: z.uuid(),
  claimedByName: z.string(),
  awaitedFromId: z.uuid(),
  awaitedFromName: z.string(),
  state: z.enum(claimStates),
  decidedAt: z.string().nullable(),
  /** Who confirmed or declined: the awaited organization's admin, or network staff (null). */
  decidedForName: z.string().nullable(),
  decidedByStaff: z.boolean(),
  /** The tie made on confirmation. */
  tieId: z.uuid().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type TieClaim = z.infer<typeof TieClaim>;

/** Confirming or declining a claim: the version read. */
export const DecideClaimInput = z.strictObject({
  version: z
    .number()
    .int('Send the version you read, a whole number.')
    .min(1, 'Send the version you read.'),
});

export const Ties = z.object({
  /** What this organization belongs to. */
  parents: z.array(Affiliation),
  /** What belongs to it. */
  members: z.array(Affiliation),
  partnerships: z.array(Partnership),
  /** Ties claimed about it or by it and not confirmed: waiting, or declined (kept as history). */
  claims: z.array(TieClaim),
});
export type Ties = z.infer<typeof Ties>;

export const TieIdParams = z.strictObject({ id: z.uuid('Use an id (a UUID).') });
