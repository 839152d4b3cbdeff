// How suggestions are scored and explained. The score is stated here once; the API's summary
// and the SQL (which ranks with these numbers) both take it from this file.
import { eng, fra, hin, spa } from 'stopword';
import { shippedLanguages } from '../../../platform/messages/platform-messages.ts';
import type { affiliationKinds, IcaSector, partnershipKinds } from '../schemas.ts';
import { intentDisclaimers } from './disclaimers.ts';
import type { SuggestionRow, SuggestionSettings } from './intent-queries.ts';
import type { SuggestionReason } from './intent-schemas.ts';

type AffiliationKind = (typeof affiliationKinds)[number];
type PartnershipKind = (typeof partnershipKinds)[number];

/**
 * score = 0.35·sector + 0.25·place + 0.25·text + 0.15·ties, each component from 0 to 1:
 * - sector: 1 when both are in the same ICA sector;
 * - place: 0.5 when the provider is based in a country where the need is (the need's countries,
 *   else its organization's), plus 0.5·(1 − km/500) for organizations less than 500 km apart;
 * - text: the need's and offer's shared words (3+ letters; stop words of every shipped language,
 *   the board's own words and the demo's disclaimers left out), each weighed by its rarity on the
 *   board (`wordRarity`), full at a weight of 3: three words found nowhere else;
 * - ties: 1 when the two organizations are tied directly (an affiliation or partnership in
 *   force), 0.6 when both belong to the same parent.
 */
export const suggestionWeights = { sector: 0.35, place: 0.25, text: 0.25, ties: 0.15 } as const;
export const nearKm = 500;
export const wordsForFullText = 3;
export const sharedParentTies = 0.6;

export const scoreStatement =
  'score = 0.35·sector (same ICA sector) + 0.25·place (0.5 if the provider is in a country where the need is + 0.5·(1 − km/500) within 500 km) + 0.25·text (shared words other than stop words, each weighed by its rarity ln(N/n)/ln(N/2) among the N entries of the board, n of which use it; full at 3) + 0.15·ties (1 tied directly by an affiliation or partnership in force, 0.6 same parent)';

/**
 * How much a shared word says, from 0 to 1: ln(N/n) / ln(N/2) for a word that n of the board's N
 * entries use. A word only the two compared entries use (n = 2) weighs 1; one every entry uses
 * weighs 0; a board of two entries or fewer cannot tell, so its words weigh 1. The SQL of
 * `selectSuggestions` computes the same, and a unit test holds the two together.
 */
export function wordRarity(boardSize: number, entriesWithWord: number): number {
  if (boardSize <= 2) return 1;
  const rarity = Math.log(boardSize / Math.max(entriesWithWord, 2)) / Math.log(boardSize / 2);
  return Math.min(1, Math.max(0, rarity));
}

// The shipped languages' stop words, from the stopword package's lists (by ISO 639-3 code): a
// language shipped without a list here is a mistake the catalogue test finds.
export const stopWordLists: Record<string, readonly string[]> = {
  en: eng,
  fr: fra,
  es: spa,
  hi: hin,
};

export function stopWordsOf(languages: readonly string[]): string[] {
  return languages.flatMap((language) => {
    const list = stopWordLists[language];
    if (!list) throw new Error(`no stop-word list for the shipped language ${language}`);
    return list;
  });
}

// The words every offer or need uses, whatever it is about, in the shipped languages.
export const boardWords = [
  'need needs needed offer offers offered offering looking seeking seek provide provides providing',
  'want wants help cooperative cooperatives coop coops co-operative co-operatives members member',
  'organization organisation',
  'besoin besoins offre offres cherche recherche fournir aide cooperative cooperatives membre membres organisation',
  'necesidad necesidades oferta ofertas busca buscamos ofrecer ofrece ayuda cooperativa cooperativas miembro miembros socias socios organizacion',
  'ज़रूरत जरूरत आवश्यकता प्रस्ताव मदद सहकारी सहकारिता समिति सदस्य सदस्यों संगठन',
];

/** The text whose words never count as shared: stop words, the board's words, disclaimers. */
export const wordsLeftOut: string = [
  ...stopWordsOf(shippedLanguages),
  ...boardWords,
  ...intentDisclaimers,
].join(' ');

