import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { projectsMessage } from './messages.ts';
import { readProject } from './project-view.ts';
import type { Project } from './schemas.ts';

/** Projects are public: anyone may read one. */
export async function getProject(ctx: Context, id: string): Promise<Project> {
  const project = await readProject(ctx.db, id);
  if (!project) throw new AppError('not-found', projectsMessage('project.not-found', { id }));
  return project;
}
