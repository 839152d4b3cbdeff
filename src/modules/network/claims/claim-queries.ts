// Reading and writing claims of ties, with the names of the organizations they involve.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { network } from '../queries.ts';
import type { TieClaim } from '../schemas.ts';

const dateText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export async function selectClaims(
  db: Db,
  where: { id?: string; organizationId?: string; states?: TieClaim['state'][] },
): Promise<TieClaim[]> {
  let query = network(db)
    .selectFrom('network_tie_claim as c')
    .innerJoin('network_organization as f', 'f.id', 'c.from_id')
    .innerJoin('network_organization as t', 't.id', 'c.to_id')
    .innerJoin('network_organization as b', 'b.id', 'c.claimed_by')
    .innerJoin('network_organization as w', 'w.id', 'c.awaited_from')
    .leftJoin('network_organization as d', 'd.id', 'c.decided_for')
    .select([
      'c.id',
      'c.tie',
      'c.kind',
      'c.from_id as fromId',
      'f.name as fromName',
      'c.to_id as toId',
      't.name as toName',
      dateText('c.started_on').as('startedOn'),
      dateText('c.ended_on').as('endedOn'),
      'c.note',
      'c.claimed_by as claimedById',
      'b.name as claimedByName',
      'c.awaited_from as awaitedFromId',
      'w.name as awaitedFromName',
      'c.state',
      sql<
        string | null
      >`to_char(c.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('decidedAt'),
      'd.name as decidedForName',
      sql<boolean>`c.decided_at is not null and c.decided_for is null`.as('decidedByStaff'),
      'c.tie_id as tieId',
      'c.is_demo as isDemo',
      'c.version',
      sql<string>`to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as(
        'createdAt',
      ),
    ]);
  if (where.id) query = query.where('c.id', '=', where.id);
  const organizationId = where.organizationId;
  if (organizationId)
    query = query.where((eb) =>
      eb.or([eb('c.from_id', '=', organizationId), eb('c.to_id', '=', organizationId)]),
    );
  if (where.states) query = query.where('c.state', 'in', where.states);
  const rows = await query.orderBy('c.id').execute();
  return rows as TieClaim[];
}

export async function insertClaim(
  db: Db,
  row: {
    id: string;
    tie: TieClaim['tie'];
    fromId: string;
    toId: string;
    kind: string;
    startedOn: string | null;
    endedOn: string | null;
    note: string | null;
    claimedBy: string;
    awaitedFrom: string;
    now: Date;
  },
): Promise<void> {
  await network(db)
    .insertInto('network_tie_claim')
    .values({
      id: row.id,
      tie: row.tie,
      from_id: row.fromId,
      to_id: row.toId,
      kind: row.kind,
      started_on: row.startedOn,
      ended_on: row.endedOn,
      note: row.note,
      claimed_by: row.claimedBy,
      awaited_from: row.awaitedFrom,
      decided_at: null,
      decided_by_account: null,
      decided_for: null,
      tie_id: null,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

/** Whether the same tie is claimed and waiting already. */
export async function pendingClaimExists(
  db: Db,
  claim: { tie: TieClaim['tie']; fromId: string; toId: string; kind: string },
): Promise<boolean> {
  const row = await network(db)
    .selectFrom('network_tie_claim')
    .select('id')
    .where('tie', '=', claim.tie)
    .where('from_id', '=', claim.fromId)
    .where('to_id', '=', claim.toId)
    .where('kind', '=', claim.kind)
    .where('state', '=', 'claimed')
    .executeTakeFirst();
  return row !== undefined;
}

/** Decides a waiting claim read at `version`: false when it is not waiting at that version. */
export async function decideClaim(
  db: Db,
  decision: {
    id: string;
    version: number;
    state: 'confirmed' | 'declined';
    tieId: string | null;
    accountId: string | null;
    decidedFor: string | null;
    now: Date;
  },
): Promise<boolean> {
  const updated = await network(db)
    .updateTable('network_tie_claim')
    .set((eb) => ({
      state: decision.state,
      tie_id: decision.tieId,
      decided_at: decision.now,
      decided_by_account: decision.accountId,
      decided_for: decision.decidedFor,
      updated_at: decision.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', decision.id)
    .where('version', '=', decision.version)
    .where('state', '=', 'claimed')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
