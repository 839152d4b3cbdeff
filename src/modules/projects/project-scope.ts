import type { ScopeExists } from '../../platform/scopes.ts';
import { projectExists } from './queries.ts';

/** The scope of project roles (a partner viewer of one project): the id must name a project. */
export const projectScopeExists: ScopeExists = (db, id) => projectExists(db, id);
