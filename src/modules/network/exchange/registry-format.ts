// The registry as data to carry between instances: every field of every organization, tie and
// logo, ids and versions included, so that an export imported into an empty database and exported
// again gives the same files (hence no export time inside them: it is in the file's name).
// JSON as one document; CSV as one file a table, zipped.
import { z } from 'zod';
import { affiliationKinds, organizationFields, partnershipKinds, text } from '../schemas.ts';

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

export type RegistryData = {
  organizations: RegistryOrganization[];
  affiliations: RegistryAffiliation[];
  partnerships: RegistryPartnership[];
  logos: RegistryLogo[];
};

export const RegistryDocument = z.object({
  format: z.literal(registryFormat, { error: `This is not an ${registryFormat} file.` }),
  version: z.literal(registryFormatVersion, {
    error: `This file is of another version of the format; this server reads version ${registryFormatVersion}.`,
  }),
  organizations: z.array(z.unknown()),
  affiliations: z.array(z.unknown()),
  partnerships: z.array(z.unknown()),
  logos: z.array(z.unknown()),
});
