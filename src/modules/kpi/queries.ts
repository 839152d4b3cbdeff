// The only file that touches the KPI module's tables (`kpi_...`). Organizations are the
// network's: only their ids are stored here.
import { type ColumnType, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { AggregationKind, Indicator, IndicatorDirection, IndicatorUnit } from './schemas.ts';

type Json<T> = ColumnType<T, string, string>;

export type KpiTables = {
  kpi_indicator: {
    id: string;
    code: string;
    names: Json<Record<string, string>>;
    descriptions: Json<Record<string, string>>;
    unit: IndicatorUnit;
    direction: IndicatorDirection;
    periodicity: 'month' | 'quarter' | 'year';
    aggregation: AggregationKind | null;
    weight_code: string | null;
    min_value: number | null;
    max_value: number | null;
    formula: string | null;
    inputs: string[];
    pack: string | null;
    dimension: string | null;
    sources: string[];
    archived_at: Date | null;
    version: ColumnType<number, number | undefined, number>;
    created_at: Date;
    updated_at: Date;
  };
};

export const kpi = (db: Db) => db.withTables<KpiTables>();

/** The most indicators a catalogue holds: it is sent whole, and people choose from it. */
export const catalogueLimit = 1000;

export async function countIndicators(db: Db): Promise<number> {
  const row = await kpi(db)
    .selectFrom('kpi_indicator')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export type IndicatorRow = KpiTables['kpi_indicator'] extends infer Row
  ? {
      [Key in keyof Row]: Row[Key] extends ColumnType<infer Select, unknown, unknown>
        ? Select
        : Row[Key];
    }
  : never;

export function indicatorView(row: IndicatorRow): Indicator {
  return {
    id: row.id,
    code: row.code,
    names: row.names,
    descriptions: row.descriptions,
    unit: row.unit,
    direction: row.direction,
    periodicity: row.periodicity,
    aggregation: row.aggregation,
    weightCode: row.weight_code,
    minValue: row.min_value,
    maxValue: row.max_value,
    formula: row.formula,
    inputs: row.inputs,
    pack: row.pack,
    dimension: row.dimension,
    sources: row.sources,
    archived: row.archived_at !== null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function selectIndicators(
  db: Db,
  filter: { pack?: string; archived?: boolean } = {},
): Promise<IndicatorRow[]> {
  let query = kpi(db).selectFrom('kpi_indicator').selectAll();
  if (filter.pack !== undefined) query = query.where('pack', '=', filter.pack);
  if (filter.archived !== undefined) {
    query = query.where('archived_at', filter.archived ? 'is not' : 'is', null);
  }
  return (await query.orderBy('code').execute()) as IndicatorRow[];
}

export async function selectIndicatorByCode(
  db: Db,
  code: string,
  options: { forUpdate?: boolean } = {},
): Promise<IndicatorRow | undefined> {
  let query = kpi(db).selectFrom('kpi_indicator').selectAll().where('code', '=', code);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as IndicatorRow | undefined;
}

/** Every indicator's code and formula inputs: what the formula check walks. */
export async function selectFormulaGraph(
  db: Db,
): Promise<Array<{ code: string; inputs: string[]; formula: string | null }>> {
  return kpi(db).selectFrom('kpi_indicator').select(['code', 'inputs', 'formula']).execute();
}

/** Takes the catalogue's lock: two formulas saved at once cannot make a cycle between them. */
export async function lockCatalogue(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('kpi_indicator catalogue'))`.execute(db);
}
