// Formula indicators: `surplus / revenue * 100` computed from other indicators of the catalogue.
// jsep reads the text into a tree and nothing is ever evaluated as code: the tree is checked
// against a grammar of four operators, parentheses, numbers and indicator codes, and anything
// else (calls, members, strings, comparisons) is refused with where it is.
import jsep from 'jsep';
import { formulaMaxLength, indicatorCodePattern } from '../schemas.ts';

export type Formula =
  | { kind: 'number'; value: number }
  | { kind: 'indicator'; code: string }
  | { kind: 'negate'; operand: Formula }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/'; left: Formula; right: Formula };

/** Why a formula's text was refused; `at` is the 0-based position of the fault when known. */
export type FormulaProblem =
  | { kind: 'syntax'; at: number }
  | { kind: 'not-allowed'; what: string }
  | { kind: 'too-long'; limit: number }
  | { kind: 'too-deep'; limit: number };

/** The deepest nesting taken: more is a mistake, not a formula. */
export const formulaMaxDepth = 32;
export { formulaMaxLength, indicatorCodePattern };

type Parsed = { ok: true; formula: Formula } | { ok: false; problem: FormulaProblem };

function convert(node: jsep.Expression, depth: number): Formula {
  if (depth > formulaMaxDepth)
    throw new FormulaRefused({ kind: 'too-deep', limit: formulaMaxDepth });
  switch (node.type) {
    case 'Literal': {
      const literal = node as jsep.Literal;
      if (typeof literal.value === 'number' && Number.isFinite(literal.value)) {
        return { kind: 'number', value: literal.value };
      }
      throw new FormulaRefused({ kind: 'not-allowed', what: String(literal.raw) });
    }
    case 'Identifier': {
      const name = (node as jsep.Identifier).name;
      if (!indicatorCodePattern.test(name)) {
        throw new FormulaRefused({ kind: 'not-allowed', what: name });
      }
      return { kind: 'indicator', code: name };
    }
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression;
      if (unary.operator === '-') {
        return { kind: 'negate', operand: convert(unary.argument, depth + 1) };
      }
      if (unary.operator === '+') return convert(unary.argument, depth + 1);
      throw new FormulaRefused({ kind: 'not-allowed', what: unary.operator });
    }
    case 'BinaryExpression': {
      const binary = node as jsep.BinaryExpression;
      const operator = binary.operator;
      if (operator !== '+' && operator !== '-' && operator !== '*' && operator !== '/') {
        throw new FormulaRefused({ kind: 'not-allowed', what: operator });
      }
      return {
        kind: 'binary',
        operator,
        left: convert(binary.left, depth + 1),
        right: convert(binary.right, depth + 1),
      };
    }
    case 'CallExpression':
      throw new FormulaRefused({ kind: 'not-allowed', what: '()' });
    case 'MemberExpression':
      throw new FormulaRefused({ kind: 'not-allowed', what: '.' });
    case 'Compound':
    case 'SequenceExpression':
      throw new FormulaRefused({ kind: 'not-allowed', what: ',' });
    default:
      throw new FormulaRefused({ kind: 'not-allowed', what: node.type });
  }
}

class FormulaRefused extends Error {
  constructor(readonly problem: FormulaProblem) {
    super(problem.kind);
  }
}

