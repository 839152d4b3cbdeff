import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { selectorOf } from '../../platform/messages/catalogue.ts';
import { scopeExists } from '../../platform/scopes.ts';
import { changeProject } from './change-project.ts';
import { projectsMessage } from './messages.ts';
import { hasParticipant, insertParticipants } from './queries.ts';
import { AddParticipantInput, type Project } from './schemas.ts';

/** Adds an organization in a role; an organization may hold several roles in one project. */
export async function addProjectParticipant(
  ctx: Context,
  projectId: string,
  input: AddParticipantInput,
): Promise<Project> {
  const { version, ...participant } = AddParticipantInput.parse(input);
  return changeProject(ctx, projectId, version, 'add-project-participant', {
    apply: async (tx) => {
      if (!(await scopeExists(tx.db, 'organization', participant.organizationId)))
        throw new AppError('validation-failed', projectsMessage('organization.named-missing'), {
          errors: [
            {
              pointer: '/organizationId',
              detail: 'There is no organization with this id.',
              code: 'organization-not-found',
            },
          ],
        });
      if (await hasParticipant(tx.db, projectId, participant.organizationId, participant.role))
        throw new AppError(
          'conflict',
          projectsMessage('project.participant-exists', { role: selectorOf(participant.role) }),
        );
      await insertParticipants(tx.db, projectId, [participant], tx.now());
    },
  });
}
