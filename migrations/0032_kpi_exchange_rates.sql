-- The exchange rates roll-ups convert amounts with, one per period and pair of currencies, kept
-- by network staff: units of `base` for one unit of `currency` (655.957 XOF for 1 EUR). A roll-up
-- that needs a rate the table does not hold says so; it never assumes 1.

create table kpi_exchange_rate (
  period text not null check (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$'),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  base char(3) not null check (base ~ '^[A-Z]{3}$' and base <> currency),
  rate numeric not null check (rate > 0),
  source text check (char_length(source) between 1 and 300),
  set_by_label text not null,
  set_at timestamptz not null,
  primary key (period, currency, base)
);
