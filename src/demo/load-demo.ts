// Loading the demo network: the real organizations of the seed, the generated ones around them,
// their ties, and three demo accounts. An adapter like the CLI: it uses the modules' doors only.
import {
  type DemoAccountInput,
  demoEmailDomain,
  provideDemoAccount,
} from '../modules/accounts/index.ts';
import {
  createAffiliation,
  createOrganization,
  createPartnership,
  listDemoOrganizations,
} from '../modules/network/index.ts';
import type { Context } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { generateSurroundings } from './generate-surroundings.ts';
import { demoMessage } from './messages.ts';
import { seedIntents } from './seed-intents.ts';
import { buildSeedNetwork, type DemoNetwork } from './seed-network.ts';
import { seedDemoProjects } from './seed-projects.ts';

/** A demo account with its password, to be shown to the operator once. */
export type DemoAccountCredentials = { email: string; password: string; description: string };

export type LoadedDemo = {
  organizations: number;
  affiliations: number;
  partnerships: number;
  accounts: DemoAccountCredentials[];
};

// The same seed everywhere, so that every fresh demo is the same network.
const surroundingsSeed = 2024;

/** The whole demo network, as data: the seed's real part, then the generated surroundings. */
export function demoNetwork(): DemoNetwork {
  const seed = buildSeedNetwork();
  const generated = generateSurroundings(surroundingsSeed);
  return {
    organizations: [...seed.organizations, ...generated.organizations],
    ties: [...seed.ties, ...generated.ties],
  };
}

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

async function provideDemoAccounts(
  ctx: Context,
  ids: Map<string, string>,
): Promise<DemoAccountCredentials[]> {
  const idOf = (name: string) => {
    const id = ids.get(name);
    if (!id) throw new AppError('conflict', demoMessage('demo.no-organization-named', { name }));
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

/**
 * Loads the demo network. Refuses (409) when a demo is loaded already, so that loading twice
 * never makes a second copy: remove it first, or ask for the accounts' passwords again.
 */
export async function loadDemo(ctx: Context): Promise<LoadedDemo> {
  if ((await listDemoOrganizations(ctx)).length > 0) {
    throw new AppError('conflict', demoMessage('demo.loaded-already'));
  }
  const network = demoNetwork();
  const ids = new Map<string, string>();
  // One by one, in order: ties and accounts refer to the organizations by name.
  for (const organization of network.organizations) {
    if (ids.has(organization.name))
      throw new Error(`two demo organizations named ${organization.name}`);
    const created = await createOrganization(ctx, organization.input, { demo: true });
    ids.set(organization.name, created.id);
  }
  const idOf = (name: string) => {
    const id = ids.get(name);
    if (!id) throw new Error(`a demo tie names an unknown organization: ${name}`);
    return id;
  };
  let affiliations = 0;
  let partnerships = 0;
  for (const tie of network.ties) {
    const dates = {
      ...(tie.startedOn ? { startedOn: tie.startedOn } : {}),
      ...(tie.endedOn ? { endedOn: tie.endedOn } : {}),
      ...(tie.note ? { note: tie.note } : {}),
    };
    if (tie.tie === 'affiliation') {
      await createAffiliation(
        ctx,
        { memberId: idOf(tie.member), parentId: idOf(tie.parent), kind: tie.kind, ...dates },
        { demo: true },
      );
      affiliations += 1;
    } else {
      await createPartnership(
        ctx,
        { fromId: idOf(tie.from), toId: idOf(tie.to), kind: tie.kind, ...dates },
        { demo: true },
      );
      partnerships += 1;
    }
  }
  await seedDemoProjects(ctx, ids);
  await seedIntents(ctx, idOf);
  const accounts = await provideDemoAccounts(ctx, ids);
  return { organizations: ids.size, affiliations, partnerships, accounts };
}

/** Gives the demo accounts new random passwords (making any that are missing) and returns them. */
export async function resetDemoAccounts(ctx: Context): Promise<DemoAccountCredentials[]> {
  const organizations = await listDemoOrganizations(ctx);
  if (organizations.length === 0) {
    throw new AppError('conflict', demoMessage('demo.not-loaded'));
  }
  return provideDemoAccounts(ctx, new Map(organizations.map((entry) => [entry.name, entry.id])));
}
