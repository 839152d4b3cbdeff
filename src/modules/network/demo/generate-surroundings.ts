// The generated part of the demo network: made-up cooperatives, federations and companies around
// the real organizations, so that the directory, the map and the ties have something to show.
// Pure and deterministic: the same seed gives the same network. Names are built from parts in
// each place's languages so that they read like real cooperatives; every description says the
// organization is a demo one, so none of them claims to be real.
import { type CreateOrganizationInput, partnershipKinds } from '../schemas.ts';
import type { DemoNetwork, DemoOrganization, DemoTie } from './seed-network.ts';

type Sector = CreateOrganizationInput['sector'];
type Kind = CreateOrganizationInput['kind'];

/** Real organizations of the seed that generated ones tie to (their names in organizations.json). */
export const anchors = {
  ica: 'International Cooperative Alliance',
  sewaFederation: "Gujarat State Women's SEWA Co-operative Federation Ltd",
  mondragonIndustry: 'Mondragon Industry area',
  mondragonKnowledge: 'Mondragon Knowledge area',
  mondragonRetail: 'Mondragon Retail area',
  mondragonFinance: 'Mondragon Finance area',
  iffco: 'Indian Farmers Fertiliser Cooperative Limited',
  ncui: 'National Cooperative Union of India',
  ncbaClusa: 'NCBA CLUSA',
  nrecaInternational: 'NRECA International',
  coopsUk: 'Co-operatives UK',
  unpcb: 'Union Nationale des Producteurs de Coton du Burkina',
  nea: 'National Electrification Administration',
} as const;

/** A city: name, approximate centre (so that organizations fall inside the country), local name. */
type City = readonly [name: string, lat: number, lon: number, local?: string];
/** A name part: in Latin letters, and in the local script where it has one. */
type Part = readonly [latin: string, local?: string];

type Template = {
  sector: Sector;
  kind?: Kind;
  /** With {word} and {city}; `local` is the same name in the local script. */
  latin: string;
  local?: string;
  what: string;
  /** Women's cooperatives count women members only. */
  women?: boolean;
};

type Place = {
  country: string;
  languages: string[];
  /** The script and language of `local` names. */
  localScript?: { script: string; language: string };
  cities: City[];
  words: Part[];
  templates: Template[];
  count: number;
  /** The federation its cooperatives join: a real anchor, or a generated one with this name. */
  federation: { anchor: string } | { name: string; local?: string };
  /** Where members go instead of the federation, such as SEWA's federation or Mondragon's areas. */
  parentFor?: (template: Template) => string;
};

const en = (words: string[]): Part[] => words.map((word) => [word] as const);

