// The demo's projects, from the `projects` of the facts the demo network rests on (the network
// module's demo/data/organizations.json): their titles, years, participants and sources come from
// there; this file adds only how each maps onto the projects module (sector, status, roles) and
// the results the facts state. A result must quote the fact
// it rests on, and the fact must contain its figure: a figure the data does not state cannot be
// added by mistake. Where the data gives no exact figure (a range, an "about", no year), the
// project has no result.
import type { Context } from '../../../platform/context.ts';
import { demoFacts } from '../../network/index.ts';
import { createProject } from '../create-project.ts';
import { recordProjectFigure } from '../record-project-figure.ts';
import type { CreateProjectInput, RecordFigureInput } from '../schemas.ts';

type Role = NonNullable<CreateProjectInput['participants']>[number]['role'];

type DemoResult = Omit<RecordFigureInput, 'version' | 'kind'> & {
  /** The fact of the data that states the figure, verbatim. */
  fact: string;
};

type DemoProjectPlan = {
  /** The project's name in the data. */
  name: string;
  sector: CreateProjectInput['sector'];
  status: NonNullable<CreateProjectInput['status']>;
  countries: string[];
  /** Organization name (as in the data) and its roles there. */
  roles: Record<string, Role[]>;
  results: DemoResult[];
};

const plans: DemoProjectPlan[] = [
  {
    name: 'Totota Electric Cooperative solar mini-grid',
    sector: 'energy-utilities',
    status: 'completed',
    countries: ['LR'],
    roles: {
      'NRECA International': ['lead', 'technical-partner'],
      'United States Agency for International Development': ['funder'],
      'Totota Electric Cooperative': ['beneficiary'],
      'Bandera Electric Cooperative': ['technical-partner'],
    },
    results: [
      {
        // The sources count customers (prepaid meters), not households: recorded as customers.
        fact: '350 customers in 2021 on prepaid meters; covers all operating costs within about three years',
        indicator: 'customers-connected',
        amount: '350',
        country: 'LR',
        period: 2021,
        note: '350 customers on prepaid meters in 2021.',
        source:
          'https://lr.usembassy.gov/usaid-celebrates-a-new-model-of-private-sector-electrical-service/',
      },
    ],
  },
  {
    name: 'Faso Energy solar module factory, Ouagadougou',
    sector: 'energy-utilities',
    status: 'completed',
    countries: ['BF'],
    roles: {
      'Faso Energy': ['lead'],
      'Mondragon Assembly': ['technical-partner'],
    },
    // The investment is given as a range (XOF 3-3.25 billion) and the 30 MW a year is a
    // production capacity, not one of the indicators: no result.
    results: [],
  },
  {
    name: 'UK co-operatives India Covid-19 appeal for SEWA',
    sector: 'health-social-care',
    status: 'completed',
    countries: ['IN'],
    roles: {
      'Co-operatives UK': ['lead'],
      'Co-operative College': ['lead'],
      'The Co-operative Group': ['funder'],
      'Heart of England Co-operative Society': ['funder'],
      "Gujarat State Women's SEWA Co-operative Federation Ltd": ['beneficiary'],
      'Lok Swasthya SEWA Mandli': ['beneficiary'],
    },
    results: [
      {
        // The collective figure only: Heart of England's GBP 11,500 is part of it, and adding it
        // too would count that money twice.
        fact: 'Co-op Group colleague blog cites a collective contribution of GBP 102,000',
        indicator: 'money-mobilised',
        amount: '102000.00',
        currency: 'GBP',
        country: 'IN',
        period: 2021,
        note: 'Collective contribution of the UK societies, as the Co-op Group cites it (other sources: over GBP 100,000).',
        source:
          'https://colleaguestories.coop.co.uk/2021/07/02/our-collective-retail-society-response-to-global-pandemic-in-india/',
      },
    ],
  },
];

const facts = demoFacts.projects;

export type DemoProject = {
  input: CreateProjectInput;
  /** Participants by organization name; the loader turns them into ids. */
  participants: { organization: string; role: Role; note: string }[];
  results: Omit<RecordFigureInput, 'version'>[];
};

/** The demo projects as the projects module's inputs; throws if a plan strays from the data. */
export function buildSeedProjects(): DemoProject[] {
  return plans.map((plan) => {
    const record = facts.find((entry) => entry.name === plan.name);
    if (!record) throw new Error(`the data has no project named ${plan.name}`);
    const participants = record.participants.flatMap((participant) =>
      (plan.roles[participant.org] ?? []).map((role) => ({
        organization: participant.org,
        role,
        note: participant.role.slice(0, 1000),
      })),
    );
    for (const organization of Object.keys(plan.roles)) {
      if (!record.participants.some((participant) => participant.org === organization))
        throw new Error(`${organization} is not a participant of ${plan.name} in the data`);
    }
    const results = plan.results.map(({ fact, ...result }) => {
      const digits = result.amount.replace(/\.0+$/, '');
      const stated = new RegExp(`\\b${Number(digits).toLocaleString('en-US')}\\b|\\b${digits}\\b`);
      if (!record.facts.includes(fact) || !stated.test(fact))
        throw new Error(`${plan.name}: the figure ${result.amount} is not stated by its data`);
      return { kind: 'result' as const, ...result };
    });
    return {
      input: {
        title: plan.name,
        summary: `${record.years}. ${record.facts.join('. ')}.`.slice(0, 4000),
        sector: plan.sector,
        status: plan.status,
        countries: plan.countries,
        sources: record.sources.slice(0, 10),
      },
      participants,
      results,
    };
  });
}

/** Creates the demo projects, marked as demo, with their participants and stated results. */
export async function seedDemoProjects(
  ctx: Context,
  ids: ReadonlyMap<string, string>,
): Promise<number> {
  for (const project of buildSeedProjects()) {
    const idOf = (name: string) => {
      const id = ids.get(name);
      if (!id) throw new Error(`a demo project names an unknown organization: ${name}`);
      return id;
    };
    let created = await createProject(
      ctx,
      {
        ...project.input,
        participants: project.participants.map((participant) => ({
          organizationId: idOf(participant.organization),
          role: participant.role,
          note: participant.note,
        })),
      },
      { demo: true },
    );
    for (const result of project.results)
      created = await recordProjectFigure(ctx, created.id, { ...result, version: created.version });
  }
  return plans.length;
}
