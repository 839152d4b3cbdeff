// The registry as CSV, one file a table, zipped with a manifest. Nested values (other names,
// descriptions in several languages, principles, a project's sources, an offer's countries) are
// JSON in their cell; empty cells are null; a text cell that a spreadsheet would take for a
// formula is written after a single quote, which the import takes off (csv-cells.ts).
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { AppError, type ImportSource, type Message } from '../../../platform/errors.ts';
import { yieldOften } from '../../../platform/yield-often.ts';
import { networkMessage } from '../messages.ts';
import { cellText, safeCell } from './csv-cells.ts';
import { fileText } from './file-text.ts';
import {
  type RegistryData,
  type RegistryTable,
  registryFormat,
  registryFormatVersion,
  registryTables,
  tablesAddedLater,
} from './registry-format.ts';
import { type InflateLimits, openZipArchive, type ZipArchive } from './zip-archive.ts';

type Cell = string;
type Column<T> = { name: string; write: (row: T) => Cell; read: (cell: Cell) => unknown };

const nullable = (value: string | number | null | undefined): Cell =>
  value === null || value === undefined ? '' : String(value);
// Text cells are written safe to open in a spreadsheet (see csv-cells.ts) and read back exactly.
const text = (cell: Cell) => (cell === '' ? null : cellText(cell));
const decimal = (cell: Cell) => (cell === '' ? null : cell);
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
  const write = (row: T) => nullable(get(row));
  return { name, write: read === text ? (row) => safeCell(write(row)) : write, read };
}

type Organization = RegistryData['organizations'][number];
type Affiliation = RegistryData['affiliations'][number];
type Partnership = RegistryData['partnerships'][number];
type Logo = RegistryData['logos'][number];
type TieClaim = RegistryData['tieClaims'][number];

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

function tieColumns<T extends Affiliation | Partnership | TieClaim>(
  ends: [string, string],
): Column<T>[] {
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

const tieClaimColumns: Column<TieClaim>[] = [
  ...tieColumns<TieClaim>(['fromId', 'toId']).slice(0, 7),
  field('tie', (row) => row.tie),
  field('claimedBy', (row) => row.claimedBy),
  field('awaitedFrom', (row) => row.awaitedFrom),
  field('state', (row) => row.state),
  field('decidedAt', (row) => row.decidedAt),
  field('decidedByAccount', (row) => row.decidedByAccount),
  field('decidedFor', (row) => row.decidedFor),
  field('tieId', (row) => row.tieId),
  ...tieColumns<TieClaim>(['fromId', 'toId']).slice(7),
];

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
  field('amount', (row) => row.amount, decimal),
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
  tieClaims: tieClaimColumns,
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
  tieClaims: 'tie-claims.csv',
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
  /** For a row of a CSV file: the file and the line it starts on. */
  source?: ImportSource;
  value: unknown;
};

/**
 * Records of a CSV file as its text comes, each with the line it starts on; the file's text is
 * checked to be UTF-8 on the way (see file-text.ts).
 */
async function* csvRecords(
  bytes: AsyncIterable<Uint8Array>,
  file: string,
): AsyncGenerator<{ record: string[]; line: number }> {
  const parser = parse({ relax_column_count: true, info: true });
  // Until the parser has room again, or is gone (the records are no longer read).
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        parser.off('drain', done);
        parser.off('close', done);
        resolve();
      };
      parser.on('drain', done);
      parser.on('close', done);
    });
  const feeding = (async () => {
    for await (const text of fileText(bytes, file)) {
      if (!parser.write(text)) await drained();
      if (parser.destroyed) return;
    }
    parser.end();
  })();
  // A failure while feeding (bytes that are not UTF-8, a file too large) ends the reading too.
  feeding.catch((error: unknown) => parser.destroy(error as Error));
  let nextLine = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      yield { record, line: nextLine };
      nextLine = info.lines + 1;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'validation-failed',
      networkMessage('exchange.csv-not-valid', { file, reason: (error as Error).message }),
    );
  } finally {
    parser.destroy();
  }
  await feeding;
}

/**
 * Reads the archive into raw rows, each with where it came from (file and line), for validation
 * to name; inflated and parsed as streams, within the limits, leaving the event loop free often.
 */
export async function rowsFromCsvZip(bytes: Buffer, limits: InflateLimits): Promise<LocatedRow[]> {
  const archive = await openZipArchive(bytes, limits);
  try {
    if (!archive.has('manifest.json'))
      throw new AppError('validation-failed', networkMessage('exchange.no-manifest'));
    let manifest: { format?: unknown; version?: unknown };
    try {
      manifest = JSON.parse((await archive.readAll('manifest.json')).toString('utf8'));
    } catch (error) {
      if (error instanceof AppError) throw error;
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
    const pause = yieldOften();
    const rows: LocatedRow[] = [];
    for (const table of tableNames) {
      const file = csvFileNames[table];
      if (tablesAddedLater.has(table) && !archive.has(file)) continue;
      const columns = tables[table] as Column<unknown>[];
      const expected = columns.map((column) => column.name);
      let index = -1;
      for await (const { record, line } of csvRecords(archive.read(file), file)) {
        if (index === -1 && record.join(',') !== expected.join(','))
          throw new AppError(
            'validation-failed',
            networkMessage('exchange.columns', { file, columns: expected.join(', ') }),
          );
        if (index >= 0) {
          if (record.length !== columns.length)
            throw new AppError(
              'validation-failed',
              networkMessage('exchange.cells', {
                file,
                line: String(line),
                cells: String(record.length),
                expected: String(columns.length),
              }),
            );
          const value = Object.fromEntries(
            columns.map((column, at) => [column.name, column.read(record[at] as string)]),
          );
          rows.push({
            table,
            where: networkMessage('exchange.csv-line', { file, line: String(line) }),
            pointer: `/${table}/${index}`,
            source: { file, line },
            value: await reshape(table, value, archive),
          });
        }
        index += 1;
        await pause();
      }
      if (index === -1)
        throw new AppError(
          'validation-failed',
          networkMessage('exchange.columns', { file, columns: expected.join(', ') }),
        );
    }
    return rows;
  } finally {
    archive.close();
  }
}

/** CSV columns back into the document's shape (coordinates, members, the logo's bytes). */
async function reshape(
  table: TableName,
  value: Record<string, unknown>,
  archive: ZipArchive,
): Promise<unknown> {
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
    const file = `logos/${String(value.organizationId)}.webp`;
    return {
      ...value,
      content: archive.has(file) ? (await archive.readAll(file)).toString('base64') : null,
    };
  }
  return value;
}
