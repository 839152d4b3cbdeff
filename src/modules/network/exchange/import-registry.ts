// Importing a registry into an empty one: every row is checked first (organizations, ties, logos,
// projects with their countries, participants and figures, offers and needs), and a single bad row
// stores nothing and names its place (file and line, or JSON pointer) and field.
import type { z } from 'zod';
import { authorize } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  codeOfZodIssue,
  type FieldError,
  type FieldErrorCode,
  type FieldErrorParams,
} from '../../../platform/field-errors.ts';
import { fieldErrorMessage } from '../../../platform/messages/field-error-text.ts';
import { findTextProblem, textProblemDetails } from '../../../platform/well-formed-text.ts';
import { mapInSlices, yieldOften } from '../../../platform/yield-often.ts';
import { insertProjectRows } from '../../projects/index.ts';
import { networkMessage } from '../messages.ts';
import { valuesFromInput } from '../organizations/organization-view.ts';
import {
  insertAffiliations,
  insertIntents,
  insertLogos,
  insertOrganizations,
  insertPartnerships,
  insertTieClaims,
  registryIsEmpty,
} from './exchange-queries.ts';
import { type LocatedRow, rowsFromCsvZip } from './registry-csv.ts';
import {
  RegistryAffiliation,
  type RegistryData,
  RegistryIntent,
  RegistryLogo,
  RegistryOrganization,
  RegistryPartnership,
  RegistryProject,
  RegistryProjectCountry,
  RegistryProjectFigure,
  RegistryProjectParticipant,
  type RegistryTable,
  RegistryTieClaim,
  registryTables,
} from './registry-format.ts';
import { rowsFromJson } from './registry-json.ts';

/** How many rows of each table were stored. */
export type ImportedCounts = Record<RegistryTable, number>;

const schemas = {
  organizations: RegistryOrganization,
  affiliations: RegistryAffiliation,
  partnerships: RegistryPartnership,
  logos: RegistryLogo,
  projects: RegistryProject,
  projectCountries: RegistryProjectCountry,
  projectParticipants: RegistryProjectParticipant,
  projectFigures: RegistryProjectFigure,
  intents: RegistryIntent,
  tieClaims: RegistryTieClaim,
} as const satisfies Record<RegistryTable, z.ZodType>;

const emptyData = (): RegistryData => ({
  organizations: [],
  affiliations: [],
  partnerships: [],
  logos: [],
  projects: [],
  projectCountries: [],
  projectParticipants: [],
  projectFigures: [],
  intents: [],
  tieClaims: [],
});

function refuse(
  { where, pointer, source }: Pick<LocatedRow, 'where' | 'pointer' | 'source'>,
  field: string,
  detail: string,
  code: FieldErrorCode,
  params?: FieldErrorParams,
): never {
  const error: FieldError = {
    pointer: `${pointer}${field === '(row)' ? '' : `/${field}`}`,
    detail,
    code,
    ...(params ? { params } : {}),
  };
  throw new AppError(
    'validation-failed',
    networkMessage('exchange.refused', { where, field, detail: fieldErrorMessage(error) }),
    { errors: [error], ...(source ? { source } : {}) },
  );
}

/**
 * Checks every row (its text well-formed, then its fields), the references between them and that
 * affiliations form no cycle; leaving the event loop free often, for rows come by the hundred
 * thousand.
 */
