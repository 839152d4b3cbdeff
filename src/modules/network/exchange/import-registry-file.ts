import fs from 'node:fs/promises';
import type { Context } from '../../../platform/context.ts';
import {
  checkImportable,
  fileTooLarge,
  type ImportedCounts,
  importRegistry,
} from './import-registry.ts';

/**
 * The `intercoop import` command's import of a file: refused, as over HTTP, before the file is
 * read when the registry is not empty or the file is over IMPORT_MAX_MIB; then read and imported
 * within the same limits. A zip starts with "PK"; anything else is read as JSON.
 */
export async function importRegistryFile(ctx: Context, path: string): Promise<ImportedCounts> {
  await checkImportable(ctx);
  const { size } = await fs.stat(path);
  if (size > ctx.config.importMaxBytes) throw fileTooLarge(ctx.config.importMaxBytes);
  const bytes = await fs.readFile(path);
  const format = bytes.subarray(0, 2).toString('latin1') === 'PK' ? 'csv' : 'json';
  return importRegistry(ctx, { bytes, format });
}