/** Reads a formula's text, or says what is wrong with it. */
export function parseFormula(text: string): Parsed {
  if (text.length > formulaMaxLength) {
    return { ok: false, problem: { kind: 'too-long', limit: formulaMaxLength } };
  }
  let tree: jsep.Expression;
  try {
    tree = jsep(text);
  } catch (error) {
    const at =
      typeof (error as { index?: unknown }).index === 'number'
        ? (error as { index: number }).index
        : 0;
    return { ok: false, problem: { kind: 'syntax', at } };
  }
  // jsep reads an empty text as an empty compound.
  if (tree.type === 'Compound' && (tree as jsep.Compound).body.length === 0) {
    return { ok: false, problem: { kind: 'syntax', at: 0 } };
  }
  try {
    return { ok: true, formula: convert(tree, 0) };
  } catch (error) {
    if (error instanceof FormulaRefused) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** The codes a formula reads, each once, in the order they first appear. */
export function formulaInputs(formula: Formula): string[] {
  const codes = new Set<string>();
  const walk = (node: Formula): void => {
    if (node.kind === 'indicator') codes.add(node.code);
    else if (node.kind === 'negate') walk(node.operand);
    else if (node.kind === 'binary') {
      walk(node.left);
      walk(node.right);
    }
  };
  walk(formula);
  return [...codes];
}

/**
 * The formula's value from its inputs' values. A missing input, a division by zero or a result
 * that is not a finite number gives null: "not defined for this period", never 0 or Infinity.
 */
export function evaluateFormula(
  formula: Formula,
  valueFor: (code: string) => number | null | undefined,
): number | null {
  switch (formula.kind) {
    case 'number':
      return formula.value;
    case 'indicator': {
      const value = valueFor(formula.code);
      return value === undefined || value === null || !Number.isFinite(value) ? null : value;
    }
    case 'negate': {
      const value = evaluateFormula(formula.operand, valueFor);
      return value === null ? null : -value;
    }
    case 'binary': {
      const left = evaluateFormula(formula.left, valueFor);
      if (left === null) return null;
      const right = evaluateFormula(formula.right, valueFor);
      if (right === null) return null;
      let result: number;
      switch (formula.operator) {
        case '+':
          result = left + right;
          break;
        case '-':
          result = left - right;
          break;
        case '*':
          result = left * right;
          break;
        case '/':
          if (right === 0) return null;
          result = left / right;
          break;
      }
      return Number.isFinite(result) ? result : null;
    }
  }
}

export type CatalogueProblem =
  | { kind: 'unknown-codes'; indicator: string; codes: string[] }
  | { kind: 'cycle'; path: string[] };

/**
 * Checks the formulas of a whole catalogue: every code a formula reads exists, and no formula
 * depends on itself through others (a depth-first search that meets a code still on its path has
 * found a cycle; the path from there back to it is the cycle). Returns an order in which every
 * formula comes after the formulas it reads, for computing them after aggregation.
 */
export function checkCatalogueFormulas(
  indicators: ReadonlyArray<{ code: string; formula?: Formula | null }>,
): { problems: CatalogueProblem[]; order: string[] } {
  const byCode = new Map(indicators.map((indicator) => [indicator.code, indicator]));
  const problems: CatalogueProblem[] = [];
  for (const indicator of indicators) {
    if (!indicator.formula) continue;
    const unknown = formulaInputs(indicator.formula).filter((code) => !byCode.has(code));
    if (unknown.length > 0) {
      problems.push({ kind: 'unknown-codes', indicator: indicator.code, codes: unknown });
    }
  }
  const state = new Map<string, 'on-path' | 'done'>();
  const order: string[] = [];
  const path: string[] = [];
  const visit = (code: string): void => {
    const seen = state.get(code);
    if (seen === 'done') return;
    if (seen === 'on-path') {
      problems.push({ kind: 'cycle', path: [...path.slice(path.indexOf(code)), code] });
      return;
    }
    const indicator = byCode.get(code);
    if (!indicator) return;
    state.set(code, 'on-path');
    path.push(code);
    if (indicator.formula) for (const input of formulaInputs(indicator.formula)) visit(input);
    path.pop();
    state.set(code, 'done');
    if (indicator.formula) order.push(code);
  };
  for (const indicator of indicators) visit(indicator.code);
  return { problems, order };
}

const precedence = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;

/** The formula written back with the fewest parentheses that keep its meaning. */
export function formatFormula(formula: Formula): string {
  const write = (node: Formula, parent: number, rightSide: boolean): string => {
    switch (node.kind) {
      case 'number':
        return String(node.value);
      case 'indicator':
        return node.code;
      case 'negate': {
        const operand = write(node.operand, 3, false);
        return `-${operand}`;
      }
      case 'binary': {
        const own = precedence[node.operator];
        const text = `${write(node.left, own, false)} ${node.operator} ${write(node.right, own, true)}`;
        // A right operand of equal rank needs parentheses: a - (b - c), a / (b * c).
        return own < parent || (rightSide && own === parent) ? `(${text})` : text;
      }
    }
  };
  return write(formula, 0, false);
}