const places: Place[] = [
  {
    // SEWA's federation is in Gujarat: its member cooperatives are women's, named in Gujarati.
    country: 'IN',
    languages: ['gu', 'hi', 'en'],
    localScript: { script: 'Gujarati', language: 'gu' },
    cities: [
      ['Anand', 22.56, 72.95, 'આણંદ'],
      ['Mehsana', 23.59, 72.38, 'મહેસાણા'],
      ['Nadiad', 22.69, 72.86, 'નડિયાદ'],
      ['Patan', 23.85, 72.12, 'પાટણ'],
      ['Surendranagar', 22.73, 71.64, 'સુરેન્દ્રનગર'],
      ['Bhavnagar', 21.76, 72.15, 'ભાવનગર'],
      ['Vadodara', 22.31, 73.18, 'વડોદરા'],
      ['Rajkot', 22.3, 70.8, 'રાજકોટ'],
      ['Bhuj', 23.25, 69.67, 'ભુજ'],
      ['Surat', 21.17, 72.83, 'સુરત'],
    ],
    words: [
      ['Shakti', 'શક્તિ'],
      ['Ekta', 'એકતા'],
      ['Sakhi', 'સખી'],
      ['Jyoti', 'જ્યોતિ'],
      ['Pragati', 'પ્રગતિ'],
      ['Navrachna', 'નવરચના'],
      ['Ujas', 'ઉજાસ'],
      ['Asmita', 'અસ્મિતા'],
      ['Dhara', 'ધરા'],
    ],
    templates: [
      {
        sector: 'agriculture',
        latin: '{city} Mahila Dudh Utpadak Sahakari Mandali',
        local: '{city} મહિલા દૂધ ઉત્પાદક સહકારી મંડળી',
        what: "women's dairy cooperative",
        women: true,
      },
      {
        sector: 'finance',
        latin: '{word} Mahila Bachat ane Dhiran Sahakari Mandali',
        local: '{word} મહિલા બચત અને ધિરાણ સહકારી મંડળી',
        what: "women's savings and credit cooperative",
        women: true,
      },
      {
        sector: 'industry-services',
        latin: '{city} Mahila Bharatkam Sahakari Mandali',
        local: '{city} મહિલા ભરતકામ સહકારી મંડળી',
        what: "women's embroidery cooperative",
        women: true,
      },
      {
        sector: 'health-social-care',
        latin: '{word} Mahila Arogya Sahakari Mandali',
        local: '{word} મહિલા આરોગ્ય સહકારી મંડળી',
        what: "women's health cooperative",
        women: true,
      },
      {
        sector: 'agriculture',
        latin: '{city} Mahila Shakbhaji Utpadak Sahakari Mandali',
        local: '{city} મહિલા શાકભાજી ઉત્પાદક સહકારી મંડળી',
        what: "women's vegetable growers' cooperative",
        women: true,
      },
      {
        sector: 'health-social-care',
        latin: '{word} Mahila Balsambhal Sahakari Mandali',
        local: '{word} મહિલા બાળસંભાળ સહકારી મંડળી',
        what: "women's childcare cooperative",
        women: true,
      },
    ],
    count: 16,
    federation: { anchor: anchors.sewaFederation },
  },
  {
    // Women's cooperatives of the Hindi-speaking north, also in SEWA's federation in the demo.
    country: 'IN',
    languages: ['hi', 'en'],
    localScript: { script: 'Devanagari', language: 'hi' },
    cities: [
      ['Jaipur', 26.91, 75.79, 'जयपुर'],
      ['Lucknow', 26.85, 80.95, 'लखनऊ'],
      ['Bhopal', 23.26, 77.41, 'भोपाल'],
      ['Patna', 25.59, 85.14, 'पटना'],
      ['Varanasi', 25.32, 82.97, 'वाराणसी'],
      ['Indore', 22.72, 75.86, 'इंदौर'],
      ['Dehradun', 30.32, 78.03, 'देहरादून'],
    ],
    words: [
      ['Shakti', 'शक्ति'],
      ['Ekta', 'एकता'],
      ['Pragati', 'प्रगति'],
      ['Jyoti', 'ज्योति'],
      ['Sangam', 'संगम'],
      ['Sarvodaya', 'सर्वोदय'],
      ['Gramin', 'ग्रामीण'],
      ['Lakshmi', 'लक्ष्मी'],
    ],
    templates: [
      {
        sector: 'agriculture',
        latin: '{word} Kisan Seva Sahakari Samiti',
        local: '{word} किसान सेवा सहकारी समिति',
        what: "farmers' service cooperative",
      },
      {
        sector: 'agriculture',
        latin: '{city} Dugdh Utpadak Sahakari Samiti',
        local: '{city} दुग्ध उत्पादक सहकारी समिति',
        what: "milk producers' cooperative",
      },
      {
        sector: 'finance',
        latin: '{word} Mahila Bachat evam Sakh Sahakari Samiti',
        local: '{word} महिला बचत एवं साख सहकारी समिति',
        what: "women's savings and credit cooperative",
        women: true,
      },
      {
        sector: 'industry-services',
        latin: '{city} Mahila Bunkar Sahakari Samiti',
        local: '{city} महिला बुनकर सहकारी समिति',
        what: "women weavers' cooperative",
        women: true,
      },
      {
        sector: 'housing',
        latin: '{word} Griha Nirman Sahakari Samiti',
        local: '{word} गृह निर्माण सहकारी समिति',
        what: 'housing cooperative',
      },
      {
        sector: 'consumer-retail',
        latin: '{city} Upbhokta Sahakari Bhandar',
        local: '{city} उपभोक्ता सहकारी भंडार',
        what: 'consumer cooperative store',
      },
    ],
    count: 10,
    federation: { anchor: anchors.ncui },
    // Its women's cooperatives join SEWA's federation; the others the national union.
    parentFor: (template) => (template.women ? anchors.sewaFederation : anchors.ncui),
  },
  {
    // Mondragon's Basque cooperatives, in its areas.
    country: 'ES',
    languages: ['eu', 'es'],
    cities: [
      ['Arrasate-Mondragón', 43.06, -2.49],
      ['Bergara', 43.12, -2.41],
      ['Oñati', 43.03, -2.41],
      ['Eibar', 43.18, -2.47],
      ['Azpeitia', 43.18, -2.27],
      ['Durango', 43.17, -2.63],
      ['Vitoria-Gasteiz', 42.85, -2.67],
      ['Tolosa', 43.13, -2.08],
      ['Elgoibar', 43.22, -2.41],
    ],
    words: en([
      'Argi',
      'Burdin',
      'Zubi',
      'Egur',
      'Harri',
      'Gurpil',
      'Ekin',
      'Hegoa',
      'Iturri',
      'Oinarri',
      'Sare',
      'Lur',
      'Haize',
      'Mendi',
    ]),
    templates: [
      {
        sector: 'industry-services',
        latin: '{word}tek, S. Coop.',
        what: 'industrial worker cooperative (machine tools and components)',
      },
      {
        sector: 'industry-services',
        latin: '{word}lan, S. Coop.',
        what: 'industrial worker cooperative (metal forming)',
      },
      {
        sector: 'industry-services',
        latin: '{word}ola, S. Coop.',
        what: 'industrial worker cooperative (foundry and forging)',
      },
      {
        sector: 'education',
        latin: '{word} Ikastola, S. Coop.',
        what: 'cooperative school teaching in Basque',
      },
      {
        sector: 'education',
        latin: '{word} Ikerketa Zentroa, S. Coop.',
        what: 'cooperative research centre',
      },
      {
        sector: 'consumer-retail',
        latin: '{word} Elikagaiak, S. Coop.',
        what: 'food distribution cooperative',
      },
      {
        sector: 'insurance',
        latin: '{word} Aseguruak, S. Coop.',
        what: 'cooperative insurer',
      },
    ],
    count: 16,
    federation: { anchor: anchors.mondragonIndustry },
    parentFor: (template) =>
      template.sector === 'education'
        ? anchors.mondragonKnowledge
        : template.sector === 'consumer-retail'
          ? anchors.mondragonRetail
          : template.sector === 'insurance'
            ? anchors.mondragonFinance
            : anchors.mondragonIndustry,
  },
  {
    country: 'ES',
    languages: ['es'],
    cities: [
      ['Xàtiva', 38.99, -0.52],
      ['Sevilla', 37.39, -5.98],
      ['Zaragoza', 41.65, -0.88],
      ['Córdoba', 37.88, -4.78],
      ['Jaén', 37.77, -3.79],
    ],
    words: en([
      'La Esperanza',
      'El Progreso',
      'La Unión',
      'Nueva Aurora',
      'El Porvenir',
      'Valle Verde',
    ]),
    templates: [
      { sector: 'agriculture', latin: 'Cooperativa Agrícola {word}', what: "farmers' cooperative" },
      { sector: 'housing', latin: 'Cooperativa de Viviendas {word}', what: 'housing cooperative' },
      {
        sector: 'energy-utilities',
        latin: 'Cooperativa de Energía Renovable {word}',
        what: 'renewable energy cooperative',
      },
      {
        sector: 'health-social-care',
        latin: 'Cooperativa Sanitaria {word}',
        what: 'health care cooperative',
      },
    ],
    count: 5,
    federation: { name: 'Unión Española de Cooperativas del Sur y Levante' },
  },
  {
    country: 'PE',
    languages: ['es', 'qu'],
    cities: [
      ['Cusco', -13.53, -71.97],
      ['Jaén', -5.71, -78.81],
      ['Arequipa', -16.41, -71.54],
      ['Piura', -5.19, -80.63],
      ['Puno', -15.84, -70.02],
      ['Huancayo', -12.07, -75.21],
    ],
    words: en([
      'San Isidro',
      'Santa Rosa',
      'San Juan del Oro',
      'Valle Sagrado',
      'Los Andes',
      'Inti Raymi',
    ]),
    templates: [
      { sector: 'agriculture', latin: 'Cooperativa Agraria {word}', what: 'agrarian cooperative' },
      {
        sector: 'agriculture',
        latin: 'Cooperativa Agraria Cafetalera {word}',
        what: "coffee growers' cooperative",
      },
      {
        sector: 'finance',
        latin: 'Cooperativa de Ahorro y Crédito {word}',
        what: 'savings and credit cooperative',
      },
      {
        sector: 'insurance',
        latin: 'Cooperativa de Seguros Solidarios {word}',
        what: 'cooperative insurer for smallholders',
      },
    ],
    count: 8,
    federation: { name: 'Unión de Cooperativas Andinas del Perú' },
  },
  {
    country: 'KE',
    languages: ['sw', 'en'],
    cities: [
      ['Nakuru', -0.3, 36.07],
      ['Eldoret', 0.51, 35.27],
      ['Kisumu', -0.09, 34.77],
      ['Nyeri', -0.42, 36.95],
      ['Meru', 0.05, 37.65],
      ['Kericho', -0.37, 35.28],
      ['Machakos', -1.52, 37.26],
    ],
    words: en([
      'Umoja',
      'Tumaini',
      'Amani',
      'Baraka',
      'Upendo',
      'Jitegemee',
      'Mwangaza',
      'Neema',
      'Imani',
    ]),
    templates: [
      {
        sector: 'agriculture',
        latin: "{word} Dairy Farmers' Co-operative Society",
        what: "dairy farmers' cooperative",
      },
      {
        sector: 'finance',
        latin: '{word} Savings and Credit Co-operative Society',
        what: 'savings and credit cooperative (SACCO)',
      },
      {
        sector: 'agriculture',
        latin: "{word} Tea Farmers' Co-operative Society",
        what: "tea farmers' cooperative",
      },
      {
        sector: 'housing',
        latin: '{word} Housing Co-operative Society',
        what: 'housing cooperative',
      },
      {
        sector: 'insurance',
        latin: '{word} Mutual Co-operative Insurance Society',
        what: 'cooperative insurer',
      },
    ],
    count: 9,
    federation: { name: 'Kenya Union of Co-operative Societies' },
  },
  {
    country: 'TZ',
    languages: ['sw', 'en'],
    cities: [
      ['Moshi', -3.35, 37.34],
      ['Arusha', -3.37, 36.68],
      ['Mbeya', -8.9, 33.46],
      ['Masasi', -10.72, 38.8],
      ['Bukoba', -1.33, 31.81],
    ],
    words: en(['Mshikamano', 'Juhudi', 'Tujikomboe', 'Maendeleo', 'Faraja', 'Tupendane']),
    templates: [
      {
        sector: 'agriculture',
        latin: "{word} Coffee Growers' Co-operative Society",
        what: "coffee growers' cooperative",
      },
      {
        sector: 'agriculture',
        latin: '{word} Cashew AMCOS Ltd',
        what: 'agricultural marketing cooperative for cashew growers',
      },
      { sector: 'finance', latin: '{word} SACCOS Ltd', what: 'savings and credit cooperative' },
    ],
    count: 6,
    federation: { name: 'Tanzania Union of Co-operative Societies' },
  },
  {
    country: 'UG',
    languages: ['lg', 'en'],
    cities: [
      ['Mbale', 1.08, 34.18],
      ['Kasese', 0.18, 30.08],
      ['Masaka', -0.33, 31.73],
      ['Gulu', 2.77, 32.3],
    ],
    words: en(['Tweyambe', 'Kwagalana', 'Tukolere Wamu', 'Twekembe', 'Munno Mukabi']),
    templates: [
      {
        sector: 'agriculture',
        latin: "{word} Coffee Farmers' Co-operative Union",
        what: "coffee farmers' cooperative union",
      },
      { sector: 'finance', latin: '{word} SACCO Ltd', what: 'savings and credit cooperative' },
      {
        sector: 'health-social-care',
        latin: '{word} Community Health Co-operative',
        what: 'community health cooperative',
      },
    ],
    count: 5,
    federation: { name: 'Uganda Union of Co-operative Enterprises' },
  },
  {
    country: 'BF',
    languages: ['fr'],
    cities: [
      ['Bobo-Dioulasso', 11.18, -4.29],
      ['Koudougou', 12.25, -2.36],
      ['Ouahigouya', 13.58, -2.42],
      ["Fada N'Gourma", 12.06, 0.36],
      ['Banfora', 10.63, -4.76],
    ],
    words: en(['Wend-Panga', 'Teel-Taaba', 'Neb-Noma', 'Wend-Yam', 'Nong-Taaba', 'Wend-Kuuni']),
    templates: [
      {
        sector: 'agriculture',
        latin: 'Coopérative des Productrices de Karité {word}',
        what: "women shea butter producers' cooperative",
        women: true,
      },
      {
        sector: 'agriculture',
        latin: 'Société Coopérative des Producteurs de Coton {word}',
        what: "cotton producers' cooperative",
      },
      {
        sector: 'finance',
        latin: 'Caisse Coopérative {word}',
        what: 'savings and credit cooperative',
      },
      {
        sector: 'industry-services',
        latin: 'Coopérative des Tisserandes {word}',
        what: "women weavers' cooperative",
        women: true,
      },
      {
        sector: 'energy-utilities',
        latin: 'Coopérative Solaire {word}',
        what: 'village solar energy cooperative',
      },
    ],
    count: 7,
    federation: { name: 'Union Nationale des Coopératives du Faso' },
    parentFor: (template) =>
      template.latin.includes('Coton') ? anchors.unpcb : 'Union Nationale des Coopératives du Faso',
  },
  {
    country: 'SN',
    languages: ['fr', 'wo'],
    cities: [
      ['Thiès', 14.79, -16.93],
      ['Kaolack', 14.15, -16.07],
      ['Louga', 15.62, -16.22],
      ['Ziguinchor', 12.57, -16.27],
    ],
    words: en(['Jappo', 'Dimbali', 'Liggeey', 'Jamm', 'Bokk Jom', 'Xeewel']),
    templates: [
      {
        sector: 'agriculture',
        latin: 'Coopérative des Femmes Transformatrices {word}',
        what: "women food processors' cooperative",
        women: true,
      },
      {
        sector: 'finance',
        latin: "Mutuelle d'Épargne et de Crédit {word}",
        what: 'savings and credit mutual',
      },
      {
        sector: 'agriculture',
        latin: 'Coopérative de Pêcheurs {word}',
        what: "fishers' cooperative",
      },
    ],
    count: 5,
    federation: { name: 'Union Nationale des Coopératives du Sénégal' },
  },
  {
    country: 'GH',
    languages: ['ak', 'en'],
    cities: [
      ['Kumasi', 6.69, -1.62],
      ['Tamale', 9.4, -0.84],
      ['Ho', 6.6, 0.47],
      ['Sunyani', 7.34, -2.33],
      ['Koforidua', 6.09, -0.26],
    ],
    words: en(['Nkabom', 'Abusua', 'Sankofa', 'Adom', 'Obaatan', 'Ahoto']),
    templates: [
      {
        sector: 'agriculture',
        latin: "{word} Cocoa Farmers' Co-operative Society",
        what: "cocoa farmers' cooperative",
      },
      {
        sector: 'agriculture',
        latin: "{word} Shea Butter Women's Co-operative",
        what: "women's shea butter cooperative",
        women: true,
      },
      { sector: 'finance', latin: '{word} Co-operative Credit Union', what: 'credit union' },
      {
        sector: 'industry-services',
        latin: "{word} Kente Weavers' Co-operative",
        what: "weavers' cooperative",
      },
    ],
    count: 6,
    federation: { name: 'Ghana Union of Co-operative Societies' },
  },
  {
    country: 'LR',
    languages: ['en'],
    cities: [
      ['Kakata', 6.53, -10.35],
      ['Tubmanburg', 6.87, -10.82],
      ['Voinjama', 8.42, -9.75],
    ],
    words: en(['Unity', 'New Hope', 'Progress', 'Sunrise']),
    templates: [
      {
        sector: 'agriculture',
        latin: "{word} Rubber Farmers' Cooperative",
        what: "rubber farmers' cooperative",
      },
      {
        sector: 'agriculture',
        latin: "{word} Cassava Women's Cooperative",
        what: "women cassava processors' cooperative",
        women: true,
      },
    ],
    count: 2,
    federation: { name: 'Liberia Union of Co-operative Societies' },
  },
  {
    country: 'RW',
    languages: ['rw', 'en', 'fr'],
    cities: [
      ['Huye', -2.6, 29.74],
      ['Musanze', -1.5, 29.63],
      ['Nyagatare', -1.3, 30.33],
      ['Rwamagana', -1.95, 30.43],
    ],
    words: en(['Twisungane', 'Terimbere', 'Twiyubake', 'Dufatanye', 'Tuzamurane']),
    templates: [
      { sector: 'agriculture', latin: 'Koperative {word}', what: "coffee growers' cooperative" },
      {
        sector: 'industry-services',
        latin: "{word} Women's Basket Weaving Cooperative",
        what: "women basket weavers' cooperative",
        women: true,
      },
    ],
    count: 4,
    federation: { name: 'Rwanda Union of Cooperatives' },
  },
  {
    country: 'ZA',
    languages: ['zu', 'xh', 'en'],
    cities: [
      ['Newcastle', -27.76, 29.93],
      ['Polokwane', -23.9, 29.45],
      ['Mthatha', -31.59, 28.78],
      ['Pietermaritzburg', -29.6, 30.38],
    ],
    words: en(['Masakhane', 'Siyakhula', 'Sizanani', 'Zenzele', 'Phakamani', 'Sinethemba']),
    templates: [
      {
        sector: 'agriculture',
        latin: '{word} Agricultural Primary Co-operative Limited',
        what: 'agricultural cooperative',
      },
      {
        sector: 'industry-services',
        latin: '{word} Sewing Co-operative Limited',
        what: "sewing workers' cooperative",
      },
      {
        sector: 'finance',
        latin: '{word} Savings and Credit Co-operative',
        what: 'savings and credit cooperative',
      },
      { sector: 'housing', latin: '{word} Housing Co-operative', what: 'housing cooperative' },
    ],
    count: 5,
    federation: { name: 'South African Union of Co-operatives' },
  },
  {
    country: 'BD',
    languages: ['bn'],
    localScript: { script: 'Bengali', language: 'bn' },
    cities: [
      ['Rangpur', 25.74, 89.25, 'রংপুর'],
      ['Bogura', 24.85, 89.37, 'বগুড়া'],
      ['Khulna', 22.82, 89.55, 'খুলনা'],
      ['Sylhet', 24.9, 91.87, 'সিলেট'],
      ['Rajshahi', 24.37, 88.6, 'রাজশাহী'],
      ['Cumilla', 23.46, 91.18, 'কুমিল্লা'],
    ],
    words: [
      ['Sonali', 'সোনালী'],
      ['Nabadiganta', 'নবদিগন্ত'],
      ['Ekota', 'একতা'],
      ['Shapla', 'শাপলা'],
      ['Alo', 'আলো'],
    ],
    templates: [
      {
        sector: 'agriculture',
        latin: '{city} Krishak Samabay Samity',
        local: '{city} কৃষক সমবায় সমিতি',
        what: "farmers' cooperative society",
      },
      {
        sector: 'finance',
        latin: '{word} Mahila Samabay Samity',
        local: '{word} মহিলা সমবায় সমিতি',
        what: "women's savings cooperative society",
        women: true,
      },
      {
        sector: 'agriculture',
        latin: '{city} Matsyajibi Samabay Samity',
        local: '{city} মৎস্যজীবী সমবায় সমিতি',
        what: "fishers' cooperative society",
      },
      {
        sector: 'industry-services',
        latin: '{word} Tanti Samabay Samity',
        local: '{word} তাঁতি সমবায় সমিতি',
        what: "handloom weavers' cooperative society",
      },
    ],
    count: 7,
    federation: { name: 'Bangladesh Union of Co-operative Societies' },
  },
  {
    country: 'NP',
    languages: ['ne'],
    localScript: { script: 'Devanagari', language: 'ne' },
    cities: [
      ['Pokhara', 28.21, 83.99, 'पोखरा'],
      ['Bharatpur', 27.68, 84.43, 'भरतपुर'],
      ['Dhulikhel', 27.62, 85.55, 'धुलिखेल'],
      ['Butwal', 27.7, 83.45, 'बुटवल'],
      ['Dhangadhi', 28.7, 80.59, 'धनगढी'],
      ['Biratnagar', 26.45, 87.27, 'विराटनगर'],
    ],
    words: [
      ['Himali', 'हिमाली'],
      ['Sagarmatha', 'सगरमाथा'],
      ['Janata', 'जनता'],
      ['Milan', 'मिलन'],
      ['Unnati', 'उन्नति'],
      ['Samriddhi', 'समृद्धि'],
    ],
    templates: [
      {
        sector: 'agriculture',
        latin: '{city} Dugdha Utpadak Sahakari Sanstha',
        local: '{city} दुग्ध उत्पादक सहकारी संस्था',
        what: "milk producers' cooperative",
      },
      {
        sector: 'finance',
        latin: '{word} Bachat tatha Rin Sahakari Sanstha',
        local: '{word} बचत तथा ऋण सहकारी संस्था',
        what: 'savings and credit cooperative',
      },
      {
        sector: 'agriculture',
        latin: '{word} Krishi Sahakari Sanstha',
        local: '{word} कृषि सहकारी संस्था',
        what: 'agricultural cooperative',
      },
      {
        sector: 'energy-utilities',
        latin: '{city} Samudayik Bidyut Sahakari Sanstha',
        local: '{city} सामुदायिक विद्युत सहकारी संस्था',
        what: 'community electricity cooperative',
      },
    ],
    count: 7,
    federation: { name: 'Nepal Union of Co-operative Societies' },
  },
  {
    country: 'LK',
    languages: ['si', 'ta', 'en'],
    localScript: { script: 'Sinhala', language: 'si' },
    cities: [
      ['Kurunegala', 7.49, 80.36, 'කුරුණෑගල'],
      ['Kandy', 7.29, 80.63, 'මහනුවර'],
      ['Ratnapura', 6.68, 80.4, 'රත්නපුර'],
      ['Anuradhapura', 8.31, 80.4, 'අනුරාධපුර'],
      ['Kegalle', 7.25, 80.35, 'කෑගල්ල'],
    ],
    words: en(['Ruhuna', 'Lanka', 'Uva', 'Sabaragamuwa']),
    templates: [
      {
        sector: 'consumer-retail',
        latin: '{city} Multi-Purpose Co-operative Society',
        local: '{city} බහුකාර්ය සමුපකාර සමිතිය',
        what: 'multi-purpose cooperative society',
      },
      {
        sector: 'agriculture',
        latin: "{word} Tea Smallholders' Co-operative Society",
        what: "tea smallholders' cooperative",
      },
    ],
    count: 5,
    federation: { name: 'Sri Lanka Union of Co-operative Societies' },
  },
  {
    country: 'PH',
    languages: ['tl', 'en'],
    cities: [
      ['Cabanatuan City', 15.49, 120.97],
      ['Davao City', 7.19, 125.46],
      ['Malaybalay City', 8.15, 125.13],
      ['Tarlac City', 15.49, 120.59],
      ['Naga', 13.62, 123.19],
    ],
    words: en(['Bayanihan', 'Pagkakaisa', 'Kaunlaran', 'Masagana', 'Tagumpay', 'Liwanag']),
    templates: [
      {
        sector: 'consumer-retail',
        latin: '{word} Multi-Purpose Cooperative',
        what: 'multi-purpose cooperative',
      },
      { sector: 'finance', latin: '{word} Credit Cooperative', what: 'credit cooperative' },
      {
        sector: 'agriculture',
        latin: "{word} Rice Farmers' Producers Cooperative",
        what: "rice farmers' cooperative",
      },
      {
        sector: 'health-social-care',
        latin: '{word} Health Services Cooperative',
        what: 'health services cooperative',
      },
    ],
    count: 6,
    federation: { name: 'Philippine Union of Co-operatives' },
  },
  {
    country: 'BR',
    languages: ['pt'],
    cities: [
      ['Chapecó', -27.1, -52.62],
      ['Londrina', -23.31, -51.16],
      ['Passo Fundo', -28.26, -52.41],
      ['Petrolina', -9.39, -40.5],
      ['Belo Horizonte', -19.92, -43.94],
      ['Cascavel', -24.96, -53.46],
    ],
    words: en([
      'Vale Verde',
      'Nova Esperança',
      'Terra Boa',
      'Sol Nascente',
      'Serra Azul',
      'Boa Vista',
    ]),
    templates: [
      {
        sector: 'agriculture',
        latin: 'Cooperativa Agroindustrial {word}',
        what: 'agro-industrial cooperative',
      },
      { sector: 'finance', latin: 'Cooperativa de Crédito {word}', what: 'credit cooperative' },
      {
        sector: 'industry-services',
        latin: 'Cooperativa de Catadores {word}',
        what: "waste pickers' recycling cooperative",
      },
      {
        sector: 'health-social-care',
        latin: 'Cooperativa de Trabalho Médico {word}',
        what: "doctors' cooperative",
      },
      { sector: 'housing', latin: 'Cooperativa Habitacional {word}', what: 'housing cooperative' },
    ],
    count: 7,
    federation: { name: 'União Nacional das Cooperativas do Brasil' },
  },
  {
    country: 'MX',
    languages: ['es'],
    cities: [
      ['Oaxaca de Juárez', 17.07, -96.73],
      ['Cuetzalan', 20.02, -97.52],
      ['San Cristóbal de las Casas', 16.74, -92.64],
      ['Morelia', 19.7, -101.19],
      ['Mérida', 20.97, -89.62],
    ],
    words: en(['El Mirador', 'Tierra Nueva', 'Maseual', 'La Montaña', 'Sierra Verde']),
    templates: [
      {
        sector: 'agriculture',
        latin: 'Sociedad Cooperativa de Productores de Café {word}',
        what: "coffee producers' cooperative",
      },
      { sector: 'finance', latin: 'Caja Popular {word}', what: 'savings and loan cooperative' },
      {
        sector: 'industry-services',
        latin: 'Sociedad Cooperativa de Artesanas {word}',
        what: "women artisans' cooperative",
        women: true,
      },
    ],
    count: 5,
    federation: { name: 'Unión Nacional de Sociedades Cooperativas de México' },
  },
  {
    country: 'CO',
    languages: ['es'],
    cities: [
      ['Pitalito', 1.85, -76.05],
      ['Manizales', 5.07, -75.52],
      ['Bucaramanga', 7.12, -73.12],
      ['Popayán', 2.44, -76.61],
    ],
    words: en(['Los Cerros', 'Nuevo Horizonte', 'La Cosecha', 'Café del Macizo', 'El Ensueño']),
    templates: [
      {
        sector: 'agriculture',
        latin: 'Cooperativa Cafetera {word}',
        what: "coffee growers' cooperative",
      },
      {
        sector: 'finance',
        latin: 'Cooperativa Multiactiva {word}',
        what: 'multi-service cooperative',
      },
      {
        sector: 'health-social-care',
        latin: 'Cooperativa de Trabajo Asociado en Salud {word}',
        what: "health workers' cooperative",
      },
    ],
    count: 5,
    federation: { name: 'Unión Colombiana de Cooperativas' },
  },
  {
    country: 'BO',
    languages: ['es', 'qu', 'ay'],
    cities: [
      ['Cochabamba', -17.39, -66.16],
      ['Sucre', -19.05, -65.26],
      ['Tarija', -21.53, -64.73],
      ['El Alto', -16.5, -68.19],
      ['Riberalta', -11.0, -66.07],
    ],
    words: en(['Illimani', 'Pachamama', 'Amazonía', 'Chaco', 'Valle Alto']),
    templates: [
      {
        sector: 'energy-utilities',
        latin: 'Cooperativa de Agua Potable {word}',
        what: 'drinking water cooperative',
      },
      {
        sector: 'agriculture',
        latin: 'Cooperativa Agropecuaria Integral {word}',
        what: 'agricultural cooperative',
      },
      {
        sector: 'finance',
        latin: 'Cooperativa de Ahorro y Crédito Abierta {word}',
        what: 'savings and credit cooperative',
      },
    ],
    count: 5,
    federation: { name: 'Unión Boliviana de Cooperativas' },
  },
  {
    country: 'AR',
    languages: ['es'],
    cities: [
      ['Rosario', -32.95, -60.64],
      ['Córdoba', -31.42, -64.18],
      ['Mendoza', -32.89, -68.83],
      ['Rafaela', -31.25, -61.49],
      ['Neuquén', -38.95, -68.06],
    ],
    words: en(['La Esperanza', 'El Hornero', 'Nuevo Amanecer', 'Unión del Sur', 'La Pampa']),
    templates: [
      {
        sector: 'industry-services',
        latin: 'Cooperativa de Trabajo {word} Ltda.',
        what: 'worker cooperative',
      },
      {
        sector: 'energy-utilities',
        latin: 'Cooperativa de Provisión de Electricidad {word} Ltda.',
        what: 'electricity cooperative',
      },
      {
        sector: 'agriculture',
        latin: 'Cooperativa Agrícola Ganadera {word} Ltda.',
        what: "farmers' and ranchers' cooperative",
      },
      {
        sector: 'housing',
        latin: 'Cooperativa de Vivienda {word} Ltda.',
        what: 'housing cooperative',
      },
    ],
    count: 5,
    federation: { name: 'Unión Argentina de Cooperativas' },
  },
  {
    country: 'IT',
    languages: ['it'],
    cities: [
      ['Bologna', 44.49, 11.34],
      ['Reggio Emilia', 44.7, 10.63],
      ['Trento', 46.07, 11.12],
      ['Matera', 40.67, 16.6],
      ['Torino', 45.07, 7.69],
    ],
    words: en(['Il Girasole', 'La Quercia', 'Il Mosaico', 'La Rondine', 'Il Faro', 'Arcobaleno']),
    templates: [
      {
        sector: 'health-social-care',
        latin: 'Cooperativa Sociale {word}',
        what: 'social cooperative (care services)',
      },
      {
        sector: 'agriculture',
        latin: 'Cantina Cooperativa {word}',
        what: "winegrowers' cooperative",
      },
      { sector: 'housing', latin: 'Cooperativa Edilizia {word}', what: 'housing cooperative' },
      {
        sector: 'education',
        latin: 'Cooperativa Sociale di Formazione {word}',
        what: 'training cooperative',
      },
    ],
    count: 6,
    federation: { name: 'Unione Italiana delle Cooperative Sociali e di Lavoro' },
  },
  {
    country: 'FR',
    languages: ['fr'],
    cities: [
      ['Lyon', 45.76, 4.84],
      ['Besançon', 47.24, 6.02],
      ['Rennes', 48.11, -1.68],
      ['Toulouse', 43.6, 1.44],
      ['Nantes', 47.22, -1.55],
    ],
    words: en(['La Ruche', 'Le Chêne', "L'Envol", 'Les Coteaux', 'La Source', "L'Alliance"]),
    templates: [
      { sector: 'industry-services', latin: 'SCOP {word}', what: 'worker cooperative (SCOP)' },
      {
        sector: 'agriculture',
        latin: 'Coopérative Fromagère {word}',
        what: "cheese makers' cooperative",
      },
      {
        sector: 'housing',
        latin: "Coopérative d'Habitants {word}",
        what: "residents' housing cooperative",
      },
      {
        sector: 'energy-utilities',
        latin: 'SCIC Énergies Citoyennes {word}',
        what: 'citizen energy cooperative (SCIC)',
      },
    ],
    count: 5,
    federation: { name: 'Union Française des Coopératives de Travail' },
  },
  {
    country: 'DE',
    languages: ['de'],
    cities: [
      ['Freiburg im Breisgau', 47.99, 7.85],
      ['Leipzig', 51.34, 12.37],
      ['Hamburg', 53.55, 9.99],
      ['Münster', 51.96, 7.63],
      ['Kassel', 51.31, 9.48],
    ],
    words: en(['Lindenhof', 'Sonnenland', 'Elbtal', 'Rheinaue', 'Waldblick', 'Auenland']),
    templates: [
      {
        sector: 'energy-utilities',
        latin: 'Bürgerenergie {word} eG',
        what: 'citizen energy cooperative',
      },
      { sector: 'housing', latin: 'Wohnungsgenossenschaft {word} eG', what: 'housing cooperative' },
      {
        sector: 'agriculture',
        latin: 'Molkereigenossenschaft {word} eG',
        what: 'dairy cooperative',
      },
      { sector: 'consumer-retail', latin: 'Dorfladen {word} eG', what: 'village shop cooperative' },
    ],
    count: 5,
    federation: { name: 'Genossenschaftsverband Mitte-Nord' },
  },
  {
    country: 'GB',
    languages: ['en'],
    cities: [
      ['Leeds', 53.8, -1.55],
      ['Bristol', 51.45, -2.59],
      ['Glasgow', 55.86, -4.25],
      ['Merthyr Tydfil', 51.75, -3.38],
      ['Norwich', 52.63, 1.3],
      ['Rochdale', 53.62, -2.16],
    ],
    words: en(['Pennine', 'Three Rivers', 'Kingfisher', 'Severn Vale', 'Heatherfield', 'Larkspur']),
    templates: [
      { sector: 'housing', latin: '{word} Housing Co-operative', what: 'housing cooperative' },
      {
        sector: 'industry-services',
        latin: "{word} Workers' Co-operative Ltd",
        what: 'worker cooperative',
      },
      {
        sector: 'energy-utilities',
        latin: '{word} Community Energy Co-operative',
        what: 'community energy cooperative',
      },
      {
        sector: 'consumer-retail',
        latin: '{word} Wholefoods Co-operative',
        what: 'wholefoods cooperative',
      },
    ],
    count: 6,
    federation: { anchor: anchors.coopsUk },
  },
  {
    country: 'US',
    languages: ['en'],
    cities: [
      ['Madison, Wisconsin', 43.07, -89.4],
      ['Minneapolis, Minnesota', 44.98, -93.27],
      ['Asheville, North Carolina', 35.6, -82.55],
      ['Des Moines, Iowa', 41.59, -93.62],
      ['Burlington, Vermont', 44.48, -73.21],
      ['Sacramento, California', 38.58, -121.49],
    ],
    words: en([
      'Cedar Valley',
      'Prairie Wind',
      'Blue Heron',
      'Twin Rivers',
      'Harvest Moon',
      'Granite Hill',
    ]),
    templates: [
      { sector: 'agriculture', latin: '{word} Farmers Cooperative', what: "farmers' cooperative" },
      { sector: 'consumer-retail', latin: '{word} Food Co-op', what: 'food cooperative' },
      {
        sector: 'industry-services',
        latin: '{word} Worker Cooperative',
        what: 'worker cooperative',
      },
      {
        sector: 'health-social-care',
        latin: '{word} Home Care Cooperative',
        what: 'home care worker cooperative',
      },
      { sector: 'finance', latin: '{word} Community Credit Union', what: 'credit union' },
    ],
    count: 7,
    federation: { anchor: anchors.ncbaClusa },
  },
  {
    country: 'CA',
    languages: ['en', 'fr'],
    cities: [
      ['Saskatoon', 52.13, -106.67],
      ['Drummondville', 45.88, -72.48],
      ['Sherbrooke', 45.4, -71.89],
      ['Winnipeg', 49.9, -97.14],
      ['Moncton', 46.09, -64.78],
    ],
    words: en(['Les Érables', 'Boréal', 'Northern Lights', 'Prairie Sky', 'Aurore', 'Trillium']),
    templates: [
      {
        sector: 'health-social-care',
        latin: 'Coopérative de solidarité {word}',
        what: 'solidarity cooperative (home care)',
      },
      { sector: 'consumer-retail', latin: '{word} Co-operative Ltd', what: 'retail cooperative' },
      { sector: 'finance', latin: '{word} Credit Union', what: 'credit union' },
      { sector: 'housing', latin: '{word} Housing Co-operative', what: 'housing cooperative' },
    ],
    count: 5,
    federation: { name: 'Canadian Union of Co-operatives' },
  },
  {
    country: 'JP',
    languages: ['ja'],
    localScript: { script: 'Japanese', language: 'ja' },
    cities: [
      ['Sapporo', 43.06, 141.35],
      ['Nara', 34.68, 135.8],
      ['Sendai', 38.27, 140.87],
      ['Nagano', 36.65, 138.18],
      ['Kumamoto', 32.8, 130.71],
    ],
    words: [
      ['Midori', 'みどり'],
      ['Hikari', 'ひかり'],
      ['Kibou', 'きぼう'],
      ['Aozora', 'あおぞら'],
      ['Hoshizora', 'ほしぞら'],
    ],
    templates: [
      {
        sector: 'consumer-retail',
        latin: "{word} Consumers' Co-operative",
        local: '{word}生活協同組合',
        what: "consumers' cooperative",
      },
      {
        sector: 'health-social-care',
        latin: '{word} Medical Co-operative',
        local: '{word}医療生活協同組合',
        what: 'medical cooperative',
      },
    ],
    count: 4,
    federation: { name: 'Japan Union of Co-operatives' },
  },
  {
    country: 'KR',
    languages: ['ko'],
    localScript: { script: 'Hangul', language: 'ko' },
    cities: [
      ['Wonju', 37.34, 127.92],
      ['Jeonju', 35.82, 127.15],
      ['Daegu', 35.87, 128.6],
      ['Gwangju', 35.16, 126.85],
    ],
    words: [
      ['Hanul', '한울'],
      ['Durae', '두레'],
      ['Saessak', '새싹'],
      ['Nanum', '나눔'],
      ['Dasom', '다솜'],
    ],
    templates: [
      {
        sector: 'consumer-retail',
        latin: '{word} Consumer Cooperative',
        local: '{word} 소비자생활협동조합',
        what: 'consumer cooperative',
      },
      {
        sector: 'health-social-care',
        latin: '{word} Medical Welfare Social Cooperative',
        local: '{word} 의료복지사회적협동조합',
        what: 'medical welfare social cooperative',
      },
    ],
    count: 4,
    federation: { name: 'Korean Union of Co-operatives' },
  },
];

