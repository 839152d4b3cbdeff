// A large synthetic network for benchmarks and trials (`intercoop generate --organizations N`):
// national apex federations, sector federations, and cooperatives, companies and NGOs with
// real-looking names in the country's languages, placed near real cities; each member of a
// federation (never a cycle) and with partnerships, most at home and some abroad; projects (about
// one per 50 organizations) with their participants, countries and figures, and offers and needs
// (about one per 5). Rows are marked as demo, so `intercoop demo remove` clears them.

import type { Context } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { minorUnitsOf } from '../../../platform/money.ts';
import { addToRegistry, type ImportedCounts } from '../exchange/import-registry.ts';
import type { RegistryData } from '../exchange/registry-format.ts';
import { generatedIntentNote } from '../intents/disclaimers.ts';
import { icaSectors, partnershipKinds } from '../schemas.ts';
import { seededRandom } from './generate-surroundings.ts';

type Country = {
  code: string;
  languages: string[];
  cities: Array<[string, number, number]>;
  /** Name parts: the kind of body, qualities, and what it does, in the country's own words. */
  bodies: string[];
  qualities: string[];
  trades: string[];
  /** Romance languages name the body first: "Cooperativa San Isidro Agraria". */
  bodyFirst?: boolean;
};

const countries: Country[] = [
  {
    code: 'IN',
    languages: ['hi', 'gu', 'en'],
    cities: [
      ['Ahmedabad', 23.03, 72.58],
      ['Anand', 22.56, 72.95],
      ['Jaipur', 26.91, 75.79],
      ['Lucknow', 26.85, 80.95],
      ['Pune', 18.52, 73.86],
    ],
    bodies: ['Sahakari Mandali', 'Sahakari Samiti', 'Cooperative Society', 'Mahila Sahakari Sangh'],
    qualities: ['Shri', 'Navjivan', 'Jagruti', 'Sewa', 'Kisan', 'Gram'],
    trades: ['Dugdh Utpadak', 'Bunkar', 'Krishi', 'Bachat', 'Kapas', 'Hastkala'],
  },
  {
    code: 'ES',
    bodyFirst: true,
    languages: ['es', 'eu'],
    cities: [
      ['Arrasate-Mondragón', 43.06, -2.49],
      ['Bilbao', 43.26, -2.93],
      ['Valencia', 39.47, -0.38],
      ['Sevilla', 37.39, -5.98],
      ['Zaragoza', 41.65, -0.88],
    ],
    bodies: ['Cooperativa', 'Sociedad Cooperativa', 'Kooperatiba'],
    qualities: [
      'San Isidro',
      'La Unión',
      'Santa María',
      'Elkar',
      'Nuestra Señora del Pilar',
      'Virgen de la Cabeza',
    ],
    trades: [
      'Agraria',
      'Olivarera',
      'de Trabajo Asociado',
      'de Viviendas',
      'Vitivinícola',
      'de Consumo',
    ],
  },
  {
    code: 'KE',
    languages: ['sw', 'en'],
    cities: [
      ['Nairobi', -1.29, 36.82],
      ['Nakuru', -0.3, 36.07],
      ['Kisumu', -0.09, 34.77],
      ['Meru', 0.05, 37.65],
    ],
    bodies: ['Farmers’ Cooperative Society', 'Sacco', 'Cooperative Union'],
    qualities: ['Umoja', 'Tujenge', 'Harambee', 'Baraka', 'Upendo'],
    trades: ['Dairy', 'Coffee', 'Tea Growers', 'Horticulture', 'Fishers'],
  },
  {
    code: 'BR',
    bodyFirst: true,
    languages: ['pt'],
    cities: [
      ['Porto Alegre', -30.03, -51.23],
      ['Curitiba', -25.43, -49.27],
      ['Recife', -8.05, -34.88],
      ['Belo Horizonte', -19.92, -43.94],
    ],
    bodies: ['Cooperativa', 'Cooperativa Mista', 'Central de Cooperativas'],
    qualities: ['Nova Esperança', 'São José', 'Terra Viva', 'União', 'Sol Nascente'],
    trades: ['Agroindustrial', 'de Crédito', 'dos Catadores', 'de Leite', 'de Café'],
  },
  {
    code: 'PH',
    languages: ['tl', 'en'],
    cities: [
      ['Quezon City', 14.68, 121.04],
      ['Cebu City', 10.32, 123.89],
      ['Davao City', 7.19, 125.46],
      ['Iloilo City', 10.72, 122.56],
    ],
    bodies: ['Multi-Purpose Cooperative', 'Electric Cooperative', 'Credit Cooperative'],
    qualities: ['Bayanihan', 'Pagkakaisa', 'San Isidro', 'Mabuhay', 'Kaunlaran'],
    trades: ['Farmers', 'Fisherfolk', 'Vendors', 'Teachers', 'Transport'],
  },
  {
    code: 'GB',
    languages: ['en', 'cy'],
    cities: [
      ['Manchester', 53.48, -2.24],
      ['Glasgow', 55.86, -4.25],
      ['Cardiff', 51.48, -3.18],
      ['Leeds', 53.8, -1.55],
    ],
    bodies: ['Co-operative', 'Co-operative Society', 'Community Benefit Society'],
    qualities: ['Midcounties', 'Pennine', 'Riverside', 'Valley', 'Northern'],
    trades: ['Housing', 'Food', 'Energy', 'Workers’', 'Bakers'],
  },
  {
    code: 'FR',
    bodyFirst: true,
    languages: ['fr', 'br'],
    cities: [
      ['Lyon', 45.76, 4.84],
      ['Nantes', 47.22, -1.55],
      ['Toulouse', 43.6, 1.44],
      ['Rennes', 48.11, -1.68],
    ],
    bodies: ['Coopérative', 'SCOP', 'SCIC', 'Union de coopératives'],
    qualities: ['La Solidaire', 'Les Compagnons', 'Terres Unies', 'L’Avenir', 'Le Chêne'],
    trades: ['agricole', 'de travailleurs', 'laitière', 'viticole', 'd’habitants'],
  },
  {
    code: 'US',
    languages: ['en', 'es'],
    cities: [
      ['Madison', 43.07, -89.4],
      ['Minneapolis', 44.98, -93.27],
      ['Oakland', 37.8, -122.27],
      ['Austin', 30.27, -97.74],
    ],
    bodies: ['Cooperative', 'Electric Cooperative', 'Credit Union', 'Food Co-op'],
    qualities: ['Prairie', 'Riverbend', 'Heartland', 'Cascade', 'Union'],
    trades: ['Farmers', 'Grocery', 'Rural Electric', 'Worker-Owned', 'Housing'],
  },
  {
    code: 'GH',
    languages: ['en', 'ak'],
    cities: [
      ['Kumasi', 6.69, -1.62],
      ['Accra', 5.6, -0.19],
      ['Tamale', 9.4, -0.84],
    ],
    bodies: ['Cooperative Society', 'Farmers’ Union', 'Credit Union'],
    qualities: ['Nkabom', 'Adom', 'Ahotor', 'Nyame Dua', 'Sankofa'],
    trades: ['Cocoa', 'Shea', 'Cassava', 'Fish Processors', 'Weavers'],
  },
  {
    code: 'JP',
    languages: ['ja'],
    cities: [
      ['Tokyo', 35.68, 139.69],
      ['Osaka', 34.69, 135.5],
      ['Sapporo', 43.06, 141.35],
      ['Fukuoka', 33.59, 130.4],
    ],
    bodies: ['Consumer Co-operative', 'Agricultural Co-operative', 'Workers’ Co-operative'],
    qualities: ['Midori', 'Hikari', 'Seikatsu', 'Kizuna', 'Sakura'],
    trades: ['Life', 'Rice', 'Fisheries', 'Health', 'Forest'],
  },
  {
    code: 'BF',
    bodyFirst: true,
    languages: ['fr'],
    cities: [
      ['Ouagadougou', 12.37, -1.52],
      ['Bobo-Dioulasso', 11.18, -4.3],
      ['Koudougou', 12.25, -2.36],
    ],
    bodies: ['Société coopérative', 'Union des groupements', 'Coopérative'],
    qualities: ['Song Taaba', 'Wend Panga', 'Nong Taaba', 'Laafi', 'Teeltaaba'],
    trades: ['des producteurs de karité', 'maraîchère', 'de riz', 'des femmes', 'de coton'],
  },
  {
    code: 'LR',
    languages: ['en'],
    cities: [
      ['Monrovia', 6.3, -10.8],
      ['Gbarnga', 7.0, -9.47],
      ['Totota', 6.82, -9.94],
    ],
    bodies: ['Cooperative', 'Farmers’ Cooperative', 'Electric Cooperative'],
    qualities: ['Unity', 'Hope', 'New Dawn', 'Liberty', 'St. Paul River'],
    trades: ['Rice', 'Rubber', 'Cassava', 'Mini-grid', 'Palm Oil'],
  },
];

