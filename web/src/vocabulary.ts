import type { OrganizationKind, OrganizationSector } from './api/organizations.ts';

// The web app may not import values from src/, so the lists are repeated here; the checks below
// make TypeScript fail when the server's lists gain a member these lack.
export const organizationKinds = [
  'cooperative',
  'federation',
  'group',
  'division',
  'company',
  'ngo',
  'public-body',
  'other',
] as const satisfies readonly OrganizationKind[];

export const organizationSectors = [
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
] as const satisfies readonly OrganizationSector[];

type Missing<Union, Listed> = Exclude<Union, Listed> extends never ? true : false;
export const kindsAreComplete: Missing<OrganizationKind, (typeof organizationKinds)[number]> = true;
export const sectorsAreComplete: Missing<OrganizationSector, (typeof organizationSectors)[number]> =
  true;

export function isOrganizationKind(value: string): value is OrganizationKind {
  return (organizationKinds as readonly string[]).includes(value);
}

export function kindMessageId(kind: OrganizationKind) {
  return `kind.${kind}` as const;
}

export function sectorMessageId(sector: OrganizationSector) {
  return `sector.${sector}` as const;
}

/**
 * ISO 3166-1 alpha-2 codes (plus XK, Kosovo, which the server accepts). Names come from the
 * browser's Intl.DisplayNames in the reader's language, so no country-name data is shipped.
 */
export const countryCodes = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
  'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ' +
  'DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS ' +
  'GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
  'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
  'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
  'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
  'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
  'VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

export function isCountryCode(value: string): boolean {
  return countryCodes.includes(value);
}

export function isSector(value: string): value is OrganizationSector {
  return (organizationSectors as readonly string[]).includes(value);
}

/**
 * ISO 639-1 language codes, for the language filter and the profile's languages. Names come
 * from Intl.DisplayNames in the reader's language.
 */
export const languageCodes = (
  'aa ab af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da ' +
  'de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu ' +
  'hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la ' +
  'lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc ' +
  'oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st ' +
  'su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za ' +
  'zh zu'
).split(' ');

export function isLanguageCode(value: string): boolean {
  return languageCodes.includes(value);
}

/** The seven cooperative principles, numbered as the International Cooperative Alliance does. */
export const principleNumbers = [1, 2, 3, 4, 5, 6, 7] as const;
export type PrincipleNumber = (typeof principleNumbers)[number];

export function principleMessageId(principle: number) {
  return `principle.${principle as PrincipleNumber}` as const;
}

export const affiliationKinds = ['member-of', 'division-of', 'subsidiary-of'] as const;
export const partnershipKinds = [
  'supply',
  'technical-assistance',
  'funding',
  'joint-venture',
  'training',
  'other',
] as const;

export function affiliationMessageId(kind: (typeof affiliationKinds)[number]) {
  return `affiliation.${kind}` as const;
}

export function partnershipMessageId(kind: (typeof partnershipKinds)[number]) {
  return `partnership.${kind}` as const;
}

export const roleNames = [
  'network-admin',
  'network-staff',
  'organization-admin',
  'organization-member',
  'partner-viewer',
] as const;

export function roleMessageId(role: (typeof roleNames)[number]) {
  return `role.${role}` as const;
}
