import type { ScopeExists } from '../../../platform/scopes.ts';
import { organizationExists } from '../graph/graph-queries.ts';

/** The scope of organization roles: the id must name an organization of the registry. */
export const organizationScopeExists: ScopeExists = (db, id) => organizationExists(db, id);
