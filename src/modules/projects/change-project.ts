// The steps every change to a project shares: read it, check who acts, move its version on (or
// answer 409 with the current copy), do the change, audit before and after, in one transaction.
import { recordAudit } from '../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { updateAtVersion } from '../../platform/versioned-update.ts';
import { authorizeProjectEdit } from './authorize-project.ts';
import { projectsMessage } from './messages.ts';
import { readProject } from './project-view.ts';
import { bumpProjectVersion, type ProjectValues, selectLeadIds } from './queries.ts';
import type { Project } from './schemas.ts';

export async function changeProject(
  ctx: Context,
  id: string,
  version: number,
  action: string,
  change: {
    fields?: Partial<ProjectValues>;
    /** Checks the change against the current copy before anything is written. */
    check?: (current: Project) => void;
    /** Checks against the current copy and writes, inside the transaction. */
    apply?: (tx: Context, current: Project) => Promise<void>;
  },
): Promise<Project> {
  return inTransaction(ctx, async (tx) => {
    const before = await readProject(tx.db, id);
    if (!before) throw new AppError('not-found', projectsMessage('project.not-found', { id }));
    const leads = await selectLeadIds(tx.db, id);
    authorizeProjectEdit(tx.actor, leads);
    change.check?.(before);
    // The version moves first: the row lock makes a second clerk wait, then see the new version.
    await updateAtVersion(tx, {
      update: (write) => bumpProjectVersion(write.db, id, version, change.fields ?? {}, tx.now()),
      current: async (read) => (await readProject(read.db, id)) ?? before,
      stale: (current) =>
        projectsMessage('project.stale', {
          sent: String(version),
          current: String(current.version),
        }),
    });
    await change.apply?.(tx, before);
    const after = await readProject(tx.db, id);
    if (!after) throw new Error('project vanished inside its transaction');
    await recordAudit(tx, {
      action,
      entityType: 'project',
      entityId: id,
      organizationId: leads[0] ?? null,
      before,
      after,
    });
    return after;
  });
}
