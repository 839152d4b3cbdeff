import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { selectorOf } from '../../../platform/messages/catalogue.ts';
import { networkMessage } from '../messages.ts';
import { organizationsExist } from '../queries.ts';
import { changeProject } from './change-project.ts';
import { hasParticipant, insertParticipants } from './project-queries.ts';
import { AddParticipantInput, type Project } from './project-schemas.ts';

/** Adds an organization in a role; an organization may hold several roles in one project. */
export async function addProjectParticipant(
  ctx: Context,
  projectId: string,
  input: AddParticipantInput,
): Promise<Project> {
  const { version, ...participant } = AddParticipantInput.parse(input);
  return changeProject(ctx, projectId, version, 'add-project-participant', {
    apply: async (tx) => {
      const existing = await organizationsExist(tx.db, [participant.organizationId]);
      if (!existing.has(participant.organizationId))
        throw new AppError('validation-failed', networkMessage('organization.named-missing'), {
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
          networkMessage('project.participant-exists', { role: selectorOf(participant.role) }),
        );
      await insertParticipants(tx.db, projectId, [participant], tx.now());
    },
  });
}
