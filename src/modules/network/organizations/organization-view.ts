import type { OrganizationRow, OrganizationValues } from '../queries.ts';
import type { CreateOrganizationInput, Organization, UpdateOrganizationInput } from '../schemas.ts';

function json<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A stored organization as the API shows it. */
export function organizationView(row: OrganizationRow): Organization {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    otherNames: json(row.other_names, []),
    kind: row.kind,
    legalForm: row.legal_form,
    sector: row.sector,
    country: row.country,
    region: row.region,
    locality: row.locality,
    coordinates:
      row.latitude !== null && row.longitude !== null
        ? { lat: row.latitude, lon: row.longitude }
        : null,
    languages: row.languages,
    foundingYear: row.founding_year,
    members: { total: row.members_total, women: row.members_women, men: row.members_men },
    employees: row.employees,
    website: row.website,
    contacts: json(row.contacts, {}),
    description: row.description,
    descriptions: json(row.descriptions, {}),
    principles: json(row.principles, []),
    logoUrl: row.has_logo ? `/api/network/organizations/${row.id}/logo?v=${row.version}` : null,
    isDemo: row.is_demo,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

type Valid<T> = T extends (infer U)[] ? U[] : T;

/** The columns for a new organization, from valid input. */
export function valuesFromInput(input: CreateOrganizationInput): OrganizationValues {
  return {
    name: input.name,
    short_name: input.shortName ?? null,
    other_names: JSON.stringify(input.otherNames ?? []),
    kind: input.kind,
    legal_form: input.legalForm ?? null,
    country: input.country,
    sector: input.sector,
    region: input.region ?? null,
    locality: input.locality ?? null,
    latitude: input.coordinates?.lat ?? null,
    longitude: input.coordinates?.lon ?? null,
    languages: input.languages ?? [],
    founding_year: input.foundingYear ?? null,
    members_total: input.members?.total ?? null,
    members_women: input.members?.women ?? null,
    members_men: input.members?.men ?? null,
    employees: input.employees ?? null,
    website: input.website ?? null,
    contacts: JSON.stringify(input.contacts ?? {}),
    description: input.description ?? null,
    descriptions: JSON.stringify(input.descriptions ?? {}),
    principles: JSON.stringify(input.principles ?? []),
  };
}

/** The columns a partial change touches: only the fields sent. */
export function changesFromInput(
  input: Omit<UpdateOrganizationInput, 'version'>,
): Partial<OrganizationValues> {
  const changes: Partial<OrganizationValues> = {};
  const set = <K extends keyof OrganizationValues>(
    key: K,
    value: OrganizationValues[K] | undefined,
  ) => {
    if (value !== undefined) changes[key] = value;
  };
  set('name', input.name);
  set('short_name', input.shortName);
  if (input.otherNames !== undefined) set('other_names', JSON.stringify(input.otherNames));
  set('kind', input.kind);
  set('legal_form', input.legalForm);
  set('country', input.country);
  set('sector', input.sector);
  set('region', input.region);
  set('locality', input.locality);
  if (input.coordinates !== undefined) {
    set('latitude', input.coordinates?.lat ?? null);
    set('longitude', input.coordinates?.lon ?? null);
  }
  set('languages', input.languages as Valid<string[]> | undefined);
  set('founding_year', input.foundingYear);
  if (input.members !== undefined) {
    if (input.members.total !== undefined) set('members_total', input.members.total);
    if (input.members.women !== undefined) set('members_women', input.members.women);
    if (input.members.men !== undefined) set('members_men', input.members.men);
  }
  set('employees', input.employees);
  set('website', input.website);
  if (input.contacts !== undefined) set('contacts', JSON.stringify(input.contacts));
  set('description', input.description);
  if (input.descriptions !== undefined) set('descriptions', JSON.stringify(input.descriptions));
  if (input.principles !== undefined) set('principles', JSON.stringify(input.principles));
  return changes;
}
