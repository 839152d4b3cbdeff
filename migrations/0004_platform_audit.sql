-- Every write, who made it, when, and the record before and after. Append-only: the database
-- itself refuses to change or remove an entry, whatever the code does.
create table platform_audit_entry (
  id uuid primary key,
  at timestamptz not null,
  actor_account_id uuid,
  actor_label text not null,
  action text not null,
  entity_type text not null,
  entity_id text not null,
  organization_id uuid,
  before jsonb,
  after jsonb,
  request_id text
);
create index platform_audit_entry_at on platform_audit_entry (at desc, id desc);
create index platform_audit_entry_organization on platform_audit_entry (organization_id, at desc, id desc);
create index platform_audit_entry_entity on platform_audit_entry (entity_type, entity_id);

create function platform_audit_entry_is_append_only() returns trigger
  language plpgsql as $$
begin
  raise exception 'audit entries cannot be changed or removed'
    using errcode = 'insufficient_privilege';
end
$$;

create trigger platform_audit_entry_no_update_or_delete
  before update or delete on platform_audit_entry
  for each row execute function platform_audit_entry_is_append_only();

create trigger platform_audit_entry_no_truncate
  before truncate on platform_audit_entry
  for each statement execute function platform_audit_entry_is_append_only();
