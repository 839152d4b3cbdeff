import type { Context } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { deleteSession, insertUssdEvent } from '../queries.ts';

/**
 * The provider's notice that a session ended: kept as sent, but for `input` (the last input,
 * which can be a PIN), and the session's state forgotten.
 */
export async function recordUssdEvent(
  ctx: Context,
  event: Readonly<Record<string, string>> & { sessionId: string },
): Promise<void> {
  const payload = { ...event, ...('input' in event ? { input: '[redacted]' } : {}) };
  await insertUssdEvent(ctx.db, {
    id: newId(),
    sessionId: event.sessionId,
    phone: event.phoneNumber ?? null,
    status: event.status ?? null,
    payload,
    at: ctx.now(),
  });
  await deleteSession(ctx.db, event.sessionId);
}
