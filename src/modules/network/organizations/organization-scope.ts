import type { ScopeExists, ScopeNames } from '../../../platform/scopes.ts';
import { organizationExists } from '../graph/graph-queries.ts';
import { selectOrganizationNames } from '../queries.ts';

/** The scope of organization roles: the id must name an organization of the registry. */
export const organizationScopeExists: ScopeExists = (db, id) => organizationExists(db, id);

/** Organizations' names for other modules (a project's participants), in the directory's order. */
export const organizationScopeNames: ScopeNames = (db, ids) => selectOrganizationNames(db, ids);
