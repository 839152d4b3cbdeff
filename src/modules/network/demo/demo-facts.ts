// The public facts the demo network rests on (data/organizations.json, with their sources): the
// real organizations the network's demo loads, and the real projects the projects module's demo
// reads its projects from.
import factsFile from './data/organizations.json' with { type: 'json' };

export const demoFacts = factsFile;
