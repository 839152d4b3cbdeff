-- Ranking a search scores every match: trigram similarity of the names to the search text is the
-- dearest part (half the time of a search matching a few thousand organizations). pg_trgm's
-- similarity is common / (trigrams of the names + trigrams of the text - common), so it can be no
-- more than the smaller count over the larger. Kept here, the count of the names' trigrams lets
-- a search bound every match's score cheaply and compute the similarity of only those whose bound
-- could reach the page.
alter table network_organization
  add column search_names_trigrams integer generated always as (
    coalesce(array_length(show_trgm(network_search_names(name, short_name, other_names)), 1), 0)
  ) stored;