async function validate(rows: LocatedRow[]): Promise<RegistryData> {
  const data = emptyData();
  const places = new Map<object, LocatedRow>();
  const pause = yieldOften();
  for (const row of rows) {
    await pause();
    const fault = findTextProblem(row.value);
    if (fault)
      refuse(
        row,
        fault.pointer === '/' ? '(row)' : fault.pointer.slice(1),
        textProblemDetails[fault.problem],
        fault.problem,
      );
    const parsed = (schemas[row.table] as z.ZodType).safeParse(row.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        issue?.code === 'unrecognized_keys'
          ? String(issue.keys[0])
          : issue?.path.length
            ? issue.path.join('/')
            : '(row)';
      const coded =
        issue?.code === 'unrecognized_keys'
          ? { code: 'unknown-field' as const, params: { field } }
          : issue
            ? codeOfZodIssue(issue)
            : { code: 'invalid' as const };
      refuse(
        row,
        field,
        issue?.code === 'unrecognized_keys' ? 'Unknown field.' : (issue?.message ?? 'Not valid.'),
        coded.code,
        coded.params,
      );
    }
    (data[row.table] as unknown[]).push(parsed.data);
    places.set(parsed.data as object, row);
  }
  const at = (value: object) => places.get(value) as LocatedRow;
  const organizations = new Set<string>();
  for (const organization of data.organizations) {
    if (organizations.has(organization.id))
      refuse(at(organization), 'id', 'This id appears twice.', 'duplicate');
    organizations.add(organization.id);
  }
  const known = (value: object, field: string, id: string) => {
    if (!organizations.has(id))
      refuse(
        at(value),
        field,
        'No organization in the file has this id.',
        'organization-not-found',
      );
  };
  const tieIds = new Set<string>();
  for (const tie of [...data.affiliations, ...data.partnerships]) {
    if (tieIds.has(tie.id)) refuse(at(tie), 'id', 'This id appears twice.', 'duplicate');
    tieIds.add(tie.id);
  }
  for (const affiliation of data.affiliations) {
    known(affiliation, 'memberId', affiliation.memberId);
    known(affiliation, 'parentId', affiliation.parentId);
    if (affiliation.memberId === affiliation.parentId)
      refuse(
        at(affiliation),
        'parentId',
        'An organization cannot belong to itself.',
        'same-organization',
      );
  }
  for (const partnership of data.partnerships) {
    known(partnership, 'fromId', partnership.fromId);
    known(partnership, 'toId', partnership.toId);
    if (partnership.fromId === partnership.toId)
      refuse(
        at(partnership),
        'toId',
        'An organization cannot partner with itself.',
        'same-organization',
      );
  }
  const logos = new Set<string>();
  for (const logo of data.logos) {
    known(logo, 'organizationId', logo.organizationId);
    if (logos.has(logo.organizationId))
      refuse(at(logo), 'organizationId', 'This organization has two logos.', 'duplicate');
    logos.add(logo.organizationId);
  }
  checkProjectsAndIntents(data, at, known);
  // Affiliations must form no cycle: walk up from each organization, colouring as we go.
  const parents = new Map<string, typeof data.affiliations>();
  for (const affiliation of data.affiliations) {
    parents.set(affiliation.memberId, [...(parents.get(affiliation.memberId) ?? []), affiliation]);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string) => {
    state.set(id, 'visiting');
    for (const affiliation of parents.get(id) ?? []) {
      const next = state.get(affiliation.parentId);
      if (next === 'visiting')
        refuse(
          at(affiliation),
          'parentId',
          'This affiliation closes a cycle: an organization would belong to itself.',
          'affiliation-cycle',
        );
      if (next === undefined) visit(affiliation.parentId);
    }
    state.set(id, 'done');
  };
  for (const id of organizations) if (!state.has(id)) visit(id);
  const claims = new Set<string>();
  const confirmedTies = new Set<string>();
  for (const claim of data.tieClaims) {
    if (claims.has(claim.id)) refuse(at(claim), 'id', 'This id appears twice.', 'duplicate');
    claims.add(claim.id);
    known(claim, 'fromId', claim.fromId);
    known(claim, 'toId', claim.toId);
    if (claim.decidedFor !== null) known(claim, 'decidedFor', claim.decidedFor);
    if (claim.fromId === claim.toId)
      refuse(at(claim), 'toId', 'A tie joins two different organizations.', 'same-organization');
    if (claim.tieId !== null) {
      if (confirmedTies.has(claim.tieId))
        refuse(at(claim), 'tieId', 'This tie is named by two claims.', 'duplicate');
      confirmedTies.add(claim.tieId);
    }
  }
  return data;
}

/**
 * A project's countries, participants and figures name a project of the file; a figure's country
 * is one of its project's countries (the database's foreign key says so too, but without a line).
 */
