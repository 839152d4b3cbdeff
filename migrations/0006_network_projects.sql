-- Development projects: who takes part and in which role, where, and what they aim at and
-- achieve, as typed figures. Impact totals are computed from the results when read, never stored,
-- so there is no total to drift from its results.

create table network_project (
  id uuid primary key,
  title text not null check (char_length(title) between 1 and 200),
  summary text check (char_length(summary) between 1 and 4000),
  sector text not null check (sector in (
    'agriculture', 'consumer-retail', 'finance', 'industry-services', 'insurance',
    'health-social-care', 'housing', 'energy-utilities', 'education', 'other')),
  status text not null check (status in ('planned', 'active', 'completed', 'cancelled')),
  started_on date,
  ended_on date check (ended_on is null or started_on is null or ended_on >= started_on),
  -- Where the facts come from: public web addresses.
  sources text[] not null default '{}' check (cardinality(sources) <= 10),
  -- The directory's order: folded title, then id (keyset paging).
  sort_key text generated always as (search_fold(title)) stored,
  search_text text generated always as (search_fold(title || ' ' || coalesce(summary, ''))) stored,
  is_demo boolean not null default false,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index network_project_sort on network_project (sort_key collate "C", id);
create index network_project_search on network_project using gin (search_text gin_trgm_ops);

-- The countries a project works in (ISO 3166-1 alpha-2). A result names one of them, or none.
create table network_project_country (
  project_id uuid not null references network_project (id) on delete cascade,
  country char(2) not null check (country ~ '^[A-Z]{2}$'),
  primary key (project_id, country)
);
create index network_project_country_country on network_project_country (country);

-- An organization may hold several roles in one project (a lead that also funds).
create table network_project_participant (
  project_id uuid not null references network_project (id) on delete cascade,
  organization_id uuid not null references network_organization (id),
  role text not null check (role in ('lead', 'funder', 'technical-partner', 'beneficiary', 'offtaker')),
  note text check (char_length(note) between 1 and 1000),
  created_at timestamptz not null,
  primary key (project_id, organization_id, role)
);
create index network_project_participant_organization on network_project_participant (organization_id);

-- Targets and results. Money is exact: integer minor units of its currency (bigint), the currency
-- beside it. Other figures are quantities in the indicator's own unit, numeric with three decimals
-- (kWh may be fractional; counts of households, people, jobs and customers are whole).
create table network_project_figure (
  id uuid primary key,
  project_id uuid not null references network_project (id) on delete cascade,
  kind text not null check (kind in ('target', 'result')),
  indicator text not null check (indicator in (
    'households-connected', 'customers-connected', 'kwh-delivered', 'people-trained',
    'jobs-created', 'money-mobilised')),
  quantity numeric(18, 3) check (quantity >= 0),
  amount_minor bigint check (amount_minor >= 0),
  currency char(3) check (currency ~ '^[A-Z]{3}$'),
  -- null: not attributable to one of the project's countries (shown under "multi-country").
  country char(2),
  period_year integer not null check (period_year between 1900 and 2100),
  note text check (char_length(note) between 1 and 1000),
  source text check (char_length(source) between 1 and 300),
  created_at timestamptz not null,
  -- Money has a currency and minor units; everything else a quantity and no currency.
  check ((indicator = 'money-mobilised') = (currency is not null)),
  check ((amount_minor is not null) = (currency is not null)),
  check ((quantity is not null) = (currency is null)),
  check (indicator not in ('households-connected', 'customers-connected', 'people-trained', 'jobs-created')
         or quantity = trunc(quantity)),
  -- A figure's country is one of its project's countries: removing that country is refused.
  foreign key (project_id, country) references network_project_country (project_id, country)
);
create index network_project_figure_project on network_project_figure (project_id);
create index network_project_figure_indicator on network_project_figure (kind, indicator, period_year);
