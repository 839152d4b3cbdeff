// The registry as data to carry between instances: every field of every organization, tie, logo,
// project (its countries, participants and figures) and offer or need, ids and versions included, so that an export imported into an empty database and exported
// again gives the same files (hence no export time inside them: it is in the file's name).
// JSON as one document; CSV as one file a table, zipped.
import { z } from 'zod';
import { CreateProjectInput, ParticipantInput, RecordFigureInput } from '../../projects/index.ts';
import { CreateIntentInput, intentStatuses } from '../intents/intent-schemas.ts';
import {
  affiliationKinds,
  claimStates,
  organizationFields,
  partnershipKinds,
  text,
} from '../schemas.ts';

export const registryFormat = 'intercoop-registry';
export const registryFormatVersion = 1;

const Timestamp = z.iso.datetime({
  message: 'Use an ISO 8601 UTC timestamp, such as 2024-02-01T10:00:00.000Z.',
});
const IsoDate = z.iso.date('Use a date such as 2024-02-01.');
const Version = z.number().int('A version is a whole number.').min(1, 'A version starts at 1.');

export const RegistryOrganization = z.strictObject({
  id: z.uuid('An id is a UUID.'),
  name: organizationFields.name,
  shortName: organizationFields.shortName.nullable(),
  otherNames: organizationFields.otherNames,
  kind: organizationFields.kind,
  legalForm: organizationFields.legalForm.nullable(),
  sector: organizationFields.sector,
  country: organizationFields.country,
  region: organizationFields.region.nullable(),
  locality: organizationFields.locality.nullable(),
  coordinates: organizationFields.coordinates.nullable(),
  languages: organizationFields.languages,
  foundingYear: organizationFields.foundingYear.nullable(),
  members: organizationFields.members,
  employees: organizationFields.employees.nullable(),
  website: organizationFields.website.nullable(),
  contacts: organizationFields.contacts,
  description: organizationFields.description.nullable(),
  descriptions: organizationFields.descriptions,
  principles: organizationFields.principles,
  isDemo: z.boolean(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type RegistryOrganization = z.infer<typeof RegistryOrganization>;

const tieFields = {
  id: z.uuid('An id is a UUID.'),
  startedOn: IsoDate.nullable(),
  endedOn: IsoDate.nullable(),
  note: text(1000, { multiline: true }).nullable(),
  isDemo: z.boolean(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const RegistryAffiliation = z.strictObject({
  ...tieFields,
  memberId: z.uuid('An id is a UUID.'),
  parentId: z.uuid('An id is a UUID.'),
  kind: z.enum(affiliationKinds),
});
export type RegistryAffiliation = z.infer<typeof RegistryAffiliation>;

export const RegistryPartnership = z.strictObject({
  ...tieFields,
  fromId: z.uuid('An id is a UUID.'),
  toId: z.uuid('An id is a UUID.'),
  kind: z.enum(partnershipKinds),
});
export type RegistryPartnership = z.infer<typeof RegistryPartnership>;

/**
 * A claimed tie with its state (claimed, confirmed or declined) and who decided; a confirmed
 * claim names the tie it made. Files written before claims existed have none, which is read as
 * an empty list.
 */
export const RegistryTieClaim = z
  .strictObject({
    ...tieFields,
    tie: z.enum(['affiliation', 'partnership']),
    fromId: z.uuid('An id is a UUID.'),
    toId: z.uuid('An id is a UUID.'),
    kind: z.enum([...affiliationKinds, ...partnershipKinds]),
    claimedBy: z.uuid('An id is a UUID.'),
    awaitedFrom: z.uuid('An id is a UUID.'),
    state: z.enum(claimStates),
    decidedAt: Timestamp.nullable(),
    decidedByAccount: z.uuid('An id is a UUID.').nullable(),
    decidedFor: z.uuid('An id is a UUID.').nullable(),
    tieId: z.uuid('An id is a UUID.').nullable(),
  })
  .refine(
    (row) =>
      (row.tie === 'affiliation') === (affiliationKinds as readonly string[]).includes(row.kind),
    { message: 'Use a kind of this tie.', path: ['kind'] },
  )
  .refine(
    (row) =>
      [row.fromId, row.toId].includes(row.claimedBy) &&
      [row.fromId, row.toId].includes(row.awaitedFrom) &&
      row.claimedBy !== row.awaitedFrom,
    {
      message: 'A claim is made by one end of the tie and awaits the other.',
      path: ['awaitedFrom'],
    },
  )
  .refine((row) => (row.state === 'claimed') === (row.decidedAt === null), {
    message: 'A decided claim has decidedAt, a waiting one none.',
    path: ['decidedAt'],
  })
  .refine((row) => (row.state === 'confirmed') === (row.tieId !== null), {
    message: 'A confirmed claim names its tie, no other does.',
    path: ['tieId'],
  })
  .refine((row) => row.decidedFor === null || row.decidedFor === row.awaitedFrom, {
    message: 'A claim is decided for the organization it awaits, or by network staff.',
    path: ['decidedFor'],
  });
export type RegistryTieClaim = z.infer<typeof RegistryTieClaim>;

export const RegistryLogo = z.strictObject({
  organizationId: z.uuid('An id is a UUID.'),
  mediaType: z.literal('image/webp'),
  width: z.number().int().min(1).max(256),
  height: z.number().int().min(1).max(256),
  updatedAt: Timestamp,
  /** The WebP file, base64 in JSON; a file of its own in the CSV archive. */
  content: z.base64('The logo must be base64.').max(1_500_000, 'A logo is at most about 1 MB.'),
});
export type RegistryLogo = z.infer<typeof RegistryLogo>;

const Id = z.uuid('An id is a UUID.');
const projectFields = CreateProjectInput.shape;

export const RegistryProject = z
  .strictObject({
    id: Id,
    title: projectFields.title,
    summary: projectFields.summary.unwrap().nullable(),
    sector: projectFields.sector,
    status: projectFields.status.unwrap(),
    startedOn: IsoDate.nullable(),
    endedOn: IsoDate.nullable(),
    sources: projectFields.sources.unwrap(),
    isDemo: z.boolean(),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .refine((row) => !row.startedOn || !row.endedOn || row.endedOn >= row.startedOn, {
    message: 'It cannot end before it starts.',
    path: ['endedOn'],
  });
export type RegistryProject = z.infer<typeof RegistryProject>;

export const RegistryProjectCountry = z.strictObject({
  projectId: Id,
  country: projectFields.countries.element,
});
export type RegistryProjectCountry = z.infer<typeof RegistryProjectCountry>;

export const RegistryProjectParticipant = z.strictObject({
  projectId: Id,
  organizationId: Id,
  role: ParticipantInput.shape.role,
  note: ParticipantInput.shape.note.unwrap().nullable(),
  createdAt: Timestamp,
});
export type RegistryProjectParticipant = z.infer<typeof RegistryProjectParticipant>;

const figureFields = RecordFigureInput.shape;

/**
 * A target or a result, its amount a decimal string as the projects API takes it (money exact to
 * its currency's minor unit). The projects module's own rules check it, so that an import accepts
 * exactly the figures the API would have.
 */
export const RegistryProjectFigure = z
  .strictObject({
    id: Id,
    projectId: Id,
    kind: figureFields.kind,
    indicator: figureFields.indicator,
    amount: figureFields.amount,
    currency: figureFields.currency.unwrap().nullable(),
    country: figureFields.country.unwrap(),
    period: figureFields.period,
    note: figureFields.note.unwrap().nullable(),
    source: figureFields.source.unwrap().nullable(),
    createdAt: Timestamp,
  })
  .superRefine((row, context) => {
    const checked = RecordFigureInput.safeParse({
      version: 1,
      kind: row.kind,
      indicator: row.indicator,
      amount: row.amount,
      currency: row.currency ?? undefined,
      country: row.country,
      period: row.period,
      note: row.note ?? undefined,
      source: row.source ?? undefined,
    });
    for (const issue of checked.success ? [] : checked.error.issues)
      context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type RegistryProjectFigure = z.infer<typeof RegistryProjectFigure>;

const intentFields = CreateIntentInput.shape;

export const RegistryIntent = z
  .strictObject({
    id: Id,
    organizationId: Id,
    direction: intentFields.direction,
    title: intentFields.title,
    description: intentFields.description.unwrap().nullable(),
    sector: intentFields.sector,
    countries: intentFields.countries.unwrap(),
    kind: intentFields.kind,
    validFrom: IsoDate.nullable(),
    validUntil: IsoDate.nullable(),
    status: z.enum(intentStatuses),
    closedAt: Timestamp.nullable(),
    isDemo: z.boolean(),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .refine((row) => !row.validFrom || !row.validUntil || row.validUntil >= row.validFrom, {
    message: 'It cannot end before it starts: validUntil must be on or after validFrom.',
    path: ['validUntil'],
  })
  .refine((row) => (row.status === 'closed') === (row.closedAt !== null), {
    message: 'A closed offer or need has closedAt, an open one none.',
    path: ['closedAt'],
  });
export type RegistryIntent = z.infer<typeof RegistryIntent>;

export type RegistryData = {
  organizations: RegistryOrganization[];
  affiliations: RegistryAffiliation[];
  partnerships: RegistryPartnership[];
  logos: RegistryLogo[];
  projects: RegistryProject[];
  projectCountries: RegistryProjectCountry[];
  projectParticipants: RegistryProjectParticipant[];
  projectFigures: RegistryProjectFigure[];
  intents: RegistryIntent[];
  tieClaims: RegistryTieClaim[];
};

/** The tables in the order they are checked and stored: what a row refers to comes before it. */
export const registryTables = [
  'organizations',
  'affiliations',
  'partnerships',
  'logos',
  'projects',
  'projectCountries',
  'projectParticipants',
  'projectFigures',
  'intents',
  'tieClaims',
] as const satisfies ReadonlyArray<keyof RegistryData>;

export type RegistryTable = (typeof registryTables)[number];
/** Tables added after the first files were written: a file without one has none of its rows. */
export const tablesAddedLater: ReadonlySet<RegistryTable> = new Set(['tieClaims']);
