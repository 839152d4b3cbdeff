-- The registry's version: a number that every change to the tables a search or a graph read
-- reads moves on, in the transaction that makes the change. A server process keeps search pages
-- and the graph's ties in memory labelled with the version they were read at, and uses them only
-- while the version is unchanged: one tiny read tells every process, on any number of servers,
-- whether what it keeps is still the truth.
--
-- The triggers run before each statement (not each row), so a bulk load moves the version once a
-- statement. Running before the statement, the update takes the row's lock first: writers of the
-- registry queue on it in the order they start, instead of locking organizations or ties first
-- and the version second (which two writers could do in opposite orders). The version moves even
-- when a statement changes no row: a cache dropped for nothing, never a cache kept wrongly.
create table network_registry_version (
  singleton boolean primary key default true check (singleton),
  version bigint not null
);
insert into network_registry_version (singleton, version) values (true, 1);

create function network_registry_changed() returns trigger
  language plpgsql as $$
begin
  update network_registry_version set version = version + 1;
  return null;
end
$$;

create trigger network_organization_changes
  before insert or update or delete or truncate on network_organization
  for each statement execute function network_registry_changed();

create trigger network_affiliation_changes
  before insert or update or delete or truncate on network_affiliation
  for each statement execute function network_registry_changed();

create trigger network_partnership_changes
  before insert or update or delete or truncate on network_partnership
  for each statement execute function network_registry_changed();
