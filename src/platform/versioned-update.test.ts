import { describe, expect, it } from 'vitest';
import { system } from './access.ts';
import type { Context } from './context.ts';
import type { Db } from './db.ts';
import { AppError } from './errors.ts';
import type { Message } from './messages/catalogue.ts';
import { updateAtVersion } from './versioned-update.ts';

type Row = { id: string; version: number; name: string };

/** A module's own message for the 409, naming the current version. */
const staleMessage = (current: { version: number }): Message => ({
  key: 'row.stale',
  params: { current: String(current.version) },
  word: () => `Someone saved version ${current.version} meanwhile.`,
});

/** A row in memory and a context whose database records whether a transaction was opened. */
function setting(row: Row, { inTransaction }: { inTransaction: boolean }) {
  const steps: string[] = [];
  const transactionDb = { isTransaction: true } as unknown as Db;
  const db = {
    isTransaction: inTransaction,
    transaction: () => ({
      execute: async <T>(work: (trx: Db) => Promise<T>) => {
        steps.push('begin');
        const result = await work(transactionDb);
        steps.push('commit');
        return result;
      },
    }),
  } as unknown as Db;
  const ctx = { db, actor: system, now: () => new Date() } as unknown as Context;
  const write = (sent: number, name: string) => ({
    update: async (tx: Context) => {
      steps.push(tx.db.isTransaction ? 'update in a transaction' : 'update outside');
      if (row.version !== sent) return undefined;
      row.version += 1;
      row.name = name;
      return { ...row };
    },
    current: async () => {
      steps.push('read current');
      return { ...row };
    },
    stale: staleMessage,
  });
  return { ctx, steps, write };
}

describe('a versioned update', () => {
  it('writes at the version read and answers the changed row, without reading it again', async () => {
    const row = { id: 'a', version: 3, name: 'Old' };
    const { ctx, steps, write } = setting(row, { inTransaction: false });
    const updated = await updateAtVersion(ctx, write(3, 'New'));
    expect(updated).toEqual({ id: 'a', version: 4, name: 'New' });
    expect(steps).toEqual(['begin', 'update in a transaction', 'commit']);
  });

  it('refuses a stale version with 409 and the copy read after the refused write', async () => {
    const row = { id: 'a', version: 5, name: 'Saved by another clerk' };
    const { ctx, steps, write } = setting(row, { inTransaction: false });
    const refused = await updateAtVersion(ctx, write(4, 'Mine')).catch((error) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe('stale-version');
    expect(refused.details.current).toEqual({
      id: 'a',
      version: 5,
      name: 'Saved by another clerk',
    });
    expect(refused.detail.key).toBe('row.stale');
    expect(refused.message).toBe('Someone saved version 5 meanwhile.');
    expect(refused.detail.params).toEqual({ current: '5' });
    expect(row.name).toBe('Saved by another clerk');
    // The current copy comes after the write that was refused, in the same transaction.
    expect(steps).toEqual(['begin', 'update in a transaction', 'read current']);
  });

  it('joins the transaction it is called in rather than opening another', async () => {
    const row = { id: 'a', version: 1, name: 'Old' };
    const { ctx, steps, write } = setting(row, { inTransaction: true });
    await updateAtVersion(ctx, write(1, 'New'));
    await expect(updateAtVersion(ctx, write(1, 'Again'))).rejects.toMatchObject({
      code: 'stale-version',
      details: { current: { version: 2, name: 'New' } },
    });
    expect(steps).toEqual(['update in a transaction', 'update in a transaction', 'read current']);
  });

  it('takes `false` from a write that only says whether it changed a row', async () => {
    const { ctx } = setting({ id: 'a', version: 1, name: 'Old' }, { inTransaction: true });
    await expect(
      updateAtVersion(ctx, {
        update: async () => false,
        current: async () => ({ version: 9 }),
        stale: staleMessage,
      }),
    ).rejects.toMatchObject({ code: 'stale-version', details: { current: { version: 9 } } });
    await expect(
      updateAtVersion(ctx, {
        update: async () => true,
        current: async () => ({ version: 9 }),
        stale: staleMessage,
      }),
    ).resolves.toBe(true);
  });
});
