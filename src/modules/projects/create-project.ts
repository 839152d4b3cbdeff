import { recordAudit } from '../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { scopeNames } from '../../platform/scopes.ts';
import { authorizeProjectStart } from './authorize-project.ts';
import { projectsMessage } from './messages.ts';
import { readProject } from './project-view.ts';
import { insertParticipants, insertProject } from './queries.ts';
import { CreateProjectInput, type Project } from './schemas.ts';

/**
 * Network staff start any project; an organization's admin starts one that their organization
 * leads (an API token, one that the token's organization leads). The lead organizations' admins
 * carry it on from there.
 */
export async function createProject(
  ctx: Context,
  input: CreateProjectInput,
  options: { demo?: boolean } = {},
): Promise<Project> {
  const valid = CreateProjectInput.parse(input);
  const participants = valid.participants ?? [];
  authorizeProjectStart(
    ctx.actor,
    participants.filter((entry) => entry.role === 'lead').map((entry) => entry.organizationId),
  );
  return inTransaction(ctx, async (tx) => {
    // Organizations are the network's: those that exist are those it names.
    const named = await scopeNames(
      tx.db,
      'organization',
      participants.map((entry) => entry.organizationId),
    );
    const existing = new Set(named.map((entry) => entry.id));
    const missing = participants.flatMap((entry, index) =>
      existing.has(entry.organizationId)
        ? []
        : [
            {
              pointer: `/participants/${index}/organizationId`,
              detail: 'There is no organization with this id.',
              code: 'organization-not-found' as const,
            },
          ],
    );
    if (missing.length > 0)
      throw new AppError('validation-failed', projectsMessage('organizations.named-missing'), {
        errors: missing,
      });
    const now = tx.now();
    const id = newId();
    await insertProject(
      tx.db,
      {
        id,
        title: valid.title,
        summary: valid.summary ?? null,
        sector: valid.sector,
        status: valid.status,
        started_on: valid.startedOn ?? null,
        ended_on: valid.endedOn ?? null,
        sources: valid.sources ?? [],
        is_demo: options.demo ?? false,
        created_at: now,
        updated_at: now,
      },
      valid.countries,
    );
    await insertParticipants(tx.db, id, participants, now);
    const project = await readProject(tx.db, id);
    if (!project) throw new Error('project vanished inside its transaction');
    await recordAudit(tx, {
      action: 'create-project',
      entityType: 'project',
      entityId: id,
      organizationId: participants.find((entry) => entry.role === 'lead')?.organizationId ?? null,
      before: null,
      after: project,
    });
    return project;
  });
}
