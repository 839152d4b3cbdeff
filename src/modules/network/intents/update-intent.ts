import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError, type Message } from '../../../platform/errors.ts';
import { updateAtVersion } from '../../../platform/versioned-update.ts';
import { networkMessage } from '../messages.ts';
import { authorizeIntentWrite } from './authorize-intent.ts';
import { type IntentValues, selectIntent, updateIntentAtVersion } from './intent-queries.ts';
import { type Intent, UpdateIntentInput } from './intent-schemas.ts';
import { intentView, todayOf } from './intent-view.ts';

function staleIntentMessage(version: number, current: Intent): Message {
  return networkMessage('intent.stale', {
    direction: current.direction,
    sent: String(version),
    current: String(current.version),
  });
}

export function staleIntent(version: number, current: Intent): AppError {
  return new AppError('stale-version', staleIntentMessage(version, current), { current });
}

/** What a refused write answers: the intent as it is now (read again), in the intent's words. */
export function intentConflict(tx: Context, id: string, version: number, before: Intent) {
  return {
    current: async (): Promise<Intent> => {
      const latest = await selectIntent(tx.db, id);
      return latest ? intentView(latest, todayOf(tx.now())) : before;
    },
    stale: (current: Intent) => staleIntentMessage(version, current),
  };
}

/** Reads the intent and checks the actor may change it; 404 when there is none. */
export async function intentToChange(ctx: Context, id: string): Promise<Intent> {
  const row = await selectIntent(ctx.db, id);
  if (!row) throw new AppError('not-found', networkMessage('intent.not-found', { id }));
  authorizeIntentWrite(ctx.actor, row.organization_id);
  return intentView(row, todayOf(ctx.now()));
}

/**
 * The organization's admins and network staff edit an offer or need. The change carries the
 * version it was made from; if someone saved in between, 409 with the current copy. A closed one
 * is history: it is not edited (post a new one).
 */
export async function updateIntent(
  ctx: Context,
  id: string,
  input: UpdateIntentInput,
): Promise<Intent> {
  const { version, ...fields } = UpdateIntentInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await intentToChange(tx, id);
    if (before.status === 'closed') {
      throw new AppError(
        'conflict',
        networkMessage('intent.closed', { direction: before.direction }),
      );
    }
    const validFrom = fields.validFrom === undefined ? before.validFrom : fields.validFrom;
    const validUntil = fields.validUntil === undefined ? before.validUntil : fields.validUntil;
    if (validFrom && validUntil && validUntil < validFrom) {
      throw new AppError('validation-failed', networkMessage('dates.end-before-start'), {
        errors: [
          {
            pointer: fields.validUntil === undefined ? '/validFrom' : '/validUntil',
            detail: `validUntil (${validUntil}) must be on or after validFrom (${validFrom}).`,
            code: 'end-before-start',
            params: { start: validFrom },
          },
        ],
      });
    }
    const changes: Partial<IntentValues> = {
      ...(fields.title !== undefined ? { title: fields.title } : {}),
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...(fields.sector !== undefined ? { sector: fields.sector } : {}),
      ...(fields.countries !== undefined ? { countries: fields.countries } : {}),
      ...(fields.kind !== undefined ? { kind: fields.kind } : {}),
      ...(fields.validFrom !== undefined ? { valid_from: fields.validFrom } : {}),
      ...(fields.validUntil !== undefined ? { valid_until: fields.validUntil } : {}),
    };
    const now = tx.now();
    await updateAtVersion(tx, {
      update: () => updateIntentAtVersion(tx.db, id, version, changes, now),
      ...intentConflict(tx, id, version, before),
    });
    const row = await selectIntent(tx.db, id);
    if (!row) throw new Error('intent vanished inside its transaction');
    const after = intentView(row, todayOf(now));
    await recordAudit(tx, {
      action: `update-${after.direction}`,
      entityType: 'intent',
      entityId: id,
      organizationId: after.organizationId,
      before,
      after,
    });
    return after;
  });
}
