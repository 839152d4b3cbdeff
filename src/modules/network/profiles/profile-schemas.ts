// The shapes of the profiles published for other networks: Murmurations and schema.org JSON-LD.
// They feed the OpenAPI document; the Murmurations one keeps the standard's snake_case keys.
import { z } from 'zod';

export const murmurationsSchemaName = 'organizations_schema-v1.0.0';

export const MurmurationsProfile = z
  .object({
    linked_schemas: z.array(z.string()),
    name: z.string(),
    nickname: z.string().optional(),
    primary_url: z.string(),
    tags: z.array(z.string()),
    description: z.string().optional(),
    country_iso_3166: z.string().optional(),
    geolocation: z.object({ lat: z.number(), lon: z.number() }).optional(),
    image: z.string().optional(),
    relationships: z.array(z.object({ predicate_url: z.string(), object_url: z.string() })),
  })
  .meta({
    id: 'MurmurationsProfile',
    description: `A Murmurations profile following ${murmurationsSchemaName}.`,
  });
export type MurmurationsProfile = z.infer<typeof MurmurationsProfile>;

const LanguageValue = z.object({ '@value': z.string(), '@language': z.string() });

const OrganizationReference = z.object({
  '@id': z.string(),
  '@type': z.literal('Organization'),
  name: z.string(),
});
export type OrganizationReference = z.infer<typeof OrganizationReference>;

export const JsonLdOrganization = z
  .object({
    '@context': z.string(),
    '@type': z.literal('Organization'),
    '@id': z.string(),
    identifier: z.string(),
    name: z.string(),
    alternateName: z.array(z.union([z.string(), LanguageValue])).optional(),
    description: z.string().optional(),
    url: z.string().optional(),
    logo: z.string().optional(),
    foundingDate: z.string().optional(),
    address: z.object({
      '@type': z.literal('PostalAddress'),
      addressCountry: z.string(),
      addressRegion: z.string().optional(),
      addressLocality: z.string().optional(),
    }),
    geo: z
      .object({ '@type': z.literal('GeoCoordinates'), latitude: z.number(), longitude: z.number() })
      .optional(),
    email: z.string().optional(),
    telephone: z.string().optional(),
    knowsLanguage: z.array(z.string()).optional(),
    numberOfEmployees: z
      .object({ '@type': z.literal('QuantitativeValue'), value: z.number() })
      .optional(),
    memberOf: z.array(OrganizationReference),
    member: z.array(OrganizationReference),
    parentOrganization: z.array(OrganizationReference),
    subOrganization: z.array(OrganizationReference),
  })
  .meta({ id: 'JsonLdOrganization', description: 'An organization as schema.org JSON-LD.' });
export type JsonLdOrganization = z.infer<typeof JsonLdOrganization>;
