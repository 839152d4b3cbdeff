-- People, their ties to organizations, their logins, and what each login may do.

-- A human known to the network. Many members have no login (a basic phone is enough).
create table accounts_person (
  id uuid primary key,
  display_name text not null check (char_length(display_name) between 1 and 200),
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  preferred_language text check (preferred_language ~ '^[a-z]{2}$'),
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- A person's tie to an organization, with dates.
create table accounts_membership (
  id uuid primary key,
  person_id uuid not null references accounts_person (id),
  organization_id uuid not null references network_organization (id),
  kind text not null check (kind in ('worker-member', 'farmer-member', 'member', 'employee')),
  started_on date not null,
  ended_on date check (ended_on is null or ended_on >= started_on),
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index accounts_membership_organization on accounts_membership (organization_id);
create index accounts_membership_person on accounts_membership (person_id);

-- A person's login. Emails are compared in lower case.
create table accounts_account (
  id uuid primary key,
  person_id uuid not null unique references accounts_person (id),
  email text not null check (char_length(email) between 3 and 254 and email = lower(email)),
  password_hash text,
  status text not null default 'active' check (status in ('active', 'disabled')),
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index accounts_account_email on accounts_account (email);

-- What an account may do, and where: scope_type 'network' has no scope_id.
create table accounts_role_grant (
  id uuid primary key,
  account_id uuid not null references accounts_account (id),
  role text not null check (role in (
    'network-admin', 'network-staff', 'organization-admin', 'organization-member',
    'fund-committee', 'programme-trainer', 'partner-viewer', 'buyer')),
  scope_type text not null check (scope_type in ('network', 'organization', 'project', 'fund', 'programme')),
  scope_id uuid,
  granted_by uuid references accounts_account (id),
  created_at timestamptz not null,
  check ((scope_type = 'network') = (scope_id is null))
);
-- One grant per role and scope; the network scope has a null id, hence the coalesce.
create unique index accounts_role_grant_unique on accounts_role_grant
  (account_id, role, scope_type, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Server-side sessions. The cookie holds a random secret; only its SHA-256 is stored.
create table accounts_session (
  id uuid primary key,
  secret_hash text not null unique,
  account_id uuid not null references accounts_account (id),
  csrf_token text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  idle_expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  revoked_at timestamptz,
  user_agent text,
  address text
);
create index accounts_session_account on accounts_session (account_id);

-- Failed sign-ins, counted per account and per address over the last minute.
create table accounts_login_failure (
  id bigint generated always as identity primary key,
  email text not null,
  address text not null,
  failed_at timestamptz not null
);
create index accounts_login_failure_email on accounts_login_failure (email, failed_at);
create index accounts_login_failure_address on accounts_login_failure (address, failed_at);

-- Invitations by email: the token is sent once and only its hash is kept.
create table accounts_invitation (
  id uuid primary key,
  email text not null check (email = lower(email)),
  token_hash text not null unique,
  roles jsonb not null,
  invited_by uuid references accounts_account (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_account_id uuid references accounts_account (id),
  revoked_at timestamptz
);
create index accounts_invitation_email on accounts_invitation (email);

-- Password resets: single use, short-lived.
create table accounts_password_reset (
  id uuid primary key,
  account_id uuid not null references accounts_account (id),
  token_hash text not null unique,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);

-- API tokens for machine clients, scoped to one organization, for reading or writing.
create table accounts_api_token (
  id uuid primary key,
  account_id uuid not null references accounts_account (id),
  name text not null check (char_length(name) between 1 and 100),
  token_hash text not null unique,
  prefix text not null,
  organization_id uuid not null references network_organization (id),
  access text not null check (access in ('read', 'write')),
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index accounts_api_token_account on accounts_api_token (account_id);
