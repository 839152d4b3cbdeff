// The JSON-LD context of our schema.org answers, shipped in the repository rather than pointing
// at schema.org's: a processor then never needs schema.org online, the answer cannot change
// under us, and it lists exactly the terms we use. It maps them as schema.org's own context
// does (http://schema.org/), so expanded data matches what other schema.org publishers emit.
import { readFileSync } from 'node:fs';

export const schemaOrgContextText = readFileSync(
  new URL('./schema-org-context.jsonld', import.meta.url),
  'utf8',
);

export const schemaOrgContext = JSON.parse(schemaOrgContextText) as {
  '@context': Record<string, unknown>;
};
