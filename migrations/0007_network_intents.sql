-- Offers and needs ("intents", in ValueFlows' word): what an organization can provide or is
-- looking for, on a public board, matched to each other by suggestions.

-- Title and description folded the way every search folds (lower case, no accents), as one
-- string: immutable, so that generated columns and indexes can use it.
create function network_intent_search_text(title text, description text) returns text
  language sql immutable parallel safe
  as $$ select search_fold(title || ' ' || coalesce(description, '')) $$;

create table network_intent (
  id uuid primary key,
  organization_id uuid not null references network_organization (id),
  direction text not null check (direction in ('offer', 'need')),
  title text not null check (char_length(title) between 1 and 200),
  description text check (char_length(description) between 1 and 4000),
  sector text not null check (sector in (
    'agriculture', 'consumer-retail', 'finance', 'industry-services', 'insurance',
    'health-social-care', 'housing', 'energy-utilities', 'education', 'other')),
  -- Where it applies, ISO 3166-1 alpha-2; empty means anywhere.
  countries text[] not null default '{}'
    check (cardinality(countries) <= 50
           and array_to_string(countries, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$'),
  kind text not null check (kind in ('product', 'service', 'know-how', 'finance', 'training')),
  valid_from date,
  valid_until date check (valid_until is null or valid_from is null or valid_until >= valid_from),
  status text not null default 'open' check (status in ('open', 'closed')),
  closed_at timestamptz check ((status = 'closed') = (closed_at is not null)),
  is_demo boolean not null default false,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- Substrings as typed (the board's q, trigram index) and whole words (suggestions, GIN).
  search_text text generated always as (network_intent_search_text(title, description)) stored,
  search_document tsvector generated always as (
    to_tsvector('simple'::regconfig, network_intent_search_text(title, description))
  ) stored
);

-- The board pages newest first by id (UUIDv7, so in creation order) within each filter.
create index network_intent_board on network_intent (direction, status, id desc);
create index network_intent_organization on network_intent (organization_id, id desc);
create index network_intent_sector on network_intent (sector, id desc);
create index network_intent_kind on network_intent (kind, id desc);
create index network_intent_countries on network_intent using gin (countries);
create index network_intent_search_text on network_intent using gin (search_text gin_trgm_ops);
create index network_intent_search_document on network_intent using gin (search_document);
-- Suggestions look only at open intents of the other direction, by sector first.
create index network_intent_open on network_intent (direction, sector, valid_until)
  where status = 'open';
