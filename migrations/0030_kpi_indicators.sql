-- KPI reporting: the catalogue of indicators that organizations report, kept by network admins.
-- An indicator either adds up across organizations in a stated way, or is a formula over other
-- indicators, computed from their totals (a ratio of sums, never an average of ratios).

create table kpi_indicator (
  id uuid primary key,
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{0,62}$'),
  -- Texts per language code; English is the fallback and always present.
  names jsonb not null check (jsonb_typeof(names) = 'object' and names ? 'en'),
  descriptions jsonb not null default '{}' check (jsonb_typeof(descriptions) = 'object'),
  unit text not null check (unit in ('currency', 'count', 'people', 'percent', 'ratio', 'kwh', 'hours', 'days')),
  direction text not null check (direction in ('higher-is-better', 'lower-is-better')),
  periodicity text not null check (periodicity in ('month', 'quarter', 'year')),
  aggregation text check (aggregation in ('sum', 'weighted-average', 'median', 'latest-sum')),
  weight_code text references kpi_indicator (code) on update cascade,
  min_value double precision,
  max_value double precision,
  -- The formula as written back by the parser (one spelling for one meaning).
  formula text check (char_length(formula) between 1 and 500),
  -- The codes the formula reads: checked to exist and to make no cycle when saved.
  inputs text[] not null default '{}',
  -- The shipped pack an indicator came from (core, energy, ...), or null for the network's own.
  pack text,
  dimension text check (char_length(dimension) between 1 and 60),
  sources text[] not null default '{}' check (cardinality(sources) <= 10),
  archived_at timestamptz,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((formula is null) = (aggregation is not null)),
  check ((aggregation = 'weighted-average') = (weight_code is not null)),
  check (min_value is null or max_value is null or min_value <= max_value)
);
create index kpi_indicator_pack on kpi_indicator (pack, code);
