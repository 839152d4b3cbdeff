// The explicit context every use case receives: who acts, on which database handle, when, and
// the few services a use case may need. A transaction is a context whose `db` is the transaction.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Actor } from './access.ts';
import type { Db } from './db.ts';
import type { Jobs } from './jobs/index.ts';
import type { Outbox } from './outbox/index.ts';

export type Logger = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'debug'>;

export type Context = {
  readonly db: Db;
  readonly actor: Actor;
  readonly now: () => Date;
  readonly log: Logger;
  readonly config: Config;
  /** Sends a job; pass the transaction's `db`, so that a rollback leaves no job. */
  readonly jobs: Jobs;
  /** Writes a message (mail) to send; pass the transaction's `db`, so that a rollback sends none. */
  readonly outbox: Outbox;
  /** The address people reach this instance at, for links in mail. */
  readonly publicUrl: string;
  /** The reader's language (ISO 639-1, shipped): of the request, else of the account, else the
   * instance's default. What a use case words now (a mail's default) is worded in it. */
  readonly language: string;
  /** The HTTP request this work serves, if any: recorded in the audit log. */
  readonly requestId?: string;
};

/**
 * Runs `work` in one transaction. Inside a transaction already (a write sent with an
 * Idempotency-Key runs whole in one, so that its stored answer commits with its effect), the
 * work joins it: it commits or rolls back with the outer one.
 */
export async function inTransaction<T>(
  ctx: Context,
  work: (tx: Context) => Promise<T>,
): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
}
