import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCatalogueFormulas,
  evaluateFormula,
  type Formula,
  formatFormula,
  formulaInputs,
  formulaMaxLength,
  parseFormula,
} from './formula.ts';

function parsed(text: string): Formula {
  const result = parseFormula(text);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
  return result.formula;
}

const values: Record<string, number> = {
  surplus: 120,
  revenue: 1000,
  members: 40,
  women_members: 25,
};
const valueFor = (code: string) => values[code];

describe('formula indicators', () => {
  it('computes the formulas a catalogue needs', () => {
    expect(evaluateFormula(parsed('surplus / revenue'), valueFor)).toBe(0.12);
    expect(evaluateFormula(parsed('surplus / revenue * 100'), valueFor)).toBe(12);
    expect(evaluateFormula(parsed('women_members / members * 100'), valueFor)).toBe(62.5);
    expect(evaluateFormula(parsed('(revenue - surplus) / revenue'), valueFor)).toBe(0.88);
    expect(evaluateFormula(parsed('-surplus + 2 * revenue'), valueFor)).toBe(1880);
  });

  it('is not defined where an input is missing or a divisor is zero', () => {
    expect(evaluateFormula(parsed('surplus / equity'), valueFor)).toBeNull();
    expect(evaluateFormula(parsed('surplus / (members - 40)'), valueFor)).toBeNull();
    expect(evaluateFormula(parsed('surplus / revenue'), () => null)).toBeNull();
  });

  it('refuses anything but numbers, codes, four operators and parentheses, and says what', () => {
    const refusals: Array<[string, unknown]> = [
      ['process.exit()', { kind: 'not-allowed', what: '()' }],
      ['constructor.constructor("return 1")()', { kind: 'not-allowed', what: '()' }],
      ['surplus.valueFor', { kind: 'not-allowed', what: '.' }],
      ['revenue["x"]', { kind: 'not-allowed', what: '.' }],
      ['"text"', { kind: 'not-allowed', what: '"text"' }],
      ['true', { kind: 'not-allowed', what: 'true' }],
      ['surplus > revenue', { kind: 'not-allowed', what: '>' }],
      ['surplus % 2', { kind: 'not-allowed', what: '%' }],
      ['!surplus', { kind: 'not-allowed', what: '!' }],
      ['~surplus', { kind: 'not-allowed', what: '~' }],
      ['Surplus / revenue', { kind: 'not-allowed', what: 'Surplus' }],
      ['$x + 1', { kind: 'not-allowed', what: '$x' }],
      ['surplus, revenue', { kind: 'not-allowed', what: ',' }],
      ['this', { kind: 'not-allowed', what: 'ThisExpression' }],
      ['[1, 2]', { kind: 'not-allowed', what: 'ArrayExpression' }],
    ];
    for (const [text, problem] of refusals) {
      const result = parseFormula(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.problem, text).toEqual(problem);
    }
  });

  it('says where a formula stops making sense', () => {
    expect(parseFormula('')).toEqual({ ok: false, problem: { kind: 'syntax', at: 0 } });
    const unclosed = parseFormula('(surplus / revenue');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.problem.kind).toBe('syntax');
    const dangling = parseFormula('surplus /');
    expect(dangling.ok).toBe(false);
    if (!dangling.ok) expect(dangling.problem).toEqual({ kind: 'syntax', at: 9 });
  });

  it('refuses texts too long or nested too deep before it reads them', () => {
    expect(parseFormula('a+'.repeat(formulaMaxLength))).toEqual({
      ok: false,
      problem: { kind: 'too-long', limit: formulaMaxLength },
    });
    // Parentheses alone make no node; operators nested in each other do.
    expect(parseFormula(`${'('.repeat(200)}surplus${')'.repeat(200)}`).ok).toBe(true);
    const deep = `${'(1 + '.repeat(40)}surplus${')'.repeat(40)}`;
    expect(parseFormula(deep)).toEqual({ ok: false, problem: { kind: 'too-deep', limit: 32 } });
    expect(parseFormula(`${'-'.repeat(40)}surplus`)).toEqual({
      ok: false,
      problem: { kind: 'too-deep', limit: 32 },
    });
  });

  it('lists the codes it reads once each', () => {
    expect(formulaInputs(parsed('surplus / revenue + surplus * 2'))).toEqual([
      'surplus',
      'revenue',
    ]);
  });

  const code = fc.constantFrom('surplus', 'revenue', 'members', 'women_members');
  const formula: fc.Arbitrary<Formula> = fc.letrec<{ node: Formula }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ kind: fc.constant('indicator' as const), code }),
      fc.record({ kind: fc.constant('number' as const), value: fc.integer({ min: 0, max: 1000 }) }),
      fc.record({ kind: fc.constant('negate' as const), operand: tie('node') }),
      fc.record({
        kind: fc.constant('binary' as const),
        operator: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const),
        left: tie('node'),
        right: tie('node'),
      }),
    ),
  })).node;

  it('reads back what it writes, with the same value', () => {
    fc.assert(
      fc.property(formula, (tree) => {
        const text = formatFormula(tree);
        const result = parseFormula(text);
        if (text.length > formulaMaxLength || !result.ok) return;
        expect(evaluateFormula(result.formula, valueFor)).toBe(evaluateFormula(tree, valueFor));
        expect(formatFormula(result.formula)).toBe(text);
      }),
    );
  });

  it('finds unknown codes and cycles in a catalogue, and orders formulas after their inputs', () => {
    const clean = checkCatalogueFormulas([
      { code: 'margin_percent', formula: parsed('margin * 100') },
      { code: 'margin', formula: parsed('surplus / revenue') },
      { code: 'surplus' },
      { code: 'revenue' },
    ]);
    expect(clean.problems).toEqual([]);
    expect(clean.order).toEqual(['margin', 'margin_percent']);

    const broken = checkCatalogueFormulas([
      { code: 'a', formula: parsed('b + 1') },
      { code: 'b', formula: parsed('c * 2') },
      { code: 'c', formula: parsed('a / d') },
      { code: 'selfish', formula: parsed('selfish + 1') },
      { code: 'e', formula: parsed('nowhere + elsewhere') },
    ]);
    expect(broken.problems).toEqual([
      { kind: 'unknown-codes', indicator: 'c', codes: ['d'] },
      { kind: 'unknown-codes', indicator: 'e', codes: ['nowhere', 'elsewhere'] },
      { kind: 'cycle', path: ['a', 'b', 'c', 'a'] },
      { kind: 'cycle', path: ['selfish', 'selfish'] },
    ]);
  });
});