const sectors = icaSectors;

/** Each country's name in descriptions, and its currency (JPY and XOF have no minor unit). */
const countryFacts: Record<string, { name: string; currency: string }> = {
  IN: { name: 'India', currency: 'INR' },
  ES: { name: 'Spain', currency: 'EUR' },
  KE: { name: 'Kenya', currency: 'KES' },
  BR: { name: 'Brazil', currency: 'BRL' },
  PH: { name: 'the Philippines', currency: 'PHP' },
  GB: { name: 'the United Kingdom', currency: 'GBP' },
  FR: { name: 'France', currency: 'EUR' },
  US: { name: 'the United States', currency: 'USD' },
  GH: { name: 'Ghana', currency: 'GHS' },
  JP: { name: 'Japan', currency: 'JPY' },
  BF: { name: 'Burkina Faso', currency: 'XOF' },
  LR: { name: 'Liberia', currency: 'LRD' },
};

type Sector = (typeof sectors)[number];

/** What projects in a sector do, and what its offers and needs are about. */
const sectorWords: Record<
  Sector,
  { themes: string[]; product: string; service: string; topic: string }
> = {
  agriculture: {
    themes: ['Dairy collection and cooling', 'Climate-resilient seed', 'Smallholder irrigation'],
    product: 'certified maize seed',
    service: 'milk collection and cooling',
    topic: 'organic certification',
  },
  'consumer-retail': {
    themes: ['Shared wholesale buying', 'Fair-trade shop network'],
    product: 'fair-trade coffee and tea',
    service: 'shared warehousing',
    topic: 'running a member-owned shop',
  },
  finance: {
    themes: ['From savings groups to a credit union', 'Digital loans for members'],
    product: 'mobile money terminals',
    service: 'loan portfolio audits',
    topic: 'credit scoring for smallholders',
  },
  'industry-services': {
    themes: ['Worker buy-out support', 'Shared repair workshop'],
    product: 'recycled building materials',
    service: 'machine repair',
    topic: 'worker buy-outs',
  },
  insurance: {
    themes: ['Crop insurance for members', 'Mutual health cover'],
    product: 'weather index cover',
    service: 'claims handling',
    topic: 'micro-insurance for members',
  },
  'health-social-care': {
    themes: ['Home care cooperative start-up', 'Community health workers'],
    product: 'first-aid kits',
    service: 'home care shifts',
    topic: 'community health schemes',
  },
  housing: {
    themes: ['Affordable cooperative housing', 'Self-build housing'],
    product: 'compressed earth blocks',
    service: 'architectural plans',
    topic: 'self-build housing',
  },
  'energy-utilities': {
    themes: ['Solar mini-grid', 'Rural electrification', 'Community wind power'],
    product: 'solar panels and batteries',
    service: 'mini-grid maintenance',
    topic: 'metering and tariffs',
  },
  education: {
    themes: ['Cooperative bookkeeping school', 'Youth cooperative training'],
    product: 'textbooks in local languages',
    service: 'adult literacy classes',
    topic: 'cooperative education',
  },
  other: {
    themes: ['Cooperative development', 'Women’s enterprise'],
    product: 'handicrafts',
    service: 'translation',
    topic: 'governance and bylaws',
  },
};

