// The network module's queries about the demo network: which rows are demo, what else refers to
// them, and removing them.
import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { network } from '../queries.ts';

export async function selectDemoOrganizations(db: Db): Promise<{ id: string; name: string }[]> {
  return network(db)
    .selectFrom('network_organization')
    .select(['id', 'name'])
    .where('is_demo', '=', true)
    .orderBy('sort_key')
    .orderBy('id')
    .execute();
}

/** Ties that are not part of the demo but touch a demo organization: they keep it in place. */
export async function selectNonDemoTiesToDemo(db: Db): Promise<string[]> {
  const result = await sql<{ description: string }>`
    select 'affiliation ' || a.id || ': ' || m.name || ' ' || a.kind || ' ' || p.name as description
      from network_affiliation a
      join network_organization m on m.id = a.member_id
      join network_organization p on p.id = a.parent_id
     where not a.is_demo and (m.is_demo or p.is_demo)
    union all
    select 'partnership ' || t.id || ': ' || f.name || ' ' || t.kind || ' ' || o.name
      from network_partnership t
      join network_organization f on f.id = t.from_id
      join network_organization o on o.id = t.to_id
     where not t.is_demo and (f.is_demo or o.is_demo)
    union all
    select 'claimed ' || c.tie || ' ' || c.id || ': ' || f.name || ' ' || c.kind || ' ' || o.name
      from network_tie_claim c
      join network_organization f on f.id = c.from_id
      join network_organization o on o.id = c.to_id
     where not c.is_demo and (f.is_demo or o.is_demo)
     order by 1`.execute(network(db));
  return result.rows.map((row) => row.description);
}

export type DemoRemoval = {
  organizations: number;
  affiliations: number;
  partnerships: number;
  logos: number;
};

export async function deleteDemoRows(db: Db): Promise<DemoRemoval> {
  const demoIds = network(db)
    .selectFrom('network_organization')
    .select('id')
    .where('is_demo', '=', true);
  await network(db).deleteFrom('network_tie_claim').where('is_demo', '=', true).execute();
  const affiliations = await network(db)
    .deleteFrom('network_affiliation')
    .where('is_demo', '=', true)
    .executeTakeFirst();
  const partnerships = await network(db)
    .deleteFrom('network_partnership')
    .where('is_demo', '=', true)
    .executeTakeFirst();
  const logos = await network(db)
    .deleteFrom('network_logo')
    .where('organization_id', 'in', demoIds)
    .executeTakeFirst();
  const organizations = await network(db)
    .deleteFrom('network_organization')
    .where('is_demo', '=', true)
    .executeTakeFirst();
  return {
    organizations: Number(organizations.numDeletedRows),
    affiliations: Number(affiliations.numDeletedRows),
    partnerships: Number(partnerships.numDeletedRows),
    logos: Number(logos.numDeletedRows),
  };
}
