// Loading the network's part of the demo: the real organizations of the seed, the generated ones
// around them, their ties, and a few offers and needs on the board.
import type { Context } from '../../../platform/context.ts';
import { createOrganization } from '../organizations/create-organization.ts';
import { createAffiliation } from '../ties/affiliations.ts';
import { createPartnership } from '../ties/partnerships.ts';
import { generateSurroundings } from './generate-surroundings.ts';
import { seedIntents } from './seed-intents.ts';
import { buildSeedNetwork, type DemoNetwork } from './seed-network.ts';

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

export type LoadedDemoNetwork = {
  /** The demo organizations' ids by name, for the modules whose demo refers to them. */
  organizationIds: ReadonlyMap<string, string>;
  organizations: number;
  affiliations: number;
  partnerships: number;
  intents: number;
};

/**
 * Creates the demo organizations, their ties and offers and needs, all marked as demo. The demo's
 * loader (src/demo/) refuses beforehand when a demo is loaded already.
 */
export async function loadDemoNetwork(ctx: Context): Promise<LoadedDemoNetwork> {
  const network = demoNetwork();
  const ids = new Map<string, string>();
  // One by one, in order: ties, and the demo's other parts, refer to the organizations by name.
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
  const intents = await seedIntents(ctx, idOf);
  return { organizationIds: ids, organizations: ids.size, affiliations, partnerships, intents };
}
