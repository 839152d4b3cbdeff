// The language an answer is worded in: the first of the request's Accept-Language that this
// instance ships, else the signed-in account's preferred language, else the instance's default.

type LanguageRange = { tag: string; weight: number; order: number };

// RFC 9110 §12.4.2: a weight is 0 to 1 with at most three decimals; "q" is case-insensitive.
const weightPattern = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i;
// RFC 4647 §2.1 basic language ranges: "*", or letters and digits in parts of 1 to 8.
const rangePattern = /^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/i;
// A header of more ranges than this is not a browser's: the rest is not read.
const mostRanges = 50;

/** The ranges of an Accept-Language header, most wanted first; malformed entries are skipped. */
export function parseAcceptLanguage(header: string | undefined): LanguageRange[] {
  if (!header) return [];
  const ranges: LanguageRange[] = [];
  for (const [order, entry] of header.split(',').slice(0, mostRanges).entries()) {
    const [range = '', ...parameters] = entry.split(';').map((part) => part.trim());
    if (!rangePattern.test(range)) continue;
    let weight = 1;
    let valid = true;
    for (const parameter of parameters) {
      const match = weightPattern.exec(parameter.replace(/\s+/g, ''));
      if (match?.[1]) weight = Number(match[1]);
      else valid = false;
    }
    if (valid) ranges.push({ tag: range.toLowerCase(), weight, order });
  }
  // Equal weights keep the order the client gave.
  return ranges.sort((a, b) => b.weight - a.weight || a.order - b.order);
}

/**
 * The language to answer in, among `available` (ISO 639-1 codes). A range matches by its
 * primary subtag ("fr-CA" gives "fr"), as RFC 4647 lookup reaches it once the region is cut off.
 * A language range of weight 0 ("fr;q=0") refuses that language; "*" accepts any, so the
 * account's preference or the default decides.
 */
export function chooseLanguage(options: {
  acceptLanguage: string | undefined;
  preferred: string | null | undefined;
  fallback: string;
  available: readonly string[];
}): string {
  const ranges = parseAcceptLanguage(options.acceptLanguage);
  const refused = new Set(ranges.filter((range) => range.weight === 0).map((range) => range.tag));
  const acceptable = (language: string | null | undefined): language is string =>
    typeof language === 'string' && options.available.includes(language) && !refused.has(language);
  for (const range of ranges) {
    if (range.weight === 0 || range.tag === '*') continue;
    const language = range.tag.split('-')[0];
    if (acceptable(language)) return language;
  }
  if (acceptable(options.preferred)) return options.preferred;
  if (acceptable(options.fallback)) return options.fallback;
  return options.available.find(acceptable) ?? options.fallback;
}
