// Content negotiation for an organization: JSON (ours) unless the client prefers JSON-LD.
// A small reading of RFC 9110's Accept: media ranges with q-values; no parameters matter here.

const jsonLd = 'application/ld+json';

type Range = { type: string; q: number };

function ranges(accept: string): Range[] {
  return accept.split(',').flatMap((part) => {
    const [type, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!type) return [];
    const qParameter = parameters.find((parameter) => parameter.startsWith('q='));
    const q = qParameter ? Number(qParameter.slice(2)) : 1;
    return [{ type, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 }];
  });
}

function qualityFor(list: Range[], mediaType: string, { wildcards }: { wildcards: boolean }) {
  const [major] = mediaType.split('/');
  const exact = list.find((range) => range.type === mediaType);
  if (exact) return exact.q;
  if (!wildcards) return 0;
  const partial = list.find((range) => range.type === `${major}/*`);
  if (partial) return partial.q;
  return list.find((range) => range.type === '*/*')?.q ?? 0;
}

/**
 * Whether the client asks for JSON-LD by name and likes it at least as much as plain JSON.
 * Wildcards alone (what browsers send) keep the JSON answer, as do a missing header and junk.
 */
export function prefersJsonLd(accept: string | undefined): boolean {
  if (!accept) return false;
  const list = ranges(accept);
  const ld = qualityFor(list, jsonLd, { wildcards: false });
  if (ld <= 0) return false;
  return ld >= qualityFor(list, 'application/json', { wildcards: true });
}
