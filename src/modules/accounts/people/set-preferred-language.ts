import { requireAccount } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertShippedLanguage } from '../../../platform/messages/shipped-language.ts';
import { accountsMessage } from '../messages.ts';
import { selectAccount, selectPerson, updatePreferredLanguage } from '../queries.ts';
import { UpdateMeInput } from '../schemas.ts';

/**
 * The signed-in person chooses the language of their answers (when a request asks for none) and
 * of their mail; null goes back to following each request. People only: not an API token.
 */
export async function setPreferredLanguage(
  ctx: Context,
  input: UpdateMeInput,
): Promise<{ preferredLanguage: string | null }> {
  const actor = requireAccount(ctx.actor);
  if (actor.token) throw new AppError('forbidden', accountsMessage('language.not-by-tokens'));
  const { preferredLanguage } = UpdateMeInput.parse(input);
  if (preferredLanguage !== null) assertShippedLanguage(preferredLanguage, '/preferredLanguage');
  return inTransaction(ctx, async (tx) => {
    const account = await selectAccount(tx.db, actor.accountId);
    if (!account) throw new AppError('not-found', accountsMessage('account.not-found'));
    const before = (await selectPerson(tx.db, account.person_id)).preferred_language;
    if (before === preferredLanguage) return { preferredLanguage };
    await updatePreferredLanguage(tx.db, account.person_id, preferredLanguage, tx.now());
    await recordAudit(tx, {
      action: 'set-preferred-language',
      entityType: 'account',
      entityId: account.id,
      organizationId: null,
      before: { preferredLanguage: before },
      after: { preferredLanguage },
    });
    return { preferredLanguage };
  });
}
