create table network_organization (
  id uuid primary key,
  name text not null check (char_length(name) between 1 and 200),
  short_name text check (char_length(short_name) between 1 and 40),
  kind text not null check (kind in (
    'cooperative', 'federation', 'group', 'division', 'company', 'ngo', 'public-body', 'other')),
  country char(2) not null check (country ~ '^[A-Z]{2}$'),
  sector text not null check (sector in (
    'agriculture', 'consumer-retail', 'finance', 'industry-services', 'insurance',
    'health-social-care', 'housing', 'energy-utilities', 'education', 'other')),
  description text check (char_length(description) <= 4000),
  website text check (char_length(website) <= 300),
  founding_year integer check (founding_year between 1800 and 2100),
  -- The directory's order: folded name, then id so that the order is total (keyset paging).
  sort_key text generated always as (search_fold(name)) stored,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index network_organization_sort on network_organization (sort_key collate "C", id);
create index network_organization_country on network_organization (country, sort_key collate "C", id);
create index network_organization_kind on network_organization (kind, sort_key collate "C", id);
create index network_organization_search on network_organization
  using gin ((search_fold(name || ' ' || coalesce(short_name, ''))) gin_trgm_ops);
