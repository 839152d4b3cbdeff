// Suggestions on the demo board: the disclaimer every demo entry carries and the words every entry
// uses are left out of the comparison, so unrelated entries share no word, and a need about solar
// panels still finds the solar offers first.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicUrl, startTestApi, type TestApi } from '../../../test/test-api.ts';
import { loadConfig } from '../../config.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { systemContext } from '../../main.ts';

let api: TestApi;

type Entry = { id: string; title: string; organizationName: string; sector: string };
type Suggestion = {
  intent: Entry;
  score: number;
  components: { text: number };
  reasonCodes: ({ code: string; words?: string[] } & Record<string, unknown>)[];
};

async function board(): Promise<Entry[]> {
  const response = await api.app.inject({ method: 'GET', url: '/api/network/intents?limit=100' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

async function suggestionsFor(id: string): Promise<Suggestion[]> {
  const response = await api.app.inject({
    method: 'GET',
    url: `/api/network/intents/${id}/suggestions?limit=50`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

const sharedWords = (suggestion: Suggestion) =>
  suggestion.reasonCodes.find((reason) => reason.code === 'shared-words')?.words ?? [];

beforeAll(async () => {
  api = await startTestApi();
  const config = loadConfig({ PUBLIC_URL: publicUrl, LOG_LEVEL: 'silent' });
  await loadDemo(
    systemContext(config, api.database, pino({ level: 'silent' }), api.services, publicUrl),
  );
});

afterAll(async () => {
  await api?.close();
});

describe('suggestions on the demo board', () => {
  it('finds no shared word between unrelated demo entries, though both carry the disclaimer', async () => {
    const entries = await board();
    const organic = entries.find((entry) =>
      entry.title.startsWith('Organic farming training for members'),
    );
    const management = entries.find(
      (entry) => entry.title === 'Know-how on cooperative management',
    );
    expect(organic && management).toBeTruthy();
    // Suggestions compare a need with offers: the organic need against the management offer.
    const suggestions = await suggestionsFor(organic?.id as string);
    const forManagement = suggestions.find((item) => item.intent.id === management?.id);
    // Another sector and no word in common: not suggested at all.
    expect(forManagement).toBeUndefined();
    for (const entry of entries) {
      for (const suggestion of await suggestionsFor(entry.id)) {
        const words = sharedWords(suggestion);
        for (const word of [
          'demo',
          'example',
          'generated',
          'network',
          'real',
          'request',
          'offer',
          'not',
          'the',
        ]) {
          expect(words, `${entry.title} / ${suggestion.intent.title}`).not.toContain(word);
        }
        if (words.length === 0) expect(suggestion.components.text).toBe(0);
      }
    }
  });

  it('finds the solar offers first for a need of solar panels', async () => {
    const entries = await board();
    const need = entries.find((entry) => entry.title === 'Solar panels and storage batteries');
    expect(need).toBeDefined();
    const suggestions = await suggestionsFor(need?.id as string);
    const solar = suggestions.filter((item) => /solar/i.test(item.intent.title));
    expect(solar.map((item) => item.intent.organizationName).sort()).toEqual([
      'Bandera Electric Cooperative',
      'Faso Energy',
    ]);
    expect(
      suggestions
        .slice(0, 2)
        .map((item) => item.intent.organizationName)
        .sort(),
    ).toEqual(['Bandera Electric Cooperative', 'Faso Energy']);
    const faso = solar.find((item) => item.intent.organizationName === 'Faso Energy');
    expect(sharedWords(faso as Suggestion)).toEqual(
      expect.arrayContaining(['batteries', 'panels', 'solar', 'storage']),
    );
    // Every offer about solar ranks above every offer that shares no word with the need.
    const lowestSolar = Math.min(...solar.map((item) => item.score));
    for (const other of suggestions.filter((item) => sharedWords(item).length === 0)) {
      expect(other.score, other.intent.title).toBeLessThan(lowestSolar);
    }
  });
});
