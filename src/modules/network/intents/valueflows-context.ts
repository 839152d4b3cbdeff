// The JSON-LD context of our ValueFlows answers, shipped in the repository: a processor never
// needs to fetch ValueFlows' vocabulary, and the context lists exactly the terms we use, each
// mapped into the ValueFlows namespace (https://w3id.org/valueflows/ont/vf#), so that another
// ValueFlows system reads our offers and needs as its own intents when federation comes.
import { readFileSync } from 'node:fs';

export const valueFlowsNamespace = 'https://w3id.org/valueflows/ont/vf#';

export const valueFlowsContextText = readFileSync(
  new URL('./valueflows-context.jsonld', import.meta.url),
  'utf8',
);

export const valueFlowsContext = JSON.parse(valueFlowsContextText) as {
  '@context': Record<string, unknown>;
};

export const valueFlowsContextPath = '/api/network/valueflows-context.jsonld';

export function valueFlowsContextUrl(publicUrl: string): string {
  return `${publicUrl}${valueFlowsContextPath}`;
}
