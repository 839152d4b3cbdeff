-- A tie that an organization's admin records about another organization (that it is a member,
-- a division or a subsidiary of theirs, or their partner) is a claim until the other side's
-- admins, or network staff, confirm it. Claims live here, apart from the ties: every tree,
-- graph, chain, statistic, suggestion and roll-up reads network_affiliation and
-- network_partnership, so a claim counts in none of them by construction. Confirming a claim
-- writes its tie there (tie_id); declining keeps it here, with who declined, as history.
-- Ties recorded before this migration, the demo's and those imported by network admins are
-- confirmed ties already: they have no claim.
create table network_tie_claim (
  id uuid primary key,
  tie text not null check (tie in ('affiliation', 'partnership')),
  -- For an affiliation: the member and the organization it belongs to; for a partnership: the
  -- provider and its partner.
  from_id uuid not null references network_organization (id),
  to_id uuid not null references network_organization (id),
  kind text not null check (
    (tie = 'affiliation' and kind in ('member-of', 'division-of', 'subsidiary-of'))
    or (tie = 'partnership' and kind in ('supply', 'technical-assistance', 'funding', 'joint-venture', 'training', 'other'))),
  started_on date,
  ended_on date check (ended_on is null or started_on is null or ended_on >= started_on),
  note text check (char_length(note) <= 1000),
  -- The side whose admin claimed it, and the side whose consent it waits for.
  claimed_by uuid not null references network_organization (id),
  awaited_from uuid not null references network_organization (id),
  state text not null default 'claimed' check (state in ('claimed', 'confirmed', 'declined')),
  decided_at timestamptz,
  -- The account that confirmed or declined, and for which organization (null: as network staff).
  decided_by_account uuid,
  decided_for uuid references network_organization (id),
  tie_id uuid,
  is_demo boolean not null default false,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (from_id <> to_id),
  check (claimed_by in (from_id, to_id) and awaited_from in (from_id, to_id) and claimed_by <> awaited_from),
  check ((state = 'claimed') = (decided_at is null)),
  check ((state = 'confirmed') = (tie_id is not null)),
  check (decided_for is null or decided_for = awaited_from)
);
-- Each organization's profile lists the claims about it, on either end.
create index network_tie_claim_from on network_tie_claim (from_id);
create index network_tie_claim_to on network_tie_claim (to_id);
-- The same tie is claimed once at a time.
create unique index network_tie_claim_pending on network_tie_claim (tie, from_id, to_id, kind)
  where state = 'claimed';

-- Claims are part of the registry: writing one moves its version, like any other change, so
-- that every process's caches see it in their next answer.
create trigger network_tie_claim_changes
  before insert or update or delete or truncate on network_tie_claim
  for each statement execute function network_registry_changed();
