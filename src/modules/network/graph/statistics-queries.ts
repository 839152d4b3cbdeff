// Member counts by sex for the network's statistics: summed over the organizations that state
// each figure (an organization may state its total without saying how many are women or men).
import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { network } from '../queries.ts';

export async function sumMembersBySex(db: Db) {
  const result = await sql<{
    women: string | null;
    women_stating: string;
    men: string | null;
    men_stating: string;
  }>`
    select sum(members_women) as women, count(members_women) as women_stating,
           sum(members_men) as men, count(members_men) as men_stating
    from network_organization`.execute(network(db));
  const row = result.rows[0];
  return {
    women: {
      total: Number(row?.women ?? 0),
      organizationsStating: Number(row?.women_stating ?? 0),
    },
    men: { total: Number(row?.men ?? 0), organizationsStating: Number(row?.men_stating ?? 0) },
  };
}
