import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import { selectProject } from './project-queries.ts';
import type { Project } from './project-schemas.ts';

/** Projects are public: anyone may read one. */
export async function getProject(ctx: Context, id: string): Promise<Project> {
  const project = await selectProject(ctx.db, id);
  if (!project) throw new AppError('not-found', networkMessage('project.not-found', { id }));
  return project;
}
