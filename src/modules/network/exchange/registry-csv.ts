// The registry as CSV, one file a table, zipped with a manifest. Nested values (other names,
// descriptions in several languages, principles, a project's sources, an offer's countries) are
// JSON in their cell; empty cells are null.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { AppError, type Message } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import {
  type RegistryData,
  type RegistryTable,
  registryFormat,
  registryFormatVersion,
  registryTables,
} from './registry-format.ts';

type Cell = string;
type Column<T> = { name: string; write: (row: T) => Cell; read: (cell: Cell) => unknown };

const nullable = (value: string | number | null | undefined): Cell =>
  value === null || value === undefined ? '' : String(value);
const text = (cell: Cell) => (cell === '' ? null : cell);
const number = (cell: Cell) =>
  cell === '' ? null : /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(cell) ? Number(cell) : cell;
const json = (cell: Cell) => {
  try {
    return JSON.parse(cell);
  } catch {
    return cell;
  }
};
const boolean = (cell: Cell) => (cell === 'true' ? true : cell === 'false' ? false : cell);

function field<T>(
  name: string,
  get: (row: T) => string | number | null | undefined,
  read: (cell: Cell) => unknown = text,
): Column<T> {
  return { name, write: (row) => nullable(get(row)), read };
}

type Organization = RegistryData['organizations'][number];
type Affiliation = RegistryData['affiliations'][number];
type Partnership = RegistryData['partnerships'][number];
type Logo = RegistryData['logos'][number];

const organizationColumns: Column<Organization>[] = [
  field('id', (row) => row.id),
  field('name', (row) => row.name),
  field('shortName', (row) => row.shortName),
  field('otherNames', (row) => JSON.stringify(row.otherNames), json),
  field('kind', (row) => row.kind),
  field('legalForm', (row) => row.legalForm),
  field('sector', (row) => row.sector),
  field('country', (row) => row.country),
  field('region', (row) => row.region),
  field('locality', (row) => row.locality),
  field('latitude', (row) => row.coordinates?.lat, number),
  field('longitude', (row) => row.coordinates?.lon, number),
  field(
    'languages',
    (row) => row.languages.join(';'),
    (cell) => (cell === '' ? [] : cell.split(';')),
  ),
  field('foundingYear', (row) => row.foundingYear, number),
  field('membersTotal', (row) => row.members.total, number),
  field('membersWomen', (row) => row.members.women, number),
  field('membersMen', (row) => row.members.men, number),
  field('employees', (row) => row.employees, number),
  field('website', (row) => row.website),
  field('contacts', (row) => JSON.stringify(row.contacts), json),
  field('description', (row) => row.description),
  field('descriptions', (row) => JSON.stringify(row.descriptions), json),
  field('principles', (row) => JSON.stringify(row.principles), json),
  field('isDemo', (row) => String(row.isDemo), boolean),
  field('version', (row) => row.version, number),
  field('createdAt', (row) => row.createdAt),
  field('updatedAt', (row) => row.updatedAt),
];

function tieColumns<T extends Affiliation | Partnership>(ends: [string, string]): Column<T>[] {
  const [from, to] = ends as [keyof T & string, keyof T & string];
  return [
    field('id', (row) => row.id),
    field(from, (row) => row[from] as string),
    field(to, (row) => row[to] as string),
    field('kind', (row) => row.kind),
    field('startedOn', (row) => row.startedOn),
    field('endedOn', (row) => row.endedOn),
    field('note', (row) => row.note),
    field('isDemo', (row) => String(row.isDemo), boolean),
    field('version', (row) => row.version, number),
    field('createdAt', (row) => row.createdAt),
    field('updatedAt', (row) => row.updatedAt),
  ];
}

const logoColumns: Column<Logo>[] = [
  field('organizationId', (row) => row.organizationId),
  field('mediaType', (row) => row.mediaType),
  field('width', (row) => row.width, number),
  field('height', (row) => row.height, number),
  field('updatedAt', (row) => row.updatedAt),
];