function checkProjectsAndIntents(
  data: RegistryData,
  at: (value: object) => LocatedRow,
  known: (value: object, field: string, id: string) => void,
) {
  const twice = (value: object, field: string, detail = 'This id appears twice.') =>
    refuse(at(value), field, detail, 'duplicate');
  const projects = new Set<string>();
  for (const project of data.projects) {
    if (projects.has(project.id)) twice(project, 'id');
    projects.add(project.id);
  }
  const inProject = (value: object & { projectId: string }) => {
    if (!projects.has(value.projectId))
      refuse(at(value), 'projectId', 'No project in the file has this id.', 'project-not-found');
  };
  const countries = new Set<string>();
  for (const row of data.projectCountries) {
    inProject(row);
    const key = `${row.projectId} ${row.country}`;
    if (countries.has(key)) twice(row, 'country', 'This project has this country twice.');
    countries.add(key);
  }
  const participants = new Set<string>();
  for (const row of data.projectParticipants) {
    inProject(row);
    known(row, 'organizationId', row.organizationId);
    const key = `${row.projectId} ${row.organizationId} ${row.role}`;
    if (participants.has(key))
      twice(row, 'role', 'This organization has this role in this project twice.');
    participants.add(key);
  }
  const figures = new Set<string>();
  for (const row of data.projectFigures) {
    if (figures.has(row.id)) twice(row, 'id');
    figures.add(row.id);
    inProject(row);
    if (row.country !== null && !countries.has(`${row.projectId} ${row.country}`))
      refuse(
        at(row),
        'country',
        "This country is not one of its project's countries: add it to the project's countries, or leave the figure's country empty.",
        'country-not-in-project',
      );
  }
  const intents = new Set<string>();
  for (const row of data.intents) {
    if (intents.has(row.id)) twice(row, 'id');
    intents.add(row.id);
    known(row, 'organizationId', row.organizationId);
  }
}

/**
 * Network admins import an export (JSON, or the zip of CSV files) into an empty registry. All or
 * nothing: one transaction, after every row has been checked.
 */
export async function importRegistry(
  ctx: Context,
  file: { bytes: Buffer; format: 'json' | 'csv' },
): Promise<ImportedCounts> {
  await checkImportable(ctx, file.bytes.length);
  const limits = {
    maxInflatedBytes: ctx.config.importMaxInflatedBytes,
    maxInflatedFileBytes: ctx.config.importMaxInflatedFileBytes,
  };
  const data = await validate(
    file.format === 'csv'
      ? await rowsFromCsvZip(file.bytes, limits)
      : await rowsFromJson(file.bytes),
  );
  return store(ctx, data, { intoEmpty: true, action: 'import-registry' });
}

/**
 * What can be known before a file is read: whether the actor may import, whether the file's size
 * (when known) is within IMPORT_MAX_MIB, and whether the registry is empty. The HTTP route asks
 * before it reads the body, the command before it reads the file, and the import again (the
 * registry is checked once more in the import's transaction).
 */
export async function checkImportable(ctx: Context, bytes?: number): Promise<void> {
  authorize(ctx.actor, { anyOf: [], write: true, organizationId: null });
  if (bytes !== undefined && bytes > ctx.config.importMaxBytes)
    throw fileTooLarge(ctx.config.importMaxBytes);
  if (!(await registryIsEmpty(ctx.db))) throw registryNotEmpty();
}

export const fileTooLarge = (limit: number) =>
  new AppError(
    'too-large',
    networkMessage('exchange.file-too-large', { mib: Math.floor(limit / (1024 * 1024)) }),
  );

const registryNotEmpty = () =>
  new AppError('conflict', networkMessage('exchange.registry-not-empty'));

/**
 * Adds a whole network at once (the synthetic networks `intercoop generate` builds for
 * benchmarks): checked like an import, stored in one transaction beside what is there.
 */
export async function addToRegistry(ctx: Context, data: RegistryData): Promise<ImportedCounts> {
  authorize(ctx.actor, { anyOf: [], write: true, organizationId: null });
  const rows = registryTables.flatMap((table) =>
    data[table].map((value, index) => ({
      table,
      where: `${table}[${index}]`,
      pointer: `/${table}/${index}`,
      value,
    })),
  );
  return store(ctx, await validate(rows), { intoEmpty: false, action: 'add-to-registry' });
}

