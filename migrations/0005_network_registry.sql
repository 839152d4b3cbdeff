-- The registry grown up: what an organization is, where, in which languages, how many people,
-- how it lives the cooperative principles; how organizations are tied; and search.

alter table network_organization
  add column legal_form text check (char_length(legal_form) between 1 and 100),
  -- Names in other scripts: [{"text": "...", "script": "Devanagari", "language": "hi"}]
  add column other_names jsonb not null default '[]' check (jsonb_typeof(other_names) = 'array'),
  add column region text check (char_length(region) between 1 and 100),
  add column locality text check (char_length(locality) between 1 and 100),
  add column latitude double precision check (latitude between -90 and 90),
  add column longitude double precision check (longitude between -180 and 180),
  add column languages text[] not null default '{}',
  add column members_total integer check (members_total >= 0),
  add column members_women integer check (members_women >= 0),
  add column members_men integer check (members_men >= 0),
  add column employees integer check (employees >= 0),
  -- {"email": "...", "phone": "..."}
  add column contacts jsonb not null default '{}' check (jsonb_typeof(contacts) = 'object'),
  -- The description in other languages: {"hi": "...", "es": "..."}
  add column descriptions jsonb not null default '{}' check (jsonb_typeof(descriptions) = 'object'),
  -- The seven ICA principles: [{"principle": 1, "score": 0-4, "evidence": "..."}]
  add column principles jsonb not null default '[]' check (jsonb_typeof(principles) = 'array'),
  add column is_demo boolean not null default false,
  add constraint network_organization_coordinates_together check ((latitude is null) = (longitude is null)),
  add constraint network_organization_members_add_up
    check (members_women is null or members_men is null or members_total is null
           or members_women + members_men <= members_total);

-- Everything a search looks in, folded (lower case, no accents): all the names as one string
-- (for substring and similarity), and names and descriptions as weighted words.
create function network_search_names(name text, short_name text, other_names jsonb) returns text
  language sql immutable parallel safe
  as $$ select search_fold(name || ' ' || coalesce(short_name, '') || ' '
                           || coalesce(jsonb_path_query_array(other_names, '$[*].text')::text, '')) $$;

alter table network_organization
  add column search_names text generated always as (network_search_names(name, short_name, other_names)) stored,
  add column search_document tsvector generated always as (
    setweight(to_tsvector('simple'::regconfig, network_search_names(name, short_name, other_names)), 'A')
    || setweight(to_tsvector('simple'::regconfig, search_fold(coalesce(description, '') || ' ' || descriptions::text)), 'C')
  ) stored;

drop index network_organization_search;
create index network_organization_search_names on network_organization using gin (search_names gin_trgm_ops);
create index network_organization_search_document on network_organization using gin (search_document);
create index network_organization_languages on network_organization using gin (languages);
create index network_organization_position on network_organization (latitude, longitude) where latitude is not null;
create index network_organization_sector on network_organization (sector, sort_key collate "C", id);

-- The logo, in the database so that every app server on one PostgreSQL sees it.
create table network_logo (
  organization_id uuid primary key references network_organization (id) on delete cascade,
  content bytea not null,
  media_type text not null check (media_type in ('image/webp')),
  width integer not null,
  height integer not null,
  updated_at timestamptz not null
);

-- An organization belongs to another: a cooperative to a federation, a division to a group, a
-- company to its parent. The ties form a tree (a forest), never a cycle.
create table network_affiliation (
  id uuid primary key,
  member_id uuid not null references network_organization (id),
  parent_id uuid not null references network_organization (id),
  kind text not null check (kind in ('member-of', 'division-of', 'subsidiary-of')),
  started_on date,
  ended_on date check (ended_on is null or started_on is null or ended_on >= started_on),
  note text check (char_length(note) <= 1000),
  is_demo boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (member_id <> parent_id)
);
create index network_affiliation_member on network_affiliation (member_id);
create index network_affiliation_parent on network_affiliation (parent_id);

-- Two organizations working together, coop or not. "from" provides the kind of partnership
-- to "to" (the funder funds, the trainer trains); joint ventures and others read both ways.
create table network_partnership (
  id uuid primary key,
  from_id uuid not null references network_organization (id),
  to_id uuid not null references network_organization (id),
  kind text not null check (kind in ('supply', 'technical-assistance', 'funding', 'joint-venture', 'training', 'other')),
  started_on date,
  ended_on date check (ended_on is null or started_on is null or ended_on >= started_on),
  note text check (char_length(note) <= 1000),
  is_demo boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (from_id <> to_id)
);
create index network_partnership_from on network_partnership (from_id);
create index network_partnership_to on network_partnership (to_id);