const capitalized = (phrase: string) => `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}`;

/** The network for `organizations` organizations, about three ties each, the same for a seed. */
export function generateNetwork(organizations: number, seed = 7): RegistryData {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const now = new Date().toISOString();
  const data: RegistryData = {
    organizations: [],
    affiliations: [],
    partnerships: [],
    logos: [],
    projects: [],
    projectCountries: [],
    projectParticipants: [],
    projectFigures: [],
    intents: [],
    tieClaims: [],
  };
  const stamps = { isDemo: true, version: 1, createdAt: now, updatedAt: now };
  const place = (country: Country) => {
    const [city, lat, lon] = pick(country.cities);
    // Within a few kilometres of the city centre, which stays inside the country.
    const near = (value: number) => Math.round((value + (random() - 0.5) * 0.08) * 10_000) / 10_000;
    return { locality: city, coordinates: { lat: near(lat), lon: near(lon) } };
  };
  const organization = (
    country: Country,
    name: string,
    kind: RegistryData['organizations'][number]['kind'],
    sector: (typeof sectors)[number],
  ) => {
    const record: RegistryData['organizations'][number] = {
      id: newId(),
      name,
      shortName: null,
      otherNames: [],
      kind,
      legalForm: null,
      sector,
      country: country.code,
      region: null,
      ...place(country),
      languages: country.languages.slice(0, 2),
      foundingYear: 1900 + Math.floor(random() * 124),
      members: { total: null, women: null, men: null },
      employees: null,
      website: null,
      contacts: {},
      description: 'Generated organization for trials and benchmarks; not a real organization.',
      descriptions: {},
      principles: [],
      ...stamps,
    };
    data.organizations.push(record);
    return record;
  };
  const tie = () => ({ id: newId(), startedOn: null, endedOn: null, note: null, ...stamps });

  // Above everyone: one apex per country, then a federation per country and sector.
  const federations = new Map<string, string>();
  for (const country of countries) {
    const apex = organization(
      country,
      `${pick(country.qualities)} National ${pick(country.bodies)} Federation ${country.code}`,
      'federation',
      'other',
    );
    for (const sector of sectors) {
      const federation = organization(
        country,
        `${pick(country.qualities)} ${pick(country.trades)} ${pick(country.bodies)} Federation (${sector})`,
        'federation',
        sector,
      );
      federations.set(`${country.code}:${sector}`, federation.id);
      data.affiliations.push({
        ...tie(),
        memberId: federation.id,
        parentId: apex.id,
        kind: 'member-of',
      });
    }
  }
  type Member = { id: string; country: string; sector: Sector; name: string; locality: string };
  const members: Member[] = [];
  const used = new Set(data.organizations.map((entry) => entry.name));
  for (let index = data.organizations.length; index < organizations; index++) {
    const country = pick(countries);
    const sector = pick(sectors);
    const [body, quality, trade] = [
      pick(country.bodies),
      pick(country.qualities),
      pick(country.trades),
    ];
    let name = country.bodyFirst ? `${body} ${quality} ${trade}` : `${quality} ${trade} ${body}`;
    const kind = random() < 0.9 ? 'cooperative' : random() < 0.5 ? 'company' : 'ngo';
    const record = organization(country, name, kind, sector);
    // Places tell namesakes apart, as they do in real registers.
    if (used.has(name)) name = `${name}, ${record.locality}`;
    if (used.has(name)) name = `${name} (${index})`;
    used.add(name);
    record.name = name;
    members.push({
      id: record.id,
      country: country.code,
      sector,
      name,
      locality: record.locality ?? country.code,
    });
    data.affiliations.push({
      ...tie(),
      memberId: record.id,
      parentId: federations.get(`${country.code}:${sector}`) as string,
      kind: 'member-of',
    });
  }
  // Two partnerships each on average: seven in ten with an organization of the same country.
  const byCountry = new Map<string, string[]>();
  for (const member of members)
    byCountry.set(member.country, [...(byCountry.get(member.country) ?? []), member.id]);
  const kinds = partnershipKinds;
  const everyone = members.map((entry) => entry.id);
  for (const member of members) {
    for (let count = 0; count < 2; count++) {
      const partner = pick(random() < 0.7 ? (byCountry.get(member.country) as string[]) : everyone);
      if (partner === member.id) continue;
      data.partnerships.push({ ...tie(), fromId: member.id, toId: partner, kind: pick(kinds) });
    }
  }
  if (members.length >= 4) {
    const partnerOf = (member: Member) =>
      pick(random() < 0.7 ? (byCountry.get(member.country) as string[]) : everyone);
    const memberById = new Map(members.map((member) => [member.id, member]));
    for (let count = 0; count < Math.max(1, Math.round(organizations / 50)); count++)
      addProject(pick(members), (lead) => memberById.get(partnerOf(lead)) as Member);
    for (let count = 0; count < Math.max(1, Math.round(organizations / 5)); count++)
      addIntent(pick(members));
  }
  return data;

  /** A lead and one to three others in roles, one or two countries, a target and some results. */
  function addProject(lead: Member, partnerOf: (lead: Member) => Member) {
    const projectId = newId();
    const others = new Map<string, Member>();
    const wanted = 1 + Math.floor(random() * 3);
    for (let attempt = 0; others.size < wanted && attempt < 10; attempt++) {
      const other = partnerOf(lead);
      if (other.id !== lead.id) others.set(other.id, other);
    }
    const abroad = [...others.values()].find((other) => other.country !== lead.country);
    const projectCountries =
      abroad && random() < 0.6 ? [lead.country, abroad.country] : [lead.country];
    const status = pick([
      'planned',
      'active',
      'active',
      'completed',
      'completed',
      'cancelled',
    ] as const);
    const startYear = status === 'planned' ? 2026 : 2015 + Math.floor(random() * 10);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const endYear =
      status === 'completed' || status === 'cancelled'
        ? startYear + 1 + Math.floor(random() * 3)
        : status === 'active' && random() < 0.5
          ? 2027 + Math.floor(random() * 3)
          : null;
    const words = sectorWords[lead.sector];
    const theme = pick(words.themes);
    const names = projectCountries.map((code) => countryFacts[code]?.name ?? code);
    data.projects.push({
      id: projectId,
      title: `${theme}, ${lead.locality}`,
      summary: `${lead.name} leads this ${theme.toLowerCase()} project with ${others.size} partner${others.size === 1 ? '' : 's'} in ${names.join(' and ')}. Generated for trials and benchmarks; not a real project.`,
      sector: lead.sector,
      status,
      startedOn: `${startYear}-${month}-01`,
      endedOn: endYear === null ? null : `${endYear}-${month}-01`,
      sources: [],
      ...stamps,
    });
    for (const country of projectCountries) data.projectCountries.push({ projectId, country });
    const roles = ['funder', 'technical-partner', 'beneficiary', 'offtaker'] as const;
    for (const [organizationId, role] of [
      [lead.id, 'lead'] as const,
      ...[...others.keys()].map((id) => [id, pick(roles)] as const),
    ]) {
      data.projectParticipants.push({
        projectId,
        organizationId,
        role,
        note: null,
        createdAt: now,
      });
    }
    // A money target, and results for the years it has run (none when only planned).
    const currency = countryFacts[lead.country]?.currency ?? 'USD';
    const money = (whole: number) =>
      minorUnitsOf(currency) === 0 ? `${whole * 100}` : `${whole}.${random() < 0.5 ? '00' : '50'}`;
    const figure = (
      kind: 'target' | 'result',
      indicator: RegistryData['projectFigures'][number]['indicator'],
      amount: string,
      period: number,
    ) =>
      data.projectFigures.push({
        id: newId(),
        projectId,
        kind,
        indicator,
        amount,
        currency: indicator === 'money-mobilised' ? currency : null,
        // Now and then a figure not attributable to one country of a multi-country project.
        country: projectCountries.length > 1 && random() < 0.3 ? null : pick(projectCountries),
        period,
        note: null,
        source: null,
        createdAt: now,
      });
    figure(
      'target',
      'money-mobilised',
      money(10_000 * (5 + Math.floor(random() * 200))),
      startYear,
    );
    if (status === 'planned') return;
    const counted =
      lead.sector === 'energy-utilities'
        ? (['households-connected', 'kwh-delivered'] as const)
        : (['people-trained', 'jobs-created', 'customers-connected'] as const);
    const lastYear = Math.min(endYear ?? 2025, 2025);
    for (let year = startYear; year <= lastYear && year < startYear + 3; year++) {
      const indicator = pick(counted);
      const quantity = 10 + Math.floor(random() * 2_000);
      figure(
        'result',
        indicator,
        indicator === 'kwh-delivered' ? `${quantity * 1_000}.5` : String(quantity),
        year,
      );
      if (random() < 0.5)
        figure('result', 'money-mobilised', money(1_000 * (1 + Math.floor(random() * 500))), year);
    }
  }

  /** An offer or a need, worded from its kind, its sector and where it applies. */
  function addIntent(member: Member) {
    const direction = random() < 0.5 ? 'offer' : 'need';
    const kind = pick(['product', 'service', 'know-how', 'finance', 'training'] as const);
    const words = sectorWords[member.sector];
    const elsewhere = pick(countries).code;
    const where =
      random() < 0.3
        ? []
        : random() < 0.7 || elsewhere === member.country
          ? [member.country]
          : [member.country, elsewhere];
    const [title, phrase] = {
      product: [
        direction === 'offer'
          ? `${capitalized(words.product)} for sale`
          : `Buying ${words.product}`,
        words.product,
      ],
      service: [
        direction === 'offer'
          ? `${capitalized(words.service)} offered`
          : `Looking for ${words.service}`,
        words.service,
      ],
      'know-how': [
        direction === 'offer'
          ? `Know-how to share on ${words.topic}`
          : `Advice wanted on ${words.topic}`,
        `know-how on ${words.topic}`,
      ],
      finance: [
        direction === 'offer'
          ? `Finance available for ${words.topic}`
          : `Finance sought for ${words.topic}`,
        `finance for ${words.topic}`,
      ],
      training: [
        direction === 'offer' ? `Training in ${words.topic}` : `Training wanted in ${words.topic}`,
        `training in ${words.topic}`,
      ],
    }[kind];
    const day = 86_400_000;
    const today = Date.parse(now.slice(0, 10));
    const validFrom = new Date(today - Math.floor(random() * 60) * day).toISOString().slice(0, 10);
    const validUntil =
      random() < 0.3
        ? null
        : new Date(today + (30 + Math.floor(random() * 335)) * day).toISOString().slice(0, 10);
    const place =
      where.length === 0
        ? 'anywhere in the network'
        : `in ${where.map((code) => countryFacts[code]?.name ?? code).join(' and ')}`;
    const closed = random() < 0.1;
    data.intents.push({
      id: newId(),
      organizationId: member.id,
      direction,
      title: `${title}, ${member.locality}`,
      description: `${member.name}, in ${member.locality}, ${direction === 'offer' ? 'can provide' : 'is looking for'} ${phrase} ${place}.${validUntil ? ` ${direction === 'offer' ? 'Available' : 'Needed'} until ${validUntil}.` : ''} ${generatedIntentNote(direction)}`,
      sector: member.sector,
      countries: where,
      kind,
      validFrom,
      validUntil,
      status: closed ? 'closed' : 'open',
      closedAt: closed ? now : null,
      ...stamps,
    });
  }
}

export async function loadGeneratedNetwork(
  ctx: Context,
  organizations: number,
  seed?: number,
): Promise<ImportedCounts> {
  return addToRegistry(ctx, generateNetwork(organizations, seed));
}
