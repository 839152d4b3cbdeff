// What the published profiles share: absolute addresses on this instance (other sites only
// understand those) and the ties in force today (ended and future ties are history, not profile).
import type { Affiliation, Partnership, Ties } from '../schemas.ts';

/**
 * An organization's address on this instance: its profile page, which people and machines can
 * both open (the API answers the same record as JSON and JSON-LD). It identifies the organization
 * in every profile we publish.
 */
export function organizationUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/organizations/${id}`;
}

export const schemaOrgContextPath = '/api/network/schema-org-context.jsonld';

export function schemaOrgContextUrl(publicUrl: string): string {
  return `${publicUrl}${schemaOrgContextPath}`;
}

/**
 * A partnership kind as a predicate. Schema.org has no word for a partnership between
 * organizations, so these are terms of this instance: fragments of its served JSON-LD context.
 */
export function partnershipPredicate(publicUrl: string, kind: string): string {
  return `${schemaOrgContextUrl(publicUrl)}#partnership-${kind}`;
}

/** A relative path of this instance (such as an organization's logoUrl) made absolute. */
export function absolute(publicUrl: string, path: string): string {
  return new URL(path, `${publicUrl}/`).toString();
}

function inForce(tie: Affiliation | Partnership, today: string): boolean {
  return (
    (tie.startedOn === null || tie.startedOn <= today) &&
    (tie.endedOn === null || tie.endedOn >= today)
  );
}

export function tiesInForce(ties: Ties, now: Date): Ties {
  const today = now.toISOString().slice(0, 10);
  return {
    parents: ties.parents.filter((tie) => inForce(tie, today)),
    members: ties.members.filter((tie) => inForce(tie, today)),
    partnerships: ties.partnerships.filter((tie) => inForce(tie, today)),
    // A claim is no tie until confirmed: other tools are told only of ties.
    claims: [],
  };
}
