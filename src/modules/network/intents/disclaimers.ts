// The sentences that mark offers and needs as not real: every demo entry and every generated one
// carries one. They are words of the registry, not of the entry, so suggestions leave them out
// of the words two entries share (suggestion-score.ts).

export const demoIntentNote =
  'Demo example, generated for the demo network: not a real request or offer.';

export function generatedIntentNote(direction: 'offer' | 'need'): string {
  return `Generated for trials and benchmarks; not a real ${direction}.`;
}

export const intentDisclaimers: readonly string[] = [
  demoIntentNote,
  generatedIntentNote('offer'),
  generatedIntentNote('need'),
];
