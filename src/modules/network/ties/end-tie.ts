// Ending a tie (an affiliation or a partnership), or correcting its end: ties are history, kept
// rather than deleted. Both kinds follow the same steps; only the table and the check differ.
import type { Actor } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { updateAtVersion } from '../../../platform/versioned-update.ts';
import { networkMessage } from '../messages.ts';
import { network } from '../queries.ts';
import { EndTieInput } from '../schemas.ts';

type TieView = { startedOn: string | null };

export async function endTie<T extends TieView>(
  ctx: Context,
  id: string,
  input: typeof EndTieInput._zod.input,
  tie: {
    table: 'network_affiliation' | 'network_partnership';
    entityType: 'affiliation' | 'partnership';
    read: (tx: Context) => Promise<T | undefined>;
    authorize: (actor: Actor, current: T) => void;
    organizationId: (current: T) => string;
  },
): Promise<T> {
  const valid = EndTieInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await tie.read(tx);
    if (!before)
      throw new AppError('not-found', networkMessage('tie.not-found', { entity: tie.entityType }));
    tie.authorize(tx.actor, before);
    if (valid.endedOn && before.startedOn && valid.endedOn < before.startedOn) {
      throw new AppError('validation-failed', networkMessage('dates.end-before-start'), {
        errors: [
          {
            pointer: '/endedOn',
            detail: `Use a date on or after ${before.startedOn}.`,
            code: 'end-before-start',
            params: { start: before.startedOn },
          },
        ],
      });
    }
    await updateAtVersion(tx, {
      update: async () => {
        const updated = await network(tx.db)
          .updateTable(tie.table)
          .set((eb) => ({
            ended_on: valid.endedOn,
            ...(valid.note !== undefined ? { note: valid.note } : {}),
            updated_at: tx.now(),
            version: eb('version', '+', 1),
          }))
          .where('id', '=', id)
          .where('version', '=', valid.version)
          .executeTakeFirst();
        return Number(updated.numUpdatedRows) > 0;
      },
      current: async () => (await tie.read(tx)) ?? before,
      stale: () => networkMessage('tie.stale', { entity: tie.entityType }),
    });
    const after = (await tie.read(tx)) as T;
    await recordAudit(tx, {
      action: `end-${tie.entityType}`,
      entityType: tie.entityType,
      entityId: id,
      organizationId: tie.organizationId(before),
      before,
      after,
    });
    return after;
  });
}
