import type { Context } from '../../../platform/context.ts';
import { getOrganization } from '../organizations/get-organization.ts';
import { getTies } from '../ties/get-ties.ts';
import { absolute, organizationUrl, partnershipPredicate, tiesInForce } from './profile-links.ts';
import { type MurmurationsProfile, murmurationsSchemaName } from './profile-schemas.ts';

// Affiliations in schema.org's words, read from each end of the tie.
const upward = {
  'member-of': 'https://schema.org/memberOf',
  'division-of': 'https://schema.org/parentOrganization',
  'subsidiary-of': 'https://schema.org/parentOrganization',
} as const;
const downward = {
  'member-of': 'https://schema.org/member',
  'division-of': 'https://schema.org/subOrganization',
  'subsidiary-of': 'https://schema.org/subOrganization',
} as const;

// ISO 3166-1 leaves these codes to users (XK for Kosovo is one); the registry accepts XK, the
// Murmurations country list does not, so such a profile leaves the country out.
const userAssignedCountry = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

/**
 * The organization as a Murmurations profile (organizations_schema-v1.0.0), for the Murmurations
 * index and maps of the solidarity economy. Public, like the organization. Schema.org has no word
 * for a partnership, so partnerships use terms of this instance, named after the served context.
 */
export async function getMurmurationsProfile(
  ctx: Context,
  id: string,
): Promise<MurmurationsProfile> {
  const organization = await getOrganization(ctx, id);
  const ties = tiesInForce(await getTies(ctx, id), ctx.now());
  const self = organizationUrl(ctx.publicUrl, id);
  const relationships = [
    ...ties.parents.map((tie) => ({
      predicate_url: upward[tie.kind],
      object_url: organizationUrl(ctx.publicUrl, tie.parentId),
    })),
    ...ties.members.map((tie) => ({
      predicate_url: downward[tie.kind],
      object_url: organizationUrl(ctx.publicUrl, tie.memberId),
    })),
    ...ties.partnerships.map((tie) => ({
      predicate_url: partnershipPredicate(ctx.publicUrl, tie.kind),
      object_url: organizationUrl(ctx.publicUrl, tie.fromId === id ? tie.toId : tie.fromId),
    })),
  ];
  // The standard wants each relationship once; two ties of one kind between the same pair say one thing.
  const unique = [
    ...new Map(relationships.map((entry) => [JSON.stringify(entry), entry])).values(),
  ];
  const profile: MurmurationsProfile = {
    linked_schemas: [murmurationsSchemaName],
    name: organization.name,
    primary_url: organization.website ?? self,
    tags: [...new Set([organization.kind, organization.sector])],
    relationships: unique,
  };
  if (organization.shortName) profile.nickname = organization.shortName;
  if (organization.description) profile.description = organization.description;
  if (!userAssignedCountry.test(organization.country))
    profile.country_iso_3166 = organization.country;
  if (organization.coordinates)
    profile.geolocation = { lat: organization.coordinates.lat, lon: organization.coordinates.lon };
  if (organization.logoUrl) profile.image = absolute(ctx.publicUrl, organization.logoUrl);
  return profile;
}
