import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { changeProject } from './change-project.ts';
import { projectsMessage } from './messages.ts';
import { deleteFigure } from './queries.ts';
import { type Project, WithdrawFigureInput } from './schemas.ts';

/**
 * Withdraws a target or a result recorded by mistake. The figure is deleted, so that no total,
 * list or check can count it again; the audit log keeps the project as it was, figure included,
 * written in the same transaction. It carries the project's version like any change.
 */
export async function withdrawProjectFigure(
  ctx: Context,
  projectId: string,
  input: WithdrawFigureInput,
): Promise<Project> {
  const { version, figureId } = WithdrawFigureInput.parse(input);
  return changeProject(ctx, projectId, version, 'withdraw-project-figure', {
    check: (current) => {
      const figure = [...current.targets, ...current.results].find(
        (entry) => entry.id === figureId,
      );
      if (!figure)
        throw new AppError(
          'not-found',
          projectsMessage('project.figure-not-found', { id: figureId }),
        );
    },
    apply: (tx) => deleteFigure(tx.db, projectId, figureId),
  });
}
