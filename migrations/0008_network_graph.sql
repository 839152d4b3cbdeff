-- The network as a graph: affiliation trees, neighbours and chains of ties walk ties from a set
-- of organizations level by level (`member_id = any($1)` and the like). Each index below answers
-- one direction of one kind of tie from the index alone (an index-only scan): the other end and
-- the dates that decide whether the tie is in force are included, so a level of a search does
-- not visit the table. Ties count both ways, hence one index per end.
create index network_affiliation_up on network_affiliation (member_id)
  include (parent_id, started_on, ended_on);
create index network_affiliation_down on network_affiliation (parent_id)
  include (member_id, started_on, ended_on);
create index network_partnership_out on network_partnership (from_id)
  include (to_id, started_on, ended_on);
create index network_partnership_in on network_partnership (to_id)
  include (from_id, started_on, ended_on);

-- The indexes above lead with the same columns: the single-column ones are redundant.
drop index network_affiliation_member;
drop index network_affiliation_parent;
drop index network_partnership_from;
drop index network_partnership_to;
