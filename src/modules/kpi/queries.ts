// The only file that touches the KPI module's tables (`kpi_...`). Organizations are the
// network's: only their ids are stored here.
import { type ColumnType, sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { formatMoney } from '../../platform/money-schemas.ts';
import type {
  AggregationKind,
  Indicator,
  IndicatorDirection,
  IndicatorUnit,
  ReportStatus,
  ReportValue,
} from './schemas.ts';

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

// Reports ---------------------------------------------------------------------------------------

export type ReportTables = {
  kpi_report: {
    id: string;
    organization_id: string;
    period: string;
    periodicity: 'month' | 'quarter' | 'year';
    status: ReportStatus;
    return_comment: string | null;
    revision: ColumnType<number, number | undefined, number>;
    submitted_at: Date | null;
    submitted_by: string | null;
    validated_at: Date | null;
    validated_by: string | null;
    version: ColumnType<number, number | undefined, number>;
    created_at: Date;
    updated_at: Date;
  };
  kpi_report_value: {
    report_id: string;
    indicator_code: string;
    quantity: string | null;
    amount_minor: string | null;
    currency: string | null;
  };
  kpi_report_event: {
    id: string;
    report_id: string;
    action: 'save' | 'submit' | 'validate' | 'return' | 'revise';
    revision: number;
    values_before: Json<ReportValue[] | null>;
    values_after: Json<ReportValue[] | null>;
    reason: string | null;
    actor_account_id: string | null;
    actor_label: string;
    at: Date;
  };
};

export const reports = (db: Db) => db.withTables<ReportTables & KpiTables>();

export type ReportRow = {
  id: string;
  organization_id: string;
  period: string;
  periodicity: 'month' | 'quarter' | 'year';
  status: ReportStatus;
  return_comment: string | null;
  revision: number;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export async function selectReport(
  db: Db,
  organizationId: string,
  period: string,
  options: { forUpdate?: boolean } = {},
): Promise<ReportRow | undefined> {
  let query = reports(db)
    .selectFrom('kpi_report')
    .select([
      'id',
      'organization_id',
      'period',
      'periodicity',
      'status',
      'return_comment',
      'revision',
      'version',
      'created_at',
      'updated_at',
    ])
    .where('organization_id', '=', organizationId)
    .where('period', '=', period);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** A report's values, in code order, as the API writes them. */
export async function selectReportValues(db: Db, reportId: string): Promise<ReportValue[]> {
  const rows = await reports(db)
    .selectFrom('kpi_report_value')
    .select(['indicator_code', 'quantity', 'amount_minor', 'currency'])
    .where('report_id', '=', reportId)
    .orderBy('indicator_code')
    .execute();
  return rows.map((row) => ({
    indicator: row.indicator_code,
    value: row.quantity === null ? null : String(row.quantity),
    amount:
      row.amount_minor === null || row.currency === null
        ? null
        : formatMoney({ minor: BigInt(row.amount_minor), currency: row.currency }),
    currency: row.currency,
  }));
}

export type StoredValue = {
  indicator: string;
  quantity: string | null;
  amountMinor: bigint | null;
  currency: string | null;
};

/** Replaces a report's values with these. */
export async function replaceReportValues(
  db: Db,
  reportId: string,
  values: readonly StoredValue[],
): Promise<void> {
  await reports(db).deleteFrom('kpi_report_value').where('report_id', '=', reportId).execute();
  if (values.length === 0) return;
  await reports(db)
    .insertInto('kpi_report_value')
    .values(
      values.map((value) => ({
        report_id: reportId,
        indicator_code: value.indicator,
        quantity: value.quantity,
        amount_minor: value.amountMinor === null ? null : value.amountMinor.toString(),
        currency: value.currency,
      })),
    )
    .execute();
}

export async function insertReportEvent(
  db: Db,
  event: {
    reportId: string;
    action: ReportTables['kpi_report_event']['action'];
    revision: number;
    valuesBefore: ReportValue[] | null;
    valuesAfter: ReportValue[] | null;
    reason: string | null;
    actorAccountId: string | null;
    actorLabel: string;
    at: Date;
  },
): Promise<void> {
  await reports(db)
    .insertInto('kpi_report_event')
    .values({
      id: newId(),
      report_id: event.reportId,
      action: event.action,
      revision: event.revision,
      values_before: JSON.stringify(event.valuesBefore),
      values_after: JSON.stringify(event.valuesAfter),
      reason: event.reason,
      actor_account_id: event.actorAccountId,
      actor_label: event.actorLabel,
      at: event.at,
    })
    .execute();
}

export async function selectReportEvents(db: Db, reportId: string) {
  return reports(db)
    .selectFrom('kpi_report_event')
    .select(['action', 'revision', 'reason', 'actor_label', 'at', 'values_before', 'values_after'])
    .where('report_id', '=', reportId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** The catalogue's indicators by code, for checking a report's values. */
export async function selectIndicatorsByCode(
  db: Db,
  codes: readonly string[],
): Promise<Map<string, IndicatorRow>> {
  if (codes.length === 0) return new Map();
  const rows = (await kpi(db)
    .selectFrom('kpi_indicator')
    .selectAll()
    .where('code', 'in', [...codes])
    .execute()) as IndicatorRow[];
  return new Map(rows.map((row) => [row.code, row]));
}

// Exchange rates --------------------------------------------------------------------------------

export type RateTables = {
  kpi_exchange_rate: {
    period: string;
    currency: string;
    base: string;
    rate: string;
    source: string | null;
    set_by_label: string;
    set_at: Date;
  };
};

export const rates = (db: Db) => db.withTables<RateTables>();

export type RateRow = RateTables['kpi_exchange_rate'];

export async function upsertRate(db: Db, row: RateRow): Promise<RateRow> {
  return rates(db)
    .insertInto('kpi_exchange_rate')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['period', 'currency', 'base']).doUpdateSet({
        rate: row.rate,
        source: row.source,
        set_by_label: row.set_by_label,
        set_at: row.set_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function selectRate(
  db: Db,
  key: { period: string; currency: string; base: string },
): Promise<RateRow | undefined> {
  return rates(db)
    .selectFrom('kpi_exchange_rate')
    .selectAll()
    .where('period', '=', key.period)
    .where('currency', '=', key.currency)
    .where('base', '=', key.base)
    .executeTakeFirst();
}

/** Rates a page at a time, by period (newest first), currency and base. */
export async function selectRates(
  db: Db,
  filter: { period?: string; base?: string },
  after: { period: string; currency: string; base: string } | undefined,
  limit: number,
): Promise<RateRow[]> {
  let query = rates(db).selectFrom('kpi_exchange_rate').selectAll();
  if (filter.period !== undefined) query = query.where('period', '=', filter.period);
  if (filter.base !== undefined) query = query.where('base', '=', filter.base);
  if (after) {
    query = query.where(
      sql<boolean>`(period < ${after.period} or (period = ${after.period} and (currency, base) > (${after.currency}, ${after.base})))`,
    );
  }
  return query.orderBy('period', 'desc').orderBy('currency').orderBy('base').limit(limit).execute();
}