export function suggestionSettings(today: string, limit: number): SuggestionSettings {
  return {
    weights: suggestionWeights,
    nearKm,
    wordsForFullText,
    sharedParentTies,
    wordsLeftOut,
    today,
    limit,
  };
}

const sectorNames: Record<IcaSector, string> = {
  agriculture: 'agriculture',
  'consumer-retail': 'consumer and retail',
  finance: 'finance',
  'industry-services': 'industry and services',
  insurance: 'insurance',
  'health-social-care': 'health and social care',
  housing: 'housing',
  'energy-utilities': 'energy and utilities',
  education: 'education',
  other: 'other',
};

const affiliationVerbs: Record<string, string> = {
  'member-of': 'is a member of',
  'division-of': 'is a division of',
  'subsidiary-of': 'is a subsidiary of',
};

const partnershipWords: Record<string, string> = {
  supply: 'supply',
  'technical-assistance': 'technical assistance',
  funding: 'funding',
  'joint-venture': 'a joint venture',
  training: 'training',
  other: 'a partnership',
};

const countryNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

export function countryName(code: string): string {
  return countryNames.of(code) ?? code;
}

/** A distance as people say it: "About 40 km", "Less than 5 km". */
export function roughDistance(km: number): string {
  if (km < 5) return 'Less than 5 km apart.';
  const rounded = km < 100 ? Math.round(km / 5) * 5 : Math.round(km / 10) * 10;
  return `About ${rounded.toLocaleString('en')} km apart.`;
}

/** Why a suggestion was made, as codes with their facts, in the order of the score's components. */
export function reasonCodesFor(row: SuggestionRow): SuggestionReason[] {
  const reasons: SuggestionReason[] = [];
  if (row.sector_score > 0) reasons.push({ code: 'same-sector', sector: row.sector });
  if (row.same_country) {
    reasons.push(
      row.provider_country === row.receiver_country
        ? { code: 'same-country', country: row.provider_country }
        : { code: 'provider-in-need-country', country: row.provider_country },
    );
  }
  if (row.distance_km !== null && row.distance_km < nearKm) {
    reasons.push({ code: 'near', km: Math.round(row.distance_km * 10) / 10 });
  }
  if (row.shared_words.length > 0) reasons.push({ code: 'shared-words', words: row.shared_words });
  if (row.affiliation_kind && row.affiliation_member && row.affiliation_parent) {
    reasons.push({
      code: 'affiliation',
      kind: row.affiliation_kind as AffiliationKind,
      memberName: row.affiliation_member,
      parentName: row.affiliation_parent,
    });
  }
  if (row.partnership_kind) {
    reasons.push({ code: 'partnership', kind: row.partnership_kind as PartnershipKind });
  }
  if (!row.affiliation_kind && !row.partnership_kind && row.shared_parent) {
    reasons.push({ code: 'shared-parent', parentName: row.shared_parent });
  }
  return reasons;
}

/** A reason in an English sentence. */
export function reasonSentence(reason: SuggestionReason): string {
  switch (reason.code) {
    case 'same-sector':
      return `Same sector: ${sectorNames[reason.sector]}.`;
    case 'same-country':
      return `Both in ${countryName(reason.country)}.`;
    case 'provider-in-need-country':
      return `Based in ${countryName(reason.country)}, where the need is.`;
    case 'near':
      return roughDistance(reason.km);
    case 'shared-words': {
      const shown = reason.words.slice(0, 6).map((word) => `'${word}'`);
      const more = reason.words.length > 6 ? ` and ${reason.words.length - 6} more` : '';
      return reason.words.length === 1
        ? `Shares the word ${shown[0]}.`
        : `Shares the words ${shown.join(', ')}${more}.`;
    }
    case 'affiliation':
      return `${reason.memberName} ${affiliationVerbs[reason.kind] ?? 'belongs to'} ${reason.parentName}.`;
    case 'partnership':
      return `Already partners in ${partnershipWords[reason.kind] ?? 'a partnership'}.`;
    case 'shared-parent':
      return `Both are members of ${reason.parentName}.`;
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export function roundedComponents(row: SuggestionRow) {
  return {
    sector: round(row.sector_score),
    place: round(row.place_score),
    text: round(row.text_score),
    ties: round(row.ties_score),
  };
}

export { round as roundScore };
