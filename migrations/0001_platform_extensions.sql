-- Text search that ignores accents ("electrodomesticos" finds "Electrodomésticos").
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only STABLE (its dictionary could change), so it cannot be indexed directly.
-- This wrapper names the dictionary explicitly and is declared IMMUTABLE so indexes can use it.
create or replace function immutable_unaccent(value text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, value) $$;

-- Lower-cased and accent-free: the form names are compared and searched in.
create or replace function search_fold(value text) returns text
  language sql immutable parallel safe strict
  as $$ select lower(public.immutable_unaccent(value)) $$;
