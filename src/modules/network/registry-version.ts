// The registry's version (migration 0010): moved by every change to organizations and ties, in
// the changing transaction. What a process keeps in memory is labelled with the version it was
// read at and used only while the version is the same.
import { sql } from 'kysely';
import { type Db, preparedStatement } from '../../platform/db.ts';

const versionQuery = sql<{
  version: string;
}>`select version::text as version from network_registry_version`;

/** The version now (as text: it is a bigint). One row by its key, prepared on each connection. */
export async function readRegistryVersion(db: Db): Promise<string> {
  const compiled = versionQuery.compile(db);
  const result = await db.executeQuery<{ version: string }>({
    ...compiled,
    sql: preparedStatement('network_registry_version', compiled.sql),
  });
  const version = result.rows[0]?.version;
  if (version === undefined) throw new Error('the registry version row is missing');
  return version;
}
