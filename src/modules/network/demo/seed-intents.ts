// A few offers and needs on the demo board, so that the board and its suggestions have something
// to show. Generated, not facts: each description says it is a demo example, and none states a
// figure or an event about a real organization beyond the seed data.
import type { Context } from '../../../platform/context.ts';
import { createIntent } from '../intents/create-intent.ts';
import { demoIntentNote } from '../intents/disclaimers.ts';
import type { CreateIntentInput } from '../intents/intent-schemas.ts';

type DemoIntent = Omit<CreateIntentInput, 'organizationId' | 'validUntil'> & {
  organization: string;
};

const note = demoIntentNote;

export const demoIntents: DemoIntent[] = [
  {
    organization: 'Lok Swasthya SEWA Mandli',
    direction: 'need',
    title: 'Organic farming training for members’ kitchen gardens',
    description: `Members grow vegetables and herbs at home and ask for training in organic farming and compost. ${note}`,
    sector: 'agriculture',
    countries: ['IN'],
    kind: 'training',
  },
  {
    organization: "Gujarat State Women's SEWA Co-operative Federation Ltd",
    direction: 'offer',
    title: 'Organic farming training for women’s cooperatives',
    description: `Field days on organic farming, compost and seed saving for member cooperatives. ${note}`,
    sector: 'agriculture',
    countries: ['IN'],
    kind: 'training',
  },
  {
    organization: 'Totota Electric Cooperative',
    direction: 'need',
    title: 'Solar mini-grid maintenance training',
    description: `Training for technicians who look after a solar mini-grid and its meters. ${note}`,
    sector: 'energy-utilities',
    kind: 'training',
  },
  {
    organization: 'Totota Electric Cooperative',
    direction: 'need',
    title: 'Solar panels and storage batteries',
    description: `Solar panels and storage batteries to connect more households of the town. ${note}`,
    sector: 'energy-utilities',
    kind: 'product',
  },
  {
    organization: 'Faso Energy',
    direction: 'offer',
    title: 'Solar panels made in Ouagadougou',
    description: `Solar panels from the factory in Ouagadougou, sold with storage batteries for homes and villages. ${note}`,
    sector: 'energy-utilities',
    kind: 'product',
  },
  {
    organization: 'Bandera Electric Cooperative',
    direction: 'offer',
    title: 'Solar-storage systems for small electric cooperatives',
    description: `Design and supply of solar-storage systems, as for a solar mini-grid in Liberia. ${note}`,
    sector: 'energy-utilities',
    kind: 'product',
  },
  {
    organization: 'NRECA International',
    direction: 'offer',
    title: 'Mini-grid maintenance and safety training',
    description: `Courses on maintenance and safety for the technicians of electric cooperatives. ${note}`,
    sector: 'energy-utilities',
    kind: 'training',
  },
  {
    organization: 'Mondragon Knowledge area',
    direction: 'offer',
    title: 'Know-how on cooperative management',
    description: `Sessions on governance and management for new worker cooperatives. ${note}`,
    sector: 'education',
    kind: 'know-how',
  },
];

/** Posts the demo offers and needs, valid for a year from today; how many. */
export async function seedIntents(ctx: Context, idOf: (name: string) => string): Promise<number> {
  const validUntil = new Date(ctx.now().getTime() + 365 * 86_400_000).toISOString().slice(0, 10);
  for (const { organization, ...fields } of demoIntents) {
    await createIntent(
      ctx,
      { ...fields, organizationId: idOf(organization), validUntil },
      { demo: true },
    );
  }
  return demoIntents.length;
}