async function store(
  ctx: Context,
  data: RegistryData,
  options: { intoEmpty: boolean; action: string },
): Promise<ImportedCounts> {
  return inTransaction(ctx, async (tx) => {
    if (options.intoEmpty && !(await registryIsEmpty(tx.db))) throw registryNotEmpty();
    const stamps = (row: {
      id: string;
      isDemo: boolean;
      version: number;
      createdAt: string;
      updatedAt: string;
    }) => ({
      id: row.id,
      is_demo: row.isDemo,
      version: row.version,
      created_at: new Date(row.createdAt),
      updated_at: new Date(row.updatedAt),
    });
    const tie = (
      row:
        | RegistryData['affiliations'][number]
        | RegistryData['partnerships'][number]
        | RegistryData['tieClaims'][number],
    ) => ({
      ...stamps(row),
      kind: row.kind,
      started_on: row.startedOn,
      ended_on: row.endedOn,
      note: row.note,
    });
    await insertOrganizations(
      tx.db,
      await mapInSlices(data.organizations, (organization) => ({
        ...valuesFromInput({
          ...organization,
          shortName: organization.shortName ?? undefined,
          legalForm: organization.legalForm ?? undefined,
          region: organization.region ?? undefined,
          locality: organization.locality ?? undefined,
          coordinates: organization.coordinates ?? undefined,
          foundingYear: organization.foundingYear ?? undefined,
          employees: organization.employees ?? undefined,
          website: organization.website ?? undefined,
          description: organization.description ?? undefined,
        }),
        ...stamps(organization),
      })),
    );
    await insertAffiliations(
      tx.db,
      await mapInSlices(data.affiliations, (row) => ({
        ...tie(row),
        member_id: row.memberId,
        parent_id: row.parentId,
      })),
    );
    await insertPartnerships(
      tx.db,
      await mapInSlices(data.partnerships, (row) => ({
        ...tie(row),
        from_id: row.fromId,
        to_id: row.toId,
      })),
    );
    await insertLogos(
      tx.db,
      await mapInSlices(data.logos, (logo) => ({
        organization_id: logo.organizationId,
        content: Buffer.from(logo.content, 'base64'),
        media_type: logo.mediaType,
        width: logo.width,
        height: logo.height,
        updated_at: new Date(logo.updatedAt),
      })),
    );
    // The projects module stores its rows, in this transaction, through its door.
    await insertProjectRows(tx.db, {
      projects: data.projects,
      projectCountries: data.projectCountries,
      projectParticipants: data.projectParticipants,
      projectFigures: data.projectFigures,
    });
    await insertIntents(
      tx.db,
      await mapInSlices(data.intents, (row) => ({
        ...stamps(row),
        organization_id: row.organizationId,
        direction: row.direction,
        title: row.title,
        description: row.description,
        sector: row.sector,
        countries: row.countries,
        kind: row.kind,
        valid_from: row.validFrom,
        valid_until: row.validUntil,
        status: row.status,
        closed_at: row.closedAt === null ? null : new Date(row.closedAt),
      })),
    );
    await insertTieClaims(
      tx.db,
      await mapInSlices(data.tieClaims, (row) => ({
        ...tie(row),
        tie: row.tie,
        from_id: row.fromId,
        to_id: row.toId,
        claimed_by: row.claimedBy,
        awaited_from: row.awaitedFrom,
        state: row.state,
        decided_at: row.decidedAt === null ? null : new Date(row.decidedAt),
        decided_by_account: row.decidedByAccount,
        decided_for: row.decidedFor,
        tie_id: row.tieId,
      })),
    );
    const counts = Object.fromEntries(
      registryTables.map((table) => [table, data[table].length]),
    ) as ImportedCounts;
    await recordAudit(tx, {
      action: options.action,
      entityType: 'registry',
      entityId: 'registry',
      organizationId: null,
      before: null,
      after: counts,
    });
    return counts;
  });
}
