import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { selectorOf } from '../../platform/messages/catalogue.ts';
import { changeProject } from './change-project.ts';
import { projectsMessage } from './messages.ts';
import { deleteParticipant } from './queries.ts';
import { type Project, RemoveParticipantInput } from './schemas.ts';

/**
 * Removes an organization from one of its roles in a project. A project keeps at least one lead:
 * its leads' admins are those who may change it. The version the reader saw decides, so two
 * people removing the last two leads at once cannot both succeed.
 */
export async function removeProjectParticipant(
  ctx: Context,
  projectId: string,
  input: RemoveParticipantInput,
): Promise<Project> {
  const { version, organizationId, role } = RemoveParticipantInput.parse(input);
  return changeProject(ctx, projectId, version, 'remove-project-participant', {
    check: (current) => {
      const participant = current.participants.find(
        (entry) => entry.organizationId === organizationId && entry.role === role,
      );
      if (!participant)
        throw new AppError(
          'not-found',
          projectsMessage('project.participant-not-found', { role: selectorOf(role) }),
        );
      const leads = current.participants.filter((entry) => entry.role === 'lead');
      if (role === 'lead' && leads.length === 1)
        throw new AppError(
          'conflict',
          projectsMessage('project.only-lead', { organization: participant.organizationName }),
        );
    },
    apply: (tx) => deleteParticipant(tx.db, projectId, organizationId, role),
  });
}
