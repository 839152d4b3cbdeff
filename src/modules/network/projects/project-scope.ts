import type { ScopeExists } from '../../../platform/scopes.ts';
import { projectExists } from './project-queries.ts';

/** The scope of project roles (a partner who follows one project): the id must name a project. */
export const projectScopeExists: ScopeExists = (db, id) => projectExists(db, id);
