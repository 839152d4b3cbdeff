// A project as the API shows it: its rows, with its participants named. Organizations and their
// names are the network's, asked through the platform's scope registry (the network module
// provides them), in the directory's order.
import type { Db } from '../../platform/db.ts';
import { scopeNames } from '../../platform/scopes.ts';
import { type ParticipantRow, selectProject } from './queries.ts';
import { type Participant, type Project, participantRoles } from './schemas.ts';

/** Each id's place in the directory's order (by name), and its name. */
async function organizationNames(
  db: Db,
  ids: string[],
): Promise<Map<string, { name: string; place: number }>> {
  const named = await scopeNames(db, 'organization', ids);
  return new Map(named.map((entry, place) => [entry.id, { name: entry.name, place }]));
}

function nameOf(names: Map<string, { name: string; place: number }>, id: string) {
  const known = names.get(id);
  // The participant table's foreign key keeps every participant an organization.
  if (!known) throw new Error(`project participant ${id} is not an organization`);
  return known;
}

/** Participants by role (lead first), then in the directory's order of their organizations. */
export async function nameParticipants(db: Db, rows: ParticipantRow[]): Promise<Participant[]> {
  const names = await organizationNames(
    db,
    rows.map((row) => row.organizationId),
  );
  const rank = (row: ParticipantRow) => participantRoles.indexOf(row.role);
  return [...rows]
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        nameOf(names, a.organizationId).place - nameOf(names, b.organizationId).place,
    )
    .map((row) => ({
      organizationId: row.organizationId,
      organizationName: nameOf(names, row.organizationId).name,
      role: row.role,
      note: row.note,
    }));
}

/** The whole project as the API shows it, or undefined when there is none with this id. */
export async function readProject(db: Db, id: string): Promise<Project | undefined> {
  const row = await selectProject(db, id);
  if (!row) return undefined;
  return { ...row, participants: await nameParticipants(db, row.participants) };
}

/** Lists of lead organizations, each in the directory's order, named in one question. */
export async function nameLeads(
  db: Db,
  leadLists: string[][],
): Promise<Array<Array<{ organizationId: string; organizationName: string }>>> {
  const names = await organizationNames(db, leadLists.flat());
  return leadLists.map((ids) =>
    ids
      .map((id) => ({ id, ...nameOf(names, id) }))
      .sort((a, b) => a.place - b.place)
      .map((entry) => ({ organizationId: entry.id, organizationName: entry.name })),
  );
}
