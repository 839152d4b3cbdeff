-- Money's minor units follow ISO 4217 from now on (src/platform/currency-table.json, from ISO 4217
-- list one), no longer Intl: until now a project figure's amount was stored in the minor units
-- that Intl (CLDR 48 in Node 20) gave its currency. For the sixteen currencies where the two
-- differ, Intl gave no decimals and ISO 4217 gives two or three, so stored amounts are rescaled
-- by 10^(ISO decimals - Intl decimals): 1250 IQD stored as 1250 (whole dinars) becomes 1250000
-- fils. Amounts were at most 15 digits: the product stays within bigint. What the API, the audit
-- log and export files say (decimal strings) means the same before and after.
--
-- Intl also took six codes that carry no amount now: HRK, SLL and ZWL (withdrawn from ISO 4217),
-- XCG (newer than the table) and XDR, XSU (ISO 4217 gives them no minor unit). No stored amount
-- is guessed at: if a figure has one of them, this migration stops, changing nothing, and says
-- which, so that someone decides (withdraw the figure, or record it again in a current currency).

do $$
declare
  found text;
begin
  select string_agg(currency || ': ' || figures, ', ' order by currency) into found
  from (
    select currency, count(*) as figures
    from network_project_figure
    where currency in ('HRK', 'SLL', 'XCG', 'XDR', 'XSU', 'ZWL')
    group by currency
  ) as unusable;
  if found is not null then
    raise exception 'Project figures are recorded in currencies that can no longer carry an amount (%): withdraw them or record them again in a current ISO 4217 currency, then start Intercoop again. To withdraw them: delete from network_project_figure where currency in (''HRK'', ''SLL'', ''XCG'', ''XDR'', ''XSU'', ''ZWL'');', found;
  end if;
end
$$;

update network_project_figure as figure
set amount_minor = figure.amount_minor * rescaled.factor
from (values
  ('AFN', 100), ('ALL', 100), ('COP', 100), ('HUF', 100), ('IDR', 100), ('IQD', 1000),
  ('IRR', 100), ('KPW', 100), ('LAK', 100), ('LBP', 100), ('MGA', 100), ('MMK', 100),
  ('PKR', 100), ('SOS', 100), ('SYP', 100), ('YER', 100)
) as rescaled (currency, factor)
where figure.currency = rescaled.currency;
