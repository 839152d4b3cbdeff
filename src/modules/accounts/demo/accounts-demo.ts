// The accounts' part of the demo, as the manifest declares it: three demo accounts with roles in
// demo organizations (their ids handed on by the network's part), each with a random password
// shown once; new passwords on request (`intercoop demo accounts`); removed first.
import type { Context } from '../../../platform/context.ts';
import type { DemoAccountCredentials, DemoContext, ModuleDemo } from '../../../platform/demo.ts';
import { AppError } from '../../../platform/errors.ts';
import { accountsMessage } from '../messages.ts';
import { type DemoAccountInput, demoEmailDomain, provideDemoAccount } from './demo-accounts.ts';
import {
  findAccountReferencesToOrganizations,
  removeDemoAccounts,
} from './remove-demo-accounts.ts';

type DemoAccountPlan = DemoAccountInput & { description: string };

/** The demo accounts and what each may do, given the demo organizations' ids by name. */
function demoAccountPlans(idOf: (name: string) => string): DemoAccountPlan[] {
  return [
    {
      email: `sewa-coop-admin@${demoEmailDomain}`,
      displayName: 'Demo: SEWA cooperative admin',
      description: 'admin of Lok Swasthya SEWA Mandli, a SEWA cooperative',
      grants: [
        {
          role: 'organization-admin',
          scopeType: 'organization',
          scopeId: idOf('Lok Swasthya SEWA Mandli'),
        },
      ],
    },
    {
      email: `mondragon-division-admin@${demoEmailDomain}`,
      displayName: 'Demo: Mondragon division admin',
      description: "admin of Mondragon's Industry area",
      grants: [
        {
          role: 'organization-admin',
          scopeType: 'organization',
          scopeId: idOf('Mondragon Industry area'),
        },
      ],
    },
    {
      email: `partner-viewer@${demoEmailDomain}`,
      displayName: 'Demo: partner viewer',
      description: "partner viewer of SEWA's cooperative federation",
      grants: [
        {
          role: 'partner-viewer',
          scopeType: 'organization',
          scopeId: idOf("Gujarat State Women's SEWA Co-operative Federation Ltd"),
        },
      ],
    },
  ];
}

/** Makes the demo accounts, or gives those that exist new random passwords; returns them. */
async function provideDemoAccounts(
  ctx: Context,
  demo: Partial<DemoContext>,
): Promise<DemoAccountCredentials[]> {
  const ids = demo.organizationIds;
  if (!ids) throw new Error("the accounts' demo loads after the network's");
  const idOf = (name: string) => {
    const id = ids.get(name);
    if (!id)
      throw new AppError('conflict', accountsMessage('demo.no-organization-named', { name }));
    return id;
  };
  const credentials: DemoAccountCredentials[] = [];
  for (const plan of demoAccountPlans(idOf)) {
    const account = await provideDemoAccount(ctx, plan);
    credentials.push({
      email: account.email,
      password: account.password,
      description: plan.description,
    });
  }
  return credentials;
}

const demoOrganizationIds = (demo: Partial<DemoContext>) => [
  ...(demo.organizationIds?.values() ?? []),
];

export const accountsDemo: ModuleDemo = {
  async load(ctx, demo) {
    const accounts = await provideDemoAccounts(ctx, demo);
    return { counts: { accounts: accounts.length }, accounts };
  },
  renewAccounts: provideDemoAccounts,
  findReferences: (ctx, demo) =>
    findAccountReferencesToOrganizations(ctx, demoOrganizationIds(demo), demo.demoMemberIds),
  remove: (ctx, demo) => removeDemoAccounts(ctx, demoOrganizationIds(demo)),
};
