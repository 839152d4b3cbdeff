-- Roles and the scopes they live in are declared by the modules (each in its module.ts), not
-- listed here: a constraint that named every future module's roles had to change with each of
-- them. The application refuses a role no module declares; `intercoop check` reports any grant
-- whose role or scope no module declares any more. What is left here is the shape of the words.
alter table accounts_role_grant drop constraint accounts_role_grant_role_check;
alter table accounts_role_grant drop constraint accounts_role_grant_scope_type_check;
alter table accounts_role_grant
  add constraint accounts_role_grant_role_shape check (role ~ '^[a-z][a-z-]{0,59}$'),
  add constraint accounts_role_grant_scope_type_shape check (scope_type ~ '^[a-z][a-z-]{0,59}$');
