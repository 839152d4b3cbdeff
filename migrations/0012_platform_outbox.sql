-- The outbox: a message (mail now, SMS later) written in the same transaction as the change that
-- causes it, then delivered by a job, tried again with a growing delay, and marked failed with
-- the provider's last error when its time is up. A message that carries a secret (an invitation
-- or a reset link) keeps its body only until it is delivered or the secret expires.
-- The times that drive delivery are the database's own (now()), as the job queue's are.
create table platform_outbox_message (
  id uuid primary key,
  kind text not null check (kind in ('mail')),
  recipient text not null check (length(recipient) between 3 and 320),
  subject text not null check (length(subject) <= 300),
  body text,
  carries_secret boolean not null,
  secret_expires_at timestamptz,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  last_error text check (length(last_error) <= 2000),
  created_at timestamptz not null default now(),
  next_attempt_at timestamptz not null default now(),
  give_up_at timestamptz not null,
  delivered_at timestamptz,
  failed_at timestamptz,
  check (carries_secret = (secret_expires_at is not null)),
  check ((status = 'delivered') = (delivered_at is not null)),
  check ((status = 'failed') = (failed_at is not null)),
  -- A message waiting to go has what it is to say; a delivered secret is gone.
  check (status <> 'pending' or body is not null),
  check (status <> 'delivered' or not carries_secret or body is null)
);
-- What the delivery and the sweep look for.
create index platform_outbox_message_due on platform_outbox_message (next_attempt_at)
  where status = 'pending';
-- Bodies still kept, by when their secret expires.
create index platform_outbox_message_secret on platform_outbox_message (secret_expires_at)
  where carries_secret and body is not null;
-- The admins' list, newest first (ids are UUIDv7: in order of creation), all or by status.
create index platform_outbox_message_status on platform_outbox_message (status, id desc);
