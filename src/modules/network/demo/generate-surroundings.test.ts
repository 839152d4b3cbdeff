import { describe, expect, it } from 'vitest';
import {
  anchors,
  generateSurroundings,
  iffcoSubsidiaryTies,
  seededRandom,
} from './generate-surroundings.ts';

describe('generateSurroundings', () => {
  const network = generateSurroundings(7);

  it('gives the same network for the same seed, and another for another seed', () => {
    expect(generateSurroundings(7)).toEqual(network);
    expect(generateSurroundings(8).organizations.map((entry) => entry.name)).not.toEqual(
      network.organizations.map((entry) => entry.name),
    );
    const first = seededRandom(1);
    const second = seededRandom(1);
    expect([first(), first(), first()]).toEqual([second(), second(), second()]);
  });

  it('makes at least 150 organizations in at least 20 countries and 8 sectors', () => {
    const inputs = network.organizations.map((entry) => entry.input);
    expect(inputs.length).toBeGreaterThanOrEqual(150);
    expect(new Set(inputs.map((input) => input.country)).size).toBeGreaterThanOrEqual(20);
    expect(new Set(inputs.map((input) => input.sector)).size).toBeGreaterThanOrEqual(8);
  });

  it('names each organization once, like a real cooperative, never "Cooperative 17"', () => {
    const names = network.organizations.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).not.toMatch(/\d/);
    expect(names.some((name) => name.endsWith('Sahakari Mandali'))).toBe(true);
    expect(names.some((name) => name.endsWith(', S. Coop.'))).toBe(true);
  });

  it('makes inputs each saying it is a demo organization, with a place', () => {
    for (const { input } of network.organizations) {
      // The network module validates them in full when the demo loads (demo.api.test.ts).
      expect(input.name.length).toBeLessThanOrEqual(200);
      expect(input.description).toMatch(/Demo organization/);
      expect(input.coordinates).toBeDefined();
      expect(input.locality).toBeDefined();
    }
  });

  it('gives local-script names where natural: Gujarati and Hindi cooperatives with सहकारी', () => {
    const otherNames = network.organizations.flatMap((entry) => entry.input.otherNames ?? []);
    expect(otherNames.some((name) => name.language === 'gu')).toBe(true);
    expect(otherNames.some((name) => name.language === 'hi' && name.text.includes('सहकारी'))).toBe(
      true,
    );
  });

  it('ties a good share to federations, SEWA, Mondragon, and gives IFFCO 22 subsidiary ties', () => {
    const affiliations = network.ties.filter((tie) => tie.tie === 'affiliation');
    expect(affiliations.length).toBeGreaterThan(network.organizations.length / 2);
    const parents = new Set(affiliations.map((tie) => tie.parent));
    expect(parents.has(anchors.sewaFederation)).toBe(true);
    expect(parents.has(anchors.mondragonIndustry)).toBe(true);
    const generatedSubsidiaries = affiliations.filter(
      (tie) => tie.parent === anchors.iffco && tie.kind === 'subsidiary-of',
    );
    // Three of the 22 are real and come from the facts.
    expect(generatedSubsidiaries).toHaveLength(iffcoSubsidiaryTies - 3);
    const partnershipKinds = new Set(
      network.ties.flatMap((tie) => (tie.tie === 'partnership' ? [tie.kind] : [])),
    );
    expect(partnershipKinds.size).toBeGreaterThanOrEqual(4);
    const known = new Set([
      ...network.organizations.map((entry) => entry.name),
      ...Object.values(anchors),
    ]);
    for (const tie of network.ties) {
      const [one, two] = tie.tie === 'affiliation' ? [tie.member, tie.parent] : [tie.from, tie.to];
      expect(known.has(one)).toBe(true);
      expect(known.has(two)).toBe(true);
    }
  });
});
