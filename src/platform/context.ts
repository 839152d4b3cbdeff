// The explicit context every use case receives: who acts, on which database handle, when.
// A transaction is a context whose `db` is the transaction.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './db.ts';

/**
 * Who is acting. Until accounts exist, the only distinction is where a request comes from:
 * writes are accepted only from this machine (loopback), which the README states plainly.
 */
export type Actor =
  | { type: 'local'; description: string }
  | { type: 'anonymous'; description: string }
  | { type: 'system'; description: string };

export type Logger = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'debug'>;

export type Context = {
  readonly db: Db;
  readonly actor: Actor;
  readonly now: () => Date;
  readonly log: Logger;
};

export async function inTransaction<T>(
  ctx: Context,
  work: (tx: Context) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
}
