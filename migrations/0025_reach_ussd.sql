-- The phone channel's USSD side: phones as the channel knows them (the language chosen once, wrong
-- PINs and the lock they bring), members' PINs, open USSD sessions, hops counted per phone for the
-- rate limit, the provider's end-of-session notices, and members' interest in offers and needs.

-- A phone that reached the channel and belongs to at least one person (accounts_person.phone).
create table reach_phone (
  phone text primary key check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  language text check (language ~ '^[a-z]{2}$'),
  failed_pins integer not null default 0 check (failed_pins between 0 and 3),
  locked_until timestamptz,
  updated_at timestamptz not null
);

-- A member's PIN, an argon2id hash (never the PIN). A null hash is a PIN reset by an admin, to be
-- set again on the next use; an open setup window lets one member of a shared phone set theirs.
create table reach_pin (
  person_id uuid primary key references accounts_person (id),
  pin_hash text check (pin_hash is null or pin_hash like '$argon2id$%'),
  setup_open_until timestamptz,
  set_at timestamptz,
  updated_at timestamptz not null
);

-- An open USSD session, resumed by the provider's session id. `state` holds where the caller is
-- and how many inputs were read, never an input itself (a PIN is one).
create table reach_ussd_session (
  id text primary key check (char_length(id) between 1 and 100),
  phone text not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  state jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index reach_ussd_session_updated on reach_ussd_session (updated_at);

-- Hops per phone and minute, for the rate limit; old windows are swept.
create table reach_phone_hop (
  phone text not null,
  window_start timestamptz not null,
  hops integer not null check (hops >= 1),
  primary key (phone, window_start)
);
create index reach_phone_hop_window on reach_phone_hop (window_start);

-- The provider's notice that a session ended, as sent, its `input` (which can hold a PIN) redacted.
create table reach_ussd_event (
  id uuid primary key,
  session_id text not null check (char_length(session_id) between 1 and 100),
  phone text,
  status text,
  payload jsonb not null,
  received_at timestamptz not null
);
create index reach_ussd_event_session on reach_ussd_event (session_id);

-- "I am interested": once per member and offer or need; the offering organization is told.
create table reach_intent_interest (
  id uuid primary key,
  intent_id uuid not null references network_intent (id),
  intent_organization_id uuid not null references network_organization (id),
  person_id uuid not null references accounts_person (id),
  organization_id uuid not null references network_organization (id),
  created_at timestamptz not null,
  unique (intent_id, person_id)
);
create index reach_intent_interest_person on reach_intent_interest (person_id);

-- The demo network's phone members (made through the accounts' door), known so that the demo's
-- removal takes exactly them.
create table reach_demo_member (
  person_id uuid primary key references accounts_person (id)
);
