// Reading and writing organizations' logos (table network_logo). The bytes live in the database
// so that every app server on one PostgreSQL serves the same logo.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { network } from '../queries.ts';

export type StoredLogo = {
  content: Buffer;
  mediaType: string;
  width: number;
  height: number;
  updatedAt: Date;
};

/** What the audit log keeps of a logo: its size and shape, never its bytes. */
export type LogoFacts = { mediaType: string; width: number; height: number; byteSize: number };

export async function selectLogo(db: Db, organizationId: string): Promise<StoredLogo | undefined> {
  const row = await network(db)
    .selectFrom('network_logo')
    .select(['content', 'media_type', 'width', 'height', 'updated_at'])
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    content: row.content,
    mediaType: row.media_type,
    width: row.width,
    height: row.height,
    updatedAt: row.updated_at,
  };
}

/** The logo's facts without reading its bytes; undefined when there is none. */
export async function selectLogoFacts(
  db: Db,
  organizationId: string,
): Promise<LogoFacts | undefined> {
  const row = await network(db)
    .selectFrom('network_logo')
    .select([
      'media_type',
      'width',
      'height',
      sql<number>`octet_length(content)::integer`.as('byte_size'),
    ])
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    mediaType: row.media_type,
    width: row.width,
    height: row.height,
    byteSize: row.byte_size,
  };
}

export async function upsertLogo(
  db: Db,
  organizationId: string,
  logo: { content: Buffer; mediaType: string; width: number; height: number },
  now: Date,
): Promise<void> {
  const values = {
    content: logo.content,
    media_type: logo.mediaType,
    width: logo.width,
    height: logo.height,
    updated_at: now,
  };
  await network(db)
    .insertInto('network_logo')
    .values({ organization_id: organizationId, ...values })
    .onConflict((conflict) => conflict.column('organization_id').doUpdateSet(values))
    .execute();
}

/** Whether a logo was there to delete. */
export async function deleteLogo(db: Db, organizationId: string): Promise<boolean> {
  const result = await network(db)
    .deleteFrom('network_logo')
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Locks the organization's row until the transaction ends: logo changes to one organization take
 * turns, so each audit entry's "before" is the logo it replaced. False when there is no such row.
 */
export async function lockOrganization(db: Db, organizationId: string): Promise<boolean> {
  const row = await network(db)
    .selectFrom('network_organization')
    .select('id')
    .where('id', '=', organizationId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}
