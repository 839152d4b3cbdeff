// The registry as one JSON document, read as a stream: each row of each table is parsed as its
// text comes, so that a large file neither stops the event loop (one JSON.parse of 60 MB takes
// about a second) nor is held twice, as text and as objects.
import { JSONParser, TokenType } from '@streamparser/json';
import { AppError } from '../../../platform/errors.ts';
import { selectorOf } from '../../../platform/messages/catalogue.ts';
import { yieldOften } from '../../../platform/yield-often.ts';
import { networkMessage } from '../messages.ts';
import { chunksOf, fileText } from './file-text.ts';
import type { LocatedRow } from './registry-csv.ts';
import {
  registryFormat,
  registryFormatVersion,
  registryTables,
  tablesAddedLater,
} from './registry-format.ts';

type NotAnExport = 'no-object' | 'format' | 'version' | 'not-a-list';

const notAnExport = (why: NotAnExport, pointer = '') =>
  new AppError(
    'validation-failed',
    networkMessage('exchange.not-an-export', {
      why: selectorOf(why),
      pointer,
      format: registryFormat,
      version: String(registryFormatVersion),
    }),
  );

/** The rows of a JSON export, each with its place (table and index, as a JSON pointer). */
export async function rowsFromJson(bytes: Buffer): Promise<LocatedRow[]> {
  const parser = new JSONParser({
    paths: ['$.format', '$.version', '$.*.*'],
    keepStack: false,
  });
  const tables = new Set<string>(registryTables);
  const rows: LocatedRow[] = [];
  const header: { format?: unknown; version?: unknown } = {};
  // What each top-level member starts with, from the tokens: the tables must be arrays.
  const kinds = new Map<string, TokenType>();
  let depth = 0;
  let lastKey: string | undefined;
  let awaitingValueOf: string | undefined;
  parser.onToken = ({ token, value }) => {
    if (depth === 1) {
      if (awaitingValueOf !== undefined) {
        kinds.set(awaitingValueOf, token);
        awaitingValueOf = undefined;
      } else if (token === TokenType.COLON) awaitingValueOf = lastKey;
      else if (token === TokenType.STRING) lastKey = String(value);
    } else if (depth === 0 && token !== TokenType.LEFT_BRACE) {
      throw notAnExport('no-object');
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) depth += 1;
    else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) depth -= 1;
  };
  parser.onValue = ({ value, key, stack }) => {
    const table = stack[1]?.key;
    if (table === undefined) {
      if (key === 'format' || key === 'version') header[key] = value;
      return;
    }
    if (typeof table !== 'string' || !tables.has(table) || typeof key !== 'number') return;
    rows.push({
      table: table as LocatedRow['table'],
      where: `${table}[${key}]`,
      pointer: `/${table}/${key}`,
      value,
    });
  };
  const pause = yieldOften();
  try {
    for await (const text of fileText(chunksOf(bytes), 'The JSON file')) {
      parser.write(text);
      await pause();
    }
    if (!parser.isEnded) parser.end();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'validation-failed',
      networkMessage('exchange.json-not-valid', { reason: (error as Error).message }),
    );
  }
  if (header.format !== registryFormat) throw notAnExport('format', '/format');
  if (header.version !== registryFormatVersion) throw notAnExport('version', '/version');
  for (const table of registryTables) {
    if (tablesAddedLater.has(table) && !kinds.has(table)) continue;
    if (kinds.get(table) !== TokenType.LEFT_BRACKET) throw notAnExport('not-a-list', `/${table}`);
  }
  return rows;
}
