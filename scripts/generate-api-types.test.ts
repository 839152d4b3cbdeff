import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { generateApiTypes, generatedTypesPath } from './generate-api-types.ts';

// The web app is typed by the committed file: it must be what the server's document gives, so a
// route or schema changed without generating the types again fails here (and `npm run build`
// writes them again).
it("the web app's API types are those of the server's OpenAPI document", async () => {
  const committed = await readFile(generatedTypesPath, 'utf8');
  const generated = await generateApiTypes();
  expect(generated.split('\n').length).toBeGreaterThan(1000);
  expect(committed === generated, 'run node --import tsx scripts/generate-api-types.ts').toBe(true);
}, 60_000);
