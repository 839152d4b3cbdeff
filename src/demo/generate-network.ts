// A large synthetic network for benchmarks and trials (`intercoop generate --organizations N`):
// national apex federations, sector federations, and cooperatives, companies and NGOs with
// real-looking names in the country's languages, placed near real cities; each member of a
// federation (never a cycle) and with partnerships, most at home and some abroad. Rows are marked
// as demo, so `intercoop demo remove` clears them.

import { addToRegistry, type ImportedCounts, type RegistryData } from '../modules/network/index.ts';
import type { Context } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
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

const sectors = [
  'agriculture',
  'consumer-retail',
  'finance',
  'industry-services',
  'insurance',
  'health-social-care',
  'housing',
  'energy-utilities',
  'education',
  'other',
] as const;

/** The network for `organizations` organizations, about three ties each, the same for a seed. */
export function generateNetwork(organizations: number, seed = 7): RegistryData {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const now = new Date().toISOString();
  const data: RegistryData = { organizations: [], affiliations: [], partnerships: [], logos: [] };
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
  const members: Array<{ id: string; country: string }> = [];
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
    members.push({ id: record.id, country: country.code });
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
  const kinds = [
    'supply',
    'technical-assistance',
    'funding',
    'joint-venture',
    'training',
    'other',
  ] as const;
  const everyone = members.map((entry) => entry.id);
  for (const member of members) {
    for (let count = 0; count < 2; count++) {
      const partner = pick(random() < 0.7 ? (byCountry.get(member.country) as string[]) : everyone);
      if (partner === member.id) continue;
      data.partnerships.push({ ...tie(), fromId: member.id, toId: partner, kind: pick(kinds) });
    }
  }
  return data;
}

export async function loadGeneratedNetwork(
  ctx: Context,
  organizations: number,
  seed?: number,
): Promise<ImportedCounts> {
  return addToRegistry(ctx, generateNetwork(organizations, seed));
}
