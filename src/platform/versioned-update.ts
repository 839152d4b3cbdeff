// An edit carries the version it was read at: the row changes only if it is still at that
// version, else 409 ('stale-version') with the current copy, and nothing changes.
//
// The compare is in the UPDATE's WHERE (`... where id = $id and version = $sent`), never a read
// and then a write: the UPDATE takes the row's lock, so a second clerk saving at once waits for
// the first to commit, then finds the row at a newer version and changes nothing. The current
// copy is read after that refusal, in a statement of its own, so under READ COMMITTED it is the
// copy that won, not one read before the race.
import { type Context, inTransaction } from './context.ts';
import { AppError, type Message } from './errors.ts';

export type VersionedUpdate<Updated, Current> = {
  /**
   * The write, comparing the version in its WHERE and moving it on: the changed row (or `true`),
   * or `undefined`/`false` when no row was at the version sent.
   */
  update: (tx: Context) => Promise<Updated | undefined | false>;
  /** The current copy, read after a refused write: what the client should edit again. */
  current: (tx: Context) => Promise<Current>;
  /** The module's own message for the 409, which may name the versions. */
  stale: (current: Current) => Message;
};

/**
 * Runs the versioned write in one transaction (joining the caller's, as `inTransaction` does),
 * and answers what it changed; throws 'stale-version' with `details.current` when it changed
 * nothing. A caller inside its own transaction keeps its earlier reads and its audit entry in
 * the same one.
 */
export async function updateAtVersion<Updated, Current>(
  ctx: Context,
  write: VersionedUpdate<Updated, Current>,
): Promise<Updated> {
  return inTransaction(ctx, async (tx) => {
    const updated = await write.update(tx);
    if (updated !== undefined && updated !== false) return updated;
    const current = await write.current(tx);
    throw new AppError('stale-version', write.stale(current), { current });
  });
}
