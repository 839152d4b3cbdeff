-- Idempotency keys (the IETF draft "The Idempotency-Key HTTP Header Field"): the first answer to
-- a write sent with a key, stored in the same transaction as the write's effect, so that the same
-- request again gets the same answer and no second effect. Kept 24 hours.
create table platform_idempotency_key (
  -- Who sent it: "account:<id>", or "token:<account id>:<organization id>" for an API token.
  principal text not null,
  method text not null,
  -- The route's pattern, such as /api/network/organizations.
  route text not null,
  key text not null check (char_length(key) between 1 and 255),
  request_hash text not null,
  response_status integer not null check (response_status between 200 and 299),
  response_headers jsonb not null,
  response_body text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  primary key (principal, method, route, key)
);
create index platform_idempotency_key_expires on platform_idempotency_key (expires_at);
