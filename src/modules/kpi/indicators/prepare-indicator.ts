// What creating and changing an indicator share: the formula read and written back in one
// spelling, its inputs checked against the whole catalogue (they exist, and no formula comes back
// to itself), and the weight of a weighted average checked to be another indicator.
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { kpiMessage } from '../messages.ts';
import { selectFormulaGraph } from '../queries.ts';
import type { AggregationKind, IndicatorDirection, IndicatorUnit } from '../schemas.ts';
import {
  checkCatalogueFormulas,
  type Formula,
  type FormulaProblem,
  formatFormula,
  formulaInputs,
  parseFormula,
} from './formula.ts';

export type PreparedFormula = { formula: string | null; inputs: string[] };

type IndicatorFields = {
  names: Record<string, string>;
  descriptions?: Record<string, string> | undefined;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  periodicity: 'month' | 'quarter' | 'year';
  aggregation?: AggregationKind | undefined;
  weightCode?: string | undefined;
  minValue?: number | null | undefined;
  maxValue?: number | null | undefined;
  dimension?: string | undefined;
  sources?: string[] | undefined;
};

/** The columns an indicator's fields are stored in, the same on creating and on changing it. */
export function indicatorColumns(valid: IndicatorFields, prepared: PreparedFormula) {
  return {
    names: JSON.stringify(valid.names),
    descriptions: JSON.stringify(valid.descriptions ?? {}),
    unit: valid.unit,
    direction: valid.direction,
    periodicity: valid.periodicity,
    aggregation: valid.aggregation ?? null,
    weight_code: valid.weightCode ?? null,
    min_value: valid.minValue ?? null,
    max_value: valid.maxValue ?? null,
    formula: prepared.formula,
    inputs: prepared.inputs,
    dimension: valid.dimension ?? null,
    sources: valid.sources ?? [],
  };
}

function formulaError(problem: FormulaProblem): FieldError {
  switch (problem.kind) {
    case 'syntax':
      return {
        pointer: '/formula',
        detail: `The formula stops making sense at character ${problem.at + 1}.`,
        code: 'formula-syntax',
        params: { at: problem.at + 1 },
      };
    case 'not-allowed':
      return {
        pointer: '/formula',
        detail: `A formula may hold indicator codes, numbers, + - * / and parentheses; not ${problem.what}.`,
        code: 'formula-not-allowed',
        params: { what: problem.what },
      };
    case 'too-long':
      return {
        pointer: '/formula',
        detail: `Must be at most ${problem.limit} characters.`,
        code: 'too-long',
        params: { maximum: problem.limit },
      };
    case 'too-deep':
      return {
        pointer: '/formula',
        detail: `The formula nests more than ${problem.limit} operations; write it more simply.`,
        code: 'formula-too-deep',
        params: { limit: problem.limit },
      };
  }
}

/**
 * Checks a new or changed indicator against the catalogue, which the caller has locked
 * (`lockCatalogue`), so that two formulas saved at once cannot close a cycle between them.
 */
export async function prepareIndicator(
  db: Db,
  code: string,
  input: { formula?: string | undefined; weightCode?: string | undefined },
): Promise<PreparedFormula> {
  const errors: FieldError[] = [];
  let formula: Formula | undefined;
  if (input.formula !== undefined) {
    const parsed = parseFormula(input.formula);
    if (parsed.ok) formula = parsed.formula;
    else errors.push(formulaError(parsed.problem));
  }
  const catalogue = await selectFormulaGraph(db);
  const codes = new Set(catalogue.map((entry) => entry.code));
  if (input.weightCode !== undefined) {
    if (input.weightCode === code) {
      errors.push({
        pointer: '/weightCode',
        detail: 'An indicator cannot weigh itself: name another one, such as members.',
        code: 'weight-itself',
      });
    } else if (!codes.has(input.weightCode)) {
      errors.push({
        pointer: '/weightCode',
        detail: `There is no indicator ${input.weightCode} in the catalogue.`,
        code: 'indicator-unknown',
        params: { codes: input.weightCode },
      });
    }
  }
  if (formula) {
    const others = catalogue
      .filter((entry) => entry.code !== code)
      .map((entry) => {
        const parsed = entry.formula ? parseFormula(entry.formula) : undefined;
        return { code: entry.code, formula: parsed?.ok ? parsed.formula : null };
      });
    const { problems } = checkCatalogueFormulas([...others, { code, formula }]);
    for (const problem of problems) {
      if (problem.kind === 'unknown-codes' && problem.indicator === code) {
        errors.push({
          pointer: '/formula',
          detail: `There is no indicator ${problem.codes.join(', ')} in the catalogue.`,
          code: 'indicator-unknown',
          params: { codes: problem.codes.join(', ') },
        });
      } else if (problem.kind === 'cycle' && problem.path.includes(code)) {
        // Told from the indicator being saved: a → b → a, not b → a → b.
        const ring = problem.path.slice(0, -1);
        const start = ring.indexOf(code);
        const path = [...ring.slice(start), ...ring.slice(0, start), code];
        errors.push({
          pointer: '/formula',
          detail: `The formula comes back to itself: ${path.join(' → ')}.`,
          code: 'formula-cycle',
          params: { path: path.join(' → ') },
        });
      }
    }
  }
  if (errors.length > 0) {
    throw new AppError('validation-failed', kpiMessage('indicator.invalid'), { errors });
  }
  return formula
    ? { formula: formatFormula(formula), inputs: formulaInputs(formula) }
    : { formula: null, inputs: [] };
}