type Project = RegistryData['projects'][number];
type ProjectCountry = RegistryData['projectCountries'][number];
type ProjectParticipant = RegistryData['projectParticipants'][number];
type ProjectFigure = RegistryData['projectFigures'][number];
type Intent = RegistryData['intents'][number];

const stampColumns = <T extends Project | Intent>(): Column<T>[] => [
  field('isDemo', (row) => String(row.isDemo), boolean),
  field('version', (row) => row.version, number),
  field('createdAt', (row) => row.createdAt),
  field('updatedAt', (row) => row.updatedAt),
];

const projectColumns: Column<Project>[] = [
  field('id', (row) => row.id),
  field('title', (row) => row.title),
  field('summary', (row) => row.summary),
  field('sector', (row) => row.sector),
  field('status', (row) => row.status),
  field('startedOn', (row) => row.startedOn),
  field('endedOn', (row) => row.endedOn),
  field('sources', (row) => JSON.stringify(row.sources), json),
  ...stampColumns<Project>(),
];

const projectCountryColumns: Column<ProjectCountry>[] = [
  field('projectId', (row) => row.projectId),
  field('country', (row) => row.country),
];

const projectParticipantColumns: Column<ProjectParticipant>[] = [
  field('projectId', (row) => row.projectId),
  field('organizationId', (row) => row.organizationId),
  field('role', (row) => row.role),
  field('note', (row) => row.note),
  field('createdAt', (row) => row.createdAt),
];

const projectFigureColumns: Column<ProjectFigure>[] = [
  field('id', (row) => row.id),
  field('projectId', (row) => row.projectId),
  field('kind', (row) => row.kind),
  field('indicator', (row) => row.indicator),
  // A decimal string kept as written: a number would lose money's exactness.
  field('amount', (row) => row.amount),
  field('currency', (row) => row.currency),
  field('country', (row) => row.country),
  field('period', (row) => row.period, number),
  field('note', (row) => row.note),
  field('source', (row) => row.source),
  field('createdAt', (row) => row.createdAt),
];

const intentColumns: Column<Intent>[] = [
  field('id', (row) => row.id),
  field('organizationId', (row) => row.organizationId),
  field('direction', (row) => row.direction),
  field('title', (row) => row.title),
  field('description', (row) => row.description),
  field('sector', (row) => row.sector),
  field('countries', (row) => JSON.stringify(row.countries), json),
  field('kind', (row) => row.kind),
  field('validFrom', (row) => row.validFrom),
  field('validUntil', (row) => row.validUntil),
  field('status', (row) => row.status),
  field('closedAt', (row) => row.closedAt),
  ...stampColumns<Intent>(),
];

const tables = {
  organizations: organizationColumns,
  affiliations: tieColumns<Affiliation>(['memberId', 'parentId']),
  partnerships: tieColumns<Partnership>(['fromId', 'toId']),
  logos: logoColumns,
  projects: projectColumns,
  projectCountries: projectCountryColumns,
  projectParticipants: projectParticipantColumns,
  projectFigures: projectFigureColumns,
  intents: intentColumns,
} as const satisfies Record<RegistryTable, unknown>;

type TableName = RegistryTable;
const tableNames = registryTables;

/** Each table's file in the archive. */
export const csvFileNames: Record<TableName, string> = {
  organizations: 'organizations.csv',
  affiliations: 'affiliations.csv',
  partnerships: 'partnerships.csv',
  logos: 'logos.csv',
  projects: 'projects.csv',
  projectCountries: 'project-countries.csv',
  projectParticipants: 'project-participants.csv',
  projectFigures: 'project-figures.csv',
  intents: 'intents.csv',
};

function toCsv<T>(columns: Column<T>[], rows: T[]): string {
  return stringify(
    [
      columns.map((column) => column.name),
      ...rows.map((row) => columns.map((column) => column.write(row))),
    ],
    {
      record_delimiter: '\n',
    },
  );
}

