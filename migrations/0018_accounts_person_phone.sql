-- A person's phone, in E.164 (`+919876543210`), as the phone channel finds people by it. The
-- column came with the person (0003) and its check keeps the E.164 shape; numbers are parsed and
-- checked against their country's numbering plan in code. Several people may share one phone (a
-- household's basic phone), so the number is not unique: this index is for lookup by number.
create index accounts_person_phone on accounts_person (phone) where phone is not null;