/** Liberian mini-grid cooperatives in the pattern of Totota, which NRECA International helped start. */
const liberianMiniGrids: City[] = [
  ['Gbarnga', 7.0, -9.47],
  ['Ganta', 7.3, -8.53],
  ['Zwedru', 6.07, -8.13],
  ['Sanniquellie', 7.36, -8.71],
];

/** Stand-ins for IFFCO's subsidiary ties beyond the three the facts name (22 in all). */
const iffcoSubsidiaryParts = {
  first: ['Sahkar', 'Kisan', 'Krishi', 'Bharat', 'Gramin', 'Annadata', 'Dharti', 'Sahyog'],
  second: [
    'Fertiliser Logistics',
    'Agro Chemicals',
    'Seed Sciences',
    'Rural Finance',
    'Nano Nutrients',
    'Farm Machinery',
    'Agri Exports',
    'Soil Testing Services',
    'Cold Chain',
    'Digital Farming',
  ],
};
export const iffcoSubsidiaryTies = 22;
const iffcoNamedSubsidiaries = 3;

/** A small, fast, seeded generator (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const demoNote =
  'Demo organization, generated for the demo network: not a real organization; its name, place and figures are made up.';

export function generateSurroundings(seed = 1): DemoNetwork {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  // Within a few kilometres of the city centre, which stays well inside the country.
  const near = (value: number) => Math.round((value + (random() - 0.5) * 0.06) * 10_000) / 10_000;

  const organizations: DemoOrganization[] = [];
  const ties: DemoTie[] = [];
  const names = new Set<string>();
  const add = (input: CreateOrganizationInput) => {
    names.add(input.name);
    organizations.push({ name: input.name, input });
  };

  const federationNames = new Map<Place, string>();
  for (const place of places) {
    if ('anchor' in place.federation) {
      federationNames.set(place, place.federation.anchor);
      continue;
    }
    const name = place.federation.name;
    federationNames.set(place, name);
    if (names.has(name)) continue;
    const [city, lat, lon] = place.cities[0] as City;
    add({
      name,
      kind: 'federation',
      sector: 'other',
      country: place.country,
      locality: city,
      coordinates: { lat: near(lat), lon: near(lon) },
      languages: place.languages,
      foundingYear: between(1950, 1995),
      description: `National federation of cooperatives. ${demoNote}`,
    });
    if (random() < 0.6) {
      ties.push({
        tie: 'affiliation',
        kind: 'member-of',
        member: name,
        parent: anchors.ica,
        note: 'Demo tie.',
      });
    }
  }

  const generatedCooperatives: { name: string; place: Place; sector: Sector }[] = [];
  for (const place of places) {
    let made = 0;
    let attempts = 0;
    while (made < place.count) {
      attempts += 1;
      if (attempts > place.count * 50)
        throw new Error(`too few distinct names for ${place.country}`);
      const template = pick(place.templates);
      const [city, lat, lon, cityLocal] = pick(place.cities);
      const [word, wordLocal] = pick(place.words);
      const name = template.latin.replace('{word}', word).replace('{city}', city);
      if (names.has(name)) continue;
      const localName =
        template.local && place.localScript
          ? template.local.replace('{word}', wordLocal ?? word).replace('{city}', cityLocal ?? city)
          : undefined;
      const total = between(25, 4000);
      const women = template.women ? total : Math.floor(total * (0.2 + random() * 0.5));
      add({
        name,
        otherNames:
          localName && place.localScript
            ? [
                {
                  text: localName,
                  script: place.localScript.script,
                  language: place.localScript.language,
                },
              ]
            : [],
        kind: template.kind ?? 'cooperative',
        sector: template.sector,
        country: place.country,
        locality: city,
        coordinates: { lat: near(lat), lon: near(lon) },
        languages: place.languages,
        foundingYear: between(1955, 2021),
        members: template.women ? { total, women, men: 0 } : { total, women, men: total - women },
        employees: between(2, 120),
        description: `A ${template.what} in ${city}. ${demoNote}`,
      });
      made += 1;
      generatedCooperatives.push({ name, place, sector: template.sector });
      // Most belong to their federation (or SEWA's, or a Mondragon area); a few stand alone.
      const parent = place.parentFor?.(template) ?? federationNames.get(place);
      if (parent && random() < 0.85) {
        ties.push({
          tie: 'affiliation',
          kind: 'member-of',
          member: name,
          parent,
          note: 'Demo tie.',
        });
      }
    }
  }

  for (const [index, [city, lat, lon]] of liberianMiniGrids.entries()) {
    const name = `${city} Community Electric Cooperative`;
    add({
      name,
      kind: 'cooperative',
      sector: 'energy-utilities',
      country: 'LR',
      locality: city,
      coordinates: { lat: near(lat), lon: near(lon) },
      languages: ['en'],
      foundingYear: 2018 + (index % 4),
      members: { total: between(120, 600) },
      description: `A solar mini-grid electric cooperative in ${city}, in the pattern of Totota Electric Cooperative. ${demoNote}`,
    });
    ties.push({
      tie: 'partnership',
      kind: 'technical-assistance',
      from: anchors.nrecaInternational,
      to: name,
      note: 'Demo tie: NRECA International helped start the mini-grid cooperative.',
    });
    ties.push({
      tie: 'affiliation',
      kind: 'member-of',
      member: name,
      parent: 'Liberia Union of Co-operative Societies',
      note: 'Demo tie.',
    });
  }

  // IFFCO's subsidiary ties: three are real; the rest are generated stand-ins, said to be so.
  const iffcoCities: City[] = [
    ['New Delhi', 28.61, 77.21],
    ['Gurugram', 28.46, 77.03],
    ['Kalol', 23.25, 72.5],
    ['Kandla', 23.03, 70.22],
    ['Phulpur', 25.55, 82.09],
    ['Aonla', 28.28, 79.16],
    ['Bhubaneswar', 20.3, 85.82],
  ];
  for (let made = 0; made < iffcoSubsidiaryTies - iffcoNamedSubsidiaries; ) {
    const name = `${pick(iffcoSubsidiaryParts.first)} ${pick(iffcoSubsidiaryParts.second)} Private Limited`;
    if (names.has(name)) continue;
    const [city, lat, lon] = pick(iffcoCities);
    add({
      name,
      kind: 'company',
      sector: name.includes('Finance') ? 'finance' : 'agriculture',
      country: 'IN',
      locality: city,
      coordinates: { lat: near(lat), lon: near(lon) },
      languages: ['hi', 'en'],
      foundingYear: between(1995, 2022),
      employees: between(20, 900),
      description: `Stands in for one of IFFCO's subsidiaries. ${demoNote}`,
    });
    ties.push({
      tie: 'affiliation',
      kind: 'subsidiary-of',
      member: name,
      parent: anchors.iffco,
      note: 'Demo tie (a generated subsidiary).',
    });
    made += 1;
  }

  // Partnerships of various kinds. IFFCO supplies farmers' cooperatives in several countries.
  const agricultural = generatedCooperatives.filter((entry) => entry.sector === 'agriculture');
  const iffcoCountries = ['NP', 'BD', 'LK', 'KE', 'TZ', 'GH', 'PE', 'BF'];
  for (const country of iffcoCountries) {
    const partner = agricultural.find((entry) => entry.place.country === country);
    if (!partner) continue;
    ties.push({
      tie: 'partnership',
      kind: country === 'NP' || country === 'BD' ? 'supply' : 'training',
      from: anchors.iffco,
      to: partner.name,
      note:
        country === 'NP' || country === 'BD'
          ? 'Demo tie: fertiliser supply.'
          : 'Demo tie: farmer training and field trials.',
    });
  }
  const kinds = partnershipKinds;
  const partnered = new Set<string>();
  for (let made = 0, attempts = 0; made < 45 && attempts < 1000; attempts += 1) {
    const from = pick(generatedCooperatives);
    const to = pick(generatedCooperatives);
    const key = [from.name, to.name].sort().join('|');
    if (from.name === to.name || partnered.has(key)) continue;
    partnered.add(key);
    const kind =
      from.sector === 'finance'
        ? 'funding'
        : from.sector === 'agriculture'
          ? 'supply'
          : pick(kinds);
    ties.push({ tie: 'partnership', kind, from: from.name, to: to.name, note: 'Demo tie.' });
    made += 1;
  }
  // NCBA CLUSA's cooperative development work, in the demo.
  for (const country of ['PE', 'KE', 'UG', 'SN', 'PH']) {
    const partner = generatedCooperatives.find((entry) => entry.place.country === country);
    if (!partner) continue;
    ties.push({
      tie: 'partnership',
      kind: 'technical-assistance',
      from: anchors.ncbaClusa,
      to: partner.name,
      note: 'Demo tie: cooperative development programme.',
    });
  }
  return { organizations, ties };
}