/** A zip of one CSV file a table, a manifest, and each logo as a WebP file. */
export function registryToCsvZip(data: RegistryData): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'manifest.json': strToU8(
      `${JSON.stringify({ format: registryFormat, version: registryFormatVersion }, null, 2)}\n`,
    ),
  };
  for (const table of tableNames)
    files[csvFileNames[table]] = strToU8(
      toCsv(tables[table] as Column<unknown>[], data[table] as unknown[]),
    );
  for (const logo of data.logos)
    files[`logos/${logo.organizationId}.webp`] = Buffer.from(logo.content, 'base64');
  // A fixed date inside the archive: the same registry gives the same bytes.
  return zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

/** `where` names the row for a person: `organizations[3]`, or a CSV file's line (worded). */
export type LocatedRow = {
  table: TableName;
  where: string | Message;
  pointer: string;
  value: unknown;
};

/** Reads the archive into raw rows, each with where it came from, for validation to name. */
export function rowsFromCsvZip(bytes: Uint8Array): LocatedRow[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new AppError('validation-failed', networkMessage('exchange.not-zip'));
  }
  const manifestFile = files['manifest.json'];
  if (!manifestFile)
    throw new AppError('validation-failed', networkMessage('exchange.no-manifest'));
  let manifest: { format?: unknown; version?: unknown };
  try {
    manifest = JSON.parse(strFromU8(manifestFile));
  } catch {
    throw new AppError('validation-failed', networkMessage('exchange.manifest-not-json'));
  }
  if (manifest.format !== registryFormat || manifest.version !== registryFormatVersion) {
    throw new AppError(
      'validation-failed',
      networkMessage('exchange.manifest-not-ours', {
        format: registryFormat,
        version: String(registryFormatVersion),
      }),
    );
  }
  const rows: LocatedRow[] = [];
  for (const table of tableNames) {
    const file = csvFileNames[table];
    const content = files[file];
    if (!content)
      throw new AppError('validation-failed', networkMessage('exchange.file-missing', { file }));
    let records: string[][];
    try {
      records = parse(strFromU8(content), { relax_column_count: true });
    } catch (error) {
      throw new AppError(
        'validation-failed',
        networkMessage('exchange.csv-not-valid', { file, reason: (error as Error).message }),
      );
    }
    const columns = tables[table] as Column<unknown>[];
    const header = records[0] ?? [];
    const expected = columns.map((column) => column.name);
    if (header.join(',') !== expected.join(',')) {
      throw new AppError(
        'validation-failed',
        networkMessage('exchange.columns', { file, columns: expected.join(', ') }),
      );
    }
    records.slice(1).forEach((record, index) => {
      const line = index + 2;
      if (record.length !== columns.length) {
        throw new AppError(
          'validation-failed',
          networkMessage('exchange.cells', {
            file,
            line: String(line),
            cells: String(record.length),
            expected: String(columns.length),
          }),
        );
      }
      const value = Object.fromEntries(
        columns.map((column, at) => [column.name, column.read(record[at] as string)]),
      );
      rows.push({
        table,
        where: networkMessage('exchange.csv-line', { file, line: String(line) }),
        pointer: `/${table}/${index}`,
        value: reshape(table, value, files),
      });
    });
  }
  return rows;
}

/** CSV columns back into the document's shape (coordinates, members, the logo's bytes). */
function reshape(
  table: TableName,
  value: Record<string, unknown>,
  files: Record<string, Uint8Array>,
): unknown {
  if (table === 'organizations') {
    const { latitude, longitude, membersTotal, membersWomen, membersMen, ...rest } = value;
    return {
      ...rest,
      coordinates:
        latitude === null && longitude === null ? null : { lat: latitude, lon: longitude },
      members: { total: membersTotal, women: membersWomen, men: membersMen },
    };
  }
  if (table === 'logos') {
    const file = files[`logos/${String(value.organizationId)}.webp`];
    return { ...value, content: file ? Buffer.from(file).toString('base64') : null };
  }
  return value;
}
