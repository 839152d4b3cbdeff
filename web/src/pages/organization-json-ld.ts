import type { Organization } from '../api/organizations.ts';

/**
 * A schema.org description built in the browser, for a server that does not offer
 * `application/ld+json` yet. The server's own, when offered, is the one embedded.
 */
export function organizationJsonLd(organization: Organization, pageUrl: string) {
  const address = {
    '@type': 'PostalAddress',
    addressCountry: organization.country,
    ...(organization.region ? { addressRegion: organization.region } : {}),
    ...(organization.locality ? { addressLocality: organization.locality } : {}),
  };
  return {
    '@context': 'https://schema.org',
    '@type': organization.kind === 'ngo' ? 'NGO' : 'Organization',
    '@id': pageUrl,
    url: organization.website ?? pageUrl,
    name: organization.name,
    ...(organization.shortName ? { alternateName: organization.shortName } : {}),
    ...(organization.description ? { description: organization.description } : {}),
    ...(organization.foundingYear ? { foundingDate: String(organization.foundingYear) } : {}),
    ...(organization.employees !== null ? { numberOfEmployees: organization.employees } : {}),
    ...(organization.contacts.email ? { email: organization.contacts.email } : {}),
    ...(organization.contacts.phone ? { telephone: organization.contacts.phone } : {}),
    address,
    ...(organization.coordinates
      ? {
          location: {
            '@type': 'Place',
            geo: {
              '@type': 'GeoCoordinates',
              latitude: organization.coordinates.lat,
              longitude: organization.coordinates.lon,
            },
          },
        }
      : {}),
  };
}

/** JSON for a <script> data block: `<` escaped so no text in it can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}
