-- The SMS channel of the reach module: what came in (once per provider's message id), the
-- numbers that asked for no more messages and the record of each such request, and what the
-- local test provider would have sent. Inbound texts are not kept, only the command word read
-- in them: a member may write anything in an SMS, and nothing of it is needed after its answer.
create table reach_sms_inbound (
  id uuid primary key,
  provider text not null check (length(provider) between 1 and 40),
  provider_message_id text not null check (length(provider_message_id) between 1 and 200),
  sender text not null check (sender ~ '^\+[1-9][0-9]{6,14}$'),
  -- The first word, folded, as the command it was read as (at most 40 characters).
  keyword text not null check (length(keyword) <= 40),
  outcome text not null
    check (outcome in ('opted-out', 'opted-in', 'help', 'unknown', 'rate-limited')),
  language text not null check (language ~ '^[a-z]{2}$'),
  received_at timestamptz not null default now(),
  unique (provider, provider_message_id)
);
-- The per-number rate limit counts a number's recent messages.
create index reach_sms_inbound_sender on reach_sms_inbound (sender, received_at);

-- A number that sent STOP (or its word in another language): no SMS goes to it until START.
create table reach_sms_opt_out (
  phone text primary key check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  since timestamptz not null,
  keyword text not null check (length(keyword) <= 40)
);

-- Every opt-out and opt-in, as it came: the history behind reach_sms_opt_out.
create table reach_sms_consent_event (
  id uuid primary key,
  phone text not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  action text not null check (action in ('opt-out', 'opt-in')),
  keyword text not null check (length(keyword) <= 40),
  inbound_id uuid not null references reach_sms_inbound (id),
  at timestamptz not null default now()
);
create index reach_sms_consent_event_phone on reach_sms_consent_event (phone, at);

-- What the test provider (REACH_SMS_PROVIDER=test) would have sent, for trials and tests.
create table reach_sms_test_message (
  id text primary key check (length(id) between 1 and 200),
  outbox_message_id uuid not null unique,
  recipient text not null check (length(recipient) between 3 and 32),
  template text not null check (length(template) <= 300),
  body text not null,
  recorded_at timestamptz not null default now()
);
