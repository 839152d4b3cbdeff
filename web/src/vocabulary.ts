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
