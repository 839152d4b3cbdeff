-- KPI reports: an organization's values of the catalogue's indicators for one period, from draft
-- to validated by network staff (or returned with a comment). A correction after validation is a
-- revision: the values it replaces are kept with who changed them, when and why.

create table kpi_report (
  id uuid primary key,
  organization_id uuid not null references network_organization (id),
  -- `2024-03`, `2024-Q1` or `2024`, as the API writes periods.
  period text not null check (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$'),
  periodicity text not null check (periodicity in ('month', 'quarter', 'year')),
  status text not null check (status in ('draft', 'submitted', 'validated', 'returned')),
  -- Why network staff returned it, for the organization to act on.
  return_comment text check (char_length(return_comment) between 1 and 2000),
  -- 0 until a validated report is first corrected; each correction moves it on.
  revision integer not null default 0 check (revision >= 0),
  submitted_at timestamptz,
  submitted_by uuid,
  validated_at timestamptz,
  validated_by uuid,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (organization_id, period),
  check (periodicity = case when period ~ '-Q' then 'quarter' when period ~ '-' then 'month' else 'year' end),
  check ((status = 'returned') = (return_comment is not null))
);
create index kpi_report_period on kpi_report (period, status);

-- One value per indicator in a report. Amounts are integer minor units with their currency;
-- every other unit is an exact decimal quantity.
create table kpi_report_value (
  report_id uuid not null references kpi_report (id) on delete cascade,
  indicator_code text not null references kpi_indicator (code) on update cascade,
  quantity numeric,
  amount_minor bigint,
  currency char(3) check (currency ~ '^[A-Z]{3}$'),
  primary key (report_id, indicator_code),
  check ((quantity is null) <> (amount_minor is null)),
  check ((amount_minor is null) = (currency is null))
);
create index kpi_report_value_indicator on kpi_report_value (indicator_code, report_id);

-- What each state change and correction replaced: append-only.
create table kpi_report_event (
  id uuid primary key,
  report_id uuid not null references kpi_report (id) on delete cascade,
  action text not null check (action in ('save', 'submit', 'validate', 'return', 'revise')),
  revision integer not null,
  -- The values as they were before this event, and after it (`{code: {quantity} | {amount, currency}}`).
  values_before jsonb,
  values_after jsonb,
  reason text check (char_length(reason) between 1 and 2000),
  actor_account_id uuid,
  actor_label text not null,
  at timestamptz not null
);
create index kpi_report_event_report on kpi_report_event (report_id, at, id);
