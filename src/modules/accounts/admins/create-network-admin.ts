import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { authorize, system } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { accountsMessage } from '../messages.ts';
import { hashPassword } from '../passwords/passwords.ts';
import { insertAccountWithPerson, networkAdminExists, selectAccountByEmail } from '../queries.ts';
import { Email } from '../schemas.ts';

export type NewAdmin = { accountId: string; email: string; password: string };

/**
 * Creates a network admin with a random password, returned once to be shown to the operator.
 * Only the system (first start, the CLI on the server) or a network admin may do it.
 */
export async function createNetworkAdmin(ctx: Context, emailInput: string): Promise<NewAdmin> {
  // Network admins only (the system, on the server, counts as one); no API token may.
  authorize(ctx.actor, { anyOf: [], write: true, organizationId: null });
  const parsed = Email.safeParse(emailInput);
  if (!parsed.success) {
    throw new AppError(
      'validation-failed',
      accountsMessage('admin.email-not-valid', { given: JSON.stringify(emailInput) }),
    );
  }
  const email = parsed.data;
  const password = randomBytes(15).toString('base64url');
  const passwordHash = await hashPassword(password);
  return inTransaction(ctx, (tx) => insertNetworkAdmin(tx, email, password, passwordHash));
}

async function insertNetworkAdmin(
  tx: Context,
  email: string,
  password: string,
  passwordHash: string,
): Promise<NewAdmin> {
  if (await selectAccountByEmail(tx.db, email)) {
    throw new AppError('conflict', accountsMessage('admin.email-taken', { email }));
  }
  const accountId = await insertAccountWithPerson(tx.db, {
    email,
    displayName: 'Network admin',
    passwordHash,
    grants: [{ role: 'network-admin', scopeType: 'network', scopeId: null }],
    grantedBy: null,
    now: tx.now(),
  });
  await recordAudit(tx, {
    action: 'create-network-admin',
    entityType: 'account',
    entityId: accountId,
    organizationId: null,
    before: null,
    after: { email, role: 'network-admin' },
  });
  return { accountId, email, password };
}

// Any number that is ours alone: two servers starting at once on one database make one admin.
const firstAdminLockKey = 7_240_552;

/** On the first start of an empty database: a network admin, so that someone can sign in. */
export async function ensureNetworkAdmin(ctx: Context): Promise<NewAdmin | undefined> {
  if (await networkAdminExists(ctx.db)) return undefined;
  const email = Email.parse(ctx.config.adminEmail);
  const password = randomBytes(15).toString('base64url');
  const passwordHash = await hashPassword(password);
  return inTransaction({ ...ctx, actor: system }, async (tx) => {
    await sql`select pg_advisory_xact_lock(${firstAdminLockKey})`.execute(tx.db);
    if (await networkAdminExists(tx.db)) return undefined;
    return insertNetworkAdmin(tx, email, password, passwordHash);
  });
}
