import type { Context } from '../../../platform/context.ts';
import { getOrganization } from '../organizations/get-organization.ts';
import { getTies } from '../ties/get-ties.ts';
import { absolute, organizationUrl, schemaOrgContextUrl, tiesInForce } from './profile-links.ts';
import type { JsonLdOrganization, OrganizationReference } from './profile-schemas.ts';

/**
 * The organization in schema.org's words, as JSON-LD, for search engines and linked-data tools.
 * Public, like the organization. The context is referenced by its address on this instance (see
 * schema-org-context.ts): answers stay small, and whoever reads one can fetch the context from
 * where the answer came.
 */
export async function getJsonLd(ctx: Context, id: string): Promise<JsonLdOrganization> {
  const organization = await getOrganization(ctx, id);
  const ties = tiesInForce(await getTies(ctx, id), ctx.now());
  const reference = (otherId: string, name: string): OrganizationReference => ({
    '@id': organizationUrl(ctx.publicUrl, otherId),
    '@type': 'Organization',
    name,
  });
  const document: JsonLdOrganization = {
    '@context': schemaOrgContextUrl(ctx.publicUrl),
    '@type': 'Organization',
    '@id': organizationUrl(ctx.publicUrl, id),
    identifier: id,
    name: organization.name,
    address: {
      '@type': 'PostalAddress',
      addressCountry: organization.country,
      ...(organization.region ? { addressRegion: organization.region } : {}),
      ...(organization.locality ? { addressLocality: organization.locality } : {}),
    },
    memberOf: ties.parents
      .filter((tie) => tie.kind === 'member-of')
      .map((tie) => reference(tie.parentId, tie.parentName)),
    member: ties.members
      .filter((tie) => tie.kind === 'member-of')
      .map((tie) => reference(tie.memberId, tie.memberName)),
    // A division or a subsidiary is part of its parent, not a member of it.
    parentOrganization: ties.parents
      .filter((tie) => tie.kind !== 'member-of')
      .map((tie) => reference(tie.parentId, tie.parentName)),
    subOrganization: ties.members
      .filter((tie) => tie.kind !== 'member-of')
      .map((tie) => reference(tie.memberId, tie.memberName)),
  };
  const alternateNames = [
    ...(organization.shortName ? [organization.shortName] : []),
    ...organization.otherNames.map((other) =>
      other.language ? { '@value': other.text, '@language': other.language } : other.text,
    ),
  ];
  if (alternateNames.length > 0) document.alternateName = alternateNames;
  if (organization.description) document.description = organization.description;
  if (organization.website) document.url = organization.website;
  if (organization.logoUrl) document.logo = absolute(ctx.publicUrl, organization.logoUrl);
  // schema.org's Date is ISO 8601, where a year alone is a date of reduced precision.
  if (organization.foundingYear !== null) document.foundingDate = String(organization.foundingYear);
  if (organization.coordinates) {
    document.geo = {
      '@type': 'GeoCoordinates',
      latitude: organization.coordinates.lat,
      longitude: organization.coordinates.lon,
    };
  }
  if (organization.contacts.email) document.email = organization.contacts.email;
  if (organization.contacts.phone) document.telephone = organization.contacts.phone;
  if (organization.languages.length > 0) document.knowsLanguage = organization.languages;
  if (organization.employees !== null) {
    document.numberOfEmployees = { '@type': 'QuantitativeValue', value: organization.employees };
  }
  return document;
}
