import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { networkMessage } from '../messages.ts';
import { organizationsExist } from '../queries.ts';
import { authorizeIntentWrite } from './authorize-intent.ts';
import { insertIntent, selectIntent } from './intent-queries.ts';
import { CreateIntentInput, type Intent } from './intent-schemas.ts';
import { intentView, todayOf } from './intent-view.ts';

/** Puts an offer or a need of an organization on the board, open. */
export async function createIntent(
  ctx: Context,
  input: CreateIntentInput,
  options: { demo?: boolean } = {},
): Promise<Intent> {
  const valid = CreateIntentInput.parse(input);
  authorizeIntentWrite(ctx.actor, valid.organizationId);
  return inTransaction(ctx, async (tx) => {
    if (!(await organizationsExist(tx.db, [valid.organizationId])).has(valid.organizationId)) {
      throw new AppError('validation-failed', networkMessage('organization.named-missing'), {
        errors: [
          {
            pointer: '/organizationId',
            detail: 'There is no organization with this id.',
            code: 'organization-not-found',
          },
        ],
      });
    }
    const now = tx.now();
    const id = newId();
    await insertIntent(tx.db, {
      id,
      organization_id: valid.organizationId,
      direction: valid.direction,
      title: valid.title,
      description: valid.description ?? null,
      sector: valid.sector,
      countries: valid.countries ?? [],
      kind: valid.kind,
      valid_from: valid.validFrom ?? null,
      valid_until: valid.validUntil ?? null,
      is_demo: options.demo ?? false,
      created_at: now,
      updated_at: now,
    });
    const row = await selectIntent(tx.db, id);
    if (!row) throw new Error('intent vanished inside its transaction');
    const intent = intentView(row, todayOf(now));
    await recordAudit(tx, {
      action: `create-${valid.direction}`,
      entityType: 'intent',
      entityId: id,
      organizationId: valid.organizationId,
      before: null,
      after: intent,
    });
    return intent;
  });
}
