-- Attempts counted to slow down guessing: sign-ins per account and address (so that someone
-- else's failures never lock the owner out), password-reset requests per address and per email.
-- One row per thing counted, updated in place under its lock: concurrent attempts queue on the
-- row, so that a burst of them cannot all read the count before any of them adds to it.
create table accounts_attempt (
  -- What is counted, such as 'sign-in <email> <address>' or 'reset-email <email>'.
  key text primary key,
  -- The email the attempts concern, if any: removing demo accounts removes their rows.
  email text check (email = lower(email)),
  attempts integer not null check (attempts >= 0),
  last_attempt_at timestamptz not null,
  -- No attempt is taken before this time.
  blocked_until timestamptz not null
);
create index accounts_attempt_last on accounts_attempt (last_attempt_at);

-- The failures counted per minute until now; the rows above replace them.
drop table accounts_login_failure;
