-- SMS beside mail in the outbox: the same row, job, retries and erasure of secrets. An SMS's
-- `subject` names its template and version (its text is never shown); once the provider has
-- taken it (status 'delivered', as for mail the SMTP server taking it), the provider's id for
-- it and what its delivery reports say about it, which never go back (a late "sent" after
-- "delivered" changes nothing).
alter table platform_outbox_message drop constraint platform_outbox_message_kind_check;
alter table platform_outbox_message
  add constraint platform_outbox_message_kind_check check (kind in ('mail', 'sms')),
  add column provider text check (length(provider) between 1 and 40),
  add column provider_message_id text check (length(provider_message_id) between 1 and 200),
  add column delivery_state text
    check (delivery_state in ('accepted', 'sent', 'delivered', 'undelivered')),
  add column delivery_detail text check (length(delivery_detail) <= 200),
  add column delivery_reported_at timestamptz,
  -- Only an SMS has a provider's id and delivery state, and only once the provider took it.
  add constraint platform_outbox_message_sms_delivery check (
    (kind = 'sms' or (provider is null and delivery_state is null))
    and ((provider_message_id is null) = (delivery_state is null))
    and (delivery_state is null or (status = 'delivered' and provider is not null))
  );
-- A delivery report finds its message by the provider's id.
create unique index platform_outbox_message_provider_id
  on platform_outbox_message (provider, provider_message_id)
  where provider_message_id is not null;
