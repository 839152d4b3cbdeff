import type { Organization } from '../schemas.ts';

type OrganizationRecord = {
  id: string;
  name: string;
  short_name: string | null;
  kind: Organization['kind'];
  country: string;
  sector: Organization['sector'];
  description: string | null;
  website: string | null;
  founding_year: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

/** A stored organization as the API shows it. */
export function organizationView(row: OrganizationRecord): Organization {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
    country: row.country,
    sector: row.sector,
    description: row.description,
    website: row.website,
    foundingYear: row.founding_year,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
