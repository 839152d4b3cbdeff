// The demo network's accounts: made with a random password when the demo is loaded, and given a
// new one on request (`intercoop demo accounts`), so that someone trying the demo can sign in.
import { randomBytes } from 'node:crypto';
import { authorize, type RoleGrant, scopesOfRole } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { type Context, inTransaction } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { scopeExists } from '../../../platform/scopes.ts';
import { accountsMessage } from '../messages.ts';
import { hashPassword } from '../passwords/passwords.ts';
import {
  insertAccountWithPerson,
  insertGrants,
  revokeSessions,
  selectAccountByEmail,
  setPasswordHash,
} from '../queries.ts';
import { Email } from '../schemas.ts';
import { demoEmailDomain } from './demo-queries.ts';

export { demoEmailDomain };

export type DemoAccountInput = { email: string; displayName: string; grants: RoleGrant[] };
export type DemoAccount = { accountId: string; email: string; password: string; created: boolean };

/**
 * Creates the demo account with these grants, or, when it exists, gives it a new random password
 * (ending its sessions) and the grants it lacks. Only for emails of the demo domain, so that it
 * can never reset a real person's password.
 */
export async function provideDemoAccount(
  ctx: Context,
  input: DemoAccountInput,
): Promise<DemoAccount> {
  authorize(ctx.actor, { anyOf: [], write: true, organizationId: null });
  const email = Email.parse(input.email);
  if (!email.endsWith(`@${demoEmailDomain}`)) {
    throw new AppError(
      'validation-failed',
      accountsMessage('demo.email-domain', { domain: demoEmailDomain }),
      {
        errors: [
          {
            pointer: '/email',
            detail: `Use an address @${demoEmailDomain}.`,
            code: 'demo-email-domain',
            params: { domain: demoEmailDomain },
          },
        ],
      },
    );
  }
  for (const grant of input.grants) {
    if (!scopesOfRole(grant.role).includes(grant.scopeType)) {
      throw new Error(`demo grant ${grant.role} cannot apply to a ${grant.scopeType}`);
    }
  }
  const password = randomBytes(15).toString('base64url');
  // Hashed before the transaction: argon2 takes tens of milliseconds and holds no lock.
  const passwordHash = await hashPassword(password);
  return inTransaction(ctx, async (tx) => {
    for (const grant of input.grants) {
      if (grant.scopeType === 'organization' && grant.scopeId) {
        if (!(await scopeExists(tx.db, 'organization', grant.scopeId)))
          throw new AppError(
            'not-found',
            accountsMessage('organization.not-found-with-id', { id: grant.scopeId }),
          );
      }
    }
    const now = tx.now();
    const existing = await selectAccountByEmail(tx.db, email);
    let accountId: string;
    if (existing) {
      accountId = existing.id;
      await setPasswordHash(tx.db, accountId, passwordHash, now);
      await revokeSessions(tx.db, { accountId }, now);
      await insertGrants(tx.db, accountId, input.grants, null, now);
    } else {
      accountId = await insertAccountWithPerson(tx.db, {
        email,
        displayName: input.displayName,
        passwordHash,
        grants: input.grants,
        grantedBy: null,
        now,
      });
    }
    await recordAudit(tx, {
      action: existing ? 'reset-demo-account' : 'create-demo-account',
      entityType: 'account',
      entityId: accountId,
      organizationId: null,
      before: null,
      after: { email, grants: input.grants },
    });
    return { accountId, email, password, created: !existing };
  });
}
