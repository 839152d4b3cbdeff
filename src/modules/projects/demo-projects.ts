// The demo's projects, for the network's demo removal, which calls these in its own transaction:
// what keeps the demo organizations in place, and removing the demo projects before them.
import type { Db } from '../../platform/db.ts';
import { deleteDemoProjects, selectNonDemoProjectsWith } from './queries.ts';

/** Projects made outside the demo in which one of these demo organizations takes part. */
export function findProjectsWithDemoOrganizations(
  db: Db,
  demoOrganizations: Array<{ id: string; name: string }>,
): Promise<string[]> {
  return selectNonDemoProjectsWith(db, demoOrganizations);
}

/** Deletes every demo project, with its countries, participants and figures; returns how many. */
export function removeDemoProjects(db: Db): Promise<number> {
  return deleteDemoProjects(db);
}
