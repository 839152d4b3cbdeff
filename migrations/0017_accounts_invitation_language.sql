-- The language an invitation is written in: the one its inviter chose, or the inviter's own.
-- Its mail is worded in it, and the account made from it starts with it as preferred language.
-- Invitations made before have none (their mail was English).
alter table accounts_invitation
  add column language text check (language ~ '^[a-z]{2}$');
