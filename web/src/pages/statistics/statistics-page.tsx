import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { type Problem, problemOf } from '../../api/problem.ts';
import {
  type Impact,
  type ImpactTotal,
  impactQuery,
  multiCountry,
  type NetworkStatistics,
  networkStatisticsQuery,
} from '../../api/statistics.ts';
import { type Bar, BarChart } from '../../charts/bar-chart.tsx';
import { useCountryNames } from '../../i18n/display-names.ts';
import { isOrganizationKind, isSector, kindMessageId, sectorMessageId } from '../../vocabulary.ts';
import { formatAmount } from '../projects/money.ts';
import { indicatorMessageId } from '../projects/vocabulary.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import './statistics.css';

type Loaded = {
  statistics: NetworkStatistics;
  bySector: Impact;
  byYear: Impact;
  byCountry: Impact;
};

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; problem: Problem | null }
  | ({ status: 'ready' } & Loaded);

export function StatisticsPage() {
  useDocumentTitle('statistics.title');
  // Each grouping carries the overall totals too, so three groupings are all the impact needs.
  const { state, retry } = useQueries({
    queries: [
      networkStatisticsQuery(),
      impactQuery('sector'),
      impactQuery('year'),
      impactQuery('country'),
    ],
    combine: ([statistics, bySector, byYear, byCountry]): {
      state: LoadState;
      retry: () => void;
    } => {
      const all = [statistics, bySector, byYear, byCountry];
      const retry = () => {
        for (const query of all) if (query.isError) void query.refetch();
      };
      const failed = all.find((query) => query.isError);
      if (failed) return { state: { status: 'error', problem: problemOf(failed.error) }, retry };
      if (statistics.data && bySector.data && byYear.data && byCountry.data)
        return {
          state: {
            status: 'ready',
            statistics: statistics.data,
            bySector: bySector.data,
            byYear: byYear.data,
            byCountry: byCountry.data,
          },
          retry,
        };
      return { state: { status: 'loading' }, retry };
    },
  });

  return (
    <div className="statistics">
      <h1>
        <FormattedMessage id="statistics.title" />
      </h1>
      <p className="lead">
        <FormattedMessage id="statistics.intro" />
      </p>
      {state.status === 'loading' ? (
        <p role="status">
          <FormattedMessage id="statistics.loading" />
        </p>
      ) : null}
      {state.status === 'error' ? (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">
            <FormattedMessage id={state.problem ? 'statistics.error' : 'form.offline'} />
          </p>
          <button type="button" className="button" onClick={retry}>
            <FormattedMessage id="directory.retry" />
          </button>
        </div>
      ) : null}
      {state.status === 'ready' ? (
        <>
          <Organizations statistics={state.statistics} />
          <ImpactSection loaded={state} />
        </>
      ) : null}
    </div>
  );
}

function Organizations({ statistics }: { statistics: NetworkStatistics }) {
  const intl = useIntl();
  const countryName = useCountryNames();
  const number = (value: number) => intl.formatNumber(value);
  const notStated = intl.formatMessage({ id: 'statistics.notStated' });
  const organizationsHeading = intl.formatMessage({ id: 'statistics.organizations' });
  const { organizations, members, womenMembers, menMembers, employees } = statistics;
  const stated = (
    id:
      | 'statistics.members'
      | 'statistics.womenMembers'
      | 'statistics.menMembers'
      | 'statistics.employees',
    figure: { total: number; organizationsStating: number },
    key: string,
  ) =>
    figure.organizationsStating > 0 ? (
      <div className="figure" data-people={key}>
        <dt>
          <FormattedMessage id={id} />
        </dt>
        <dd>
          <span className="figure__value">{number(figure.total)}</span>
          <span className="field__hint">
            <FormattedMessage
              id="statistics.stating"
              values={{ count: figure.organizationsStating }}
            />
          </span>
        </dd>
      </div>
    ) : null;
  const bySex: Bar[] = [
    ...(womenMembers.organizationsStating > 0
      ? [
          {
            key: 'women',
            label: intl.formatMessage({ id: 'statistics.women' }),
            value: womenMembers.total,
            display: number(womenMembers.total),
          },
        ]
      : []),
    ...(menMembers.organizationsStating > 0
      ? [
          {
            key: 'men',
            label: intl.formatMessage({ id: 'statistics.men' }),
            value: menMembers.total,
            display: number(menMembers.total),
          },
        ]
      : []),
  ];
  const bars = (
    counts: { value: string; count: number }[],
    label: (value: string) => string,
  ): Bar[] =>
    counts.map((entry) => ({
      key: entry.value || '-',
      label: entry.value ? label(entry.value) : notStated,
      value: entry.count,
      display: number(entry.count),
    }));
  return (
    <section aria-labelledby="statistics-organizations">
      <h2 id="statistics-organizations">
        <FormattedMessage id="statistics.organizationsHeading" />
      </h2>
      <dl className="figures statistics__figures">
        <div className="figure">
          <dt>{organizationsHeading}</dt>
          <dd className="figure__value">{number(organizations.total)}</dd>
        </div>
        {stated('statistics.members', members, 'members')}
        {stated('statistics.womenMembers', womenMembers, 'women')}
        {stated('statistics.menMembers', menMembers, 'men')}
        {stated('statistics.employees', employees, 'employees')}
      </dl>
      {bySex.length > 0 ? (
        <p className="field__hint">
          <FormattedMessage id="statistics.bySexNote" />
        </p>
      ) : null}
      <div className="statistics__charts">
        {bySex.length > 0 ? (
          <BarChart
            title={<FormattedMessage id="statistics.membersBySex" />}
            categoryHeading={intl.formatMessage({ id: 'statistics.memberGroup' })}
            valueHeading={intl.formatMessage({ id: 'statistics.people' })}
            bars={bySex}
            order="given"
          />
        ) : null}
        <BarChart
          title={<FormattedMessage id="statistics.byCountry" />}
          categoryHeading={intl.formatMessage({ id: 'organization.country' })}
          valueHeading={organizationsHeading}
          bars={bars(organizations.byCountry, countryName)}
        />
        <BarChart
          title={<FormattedMessage id="statistics.bySector" />}
          categoryHeading={intl.formatMessage({ id: 'organization.sector' })}
          valueHeading={organizationsHeading}
          bars={bars(organizations.bySector, (value) =>
            isSector(value) ? intl.formatMessage({ id: sectorMessageId(value) }) : value,
          )}
        />
        <BarChart
          title={<FormattedMessage id="statistics.byKind" />}
          categoryHeading={intl.formatMessage({ id: 'organization.kind' })}
          valueHeading={organizationsHeading}
          bars={bars(organizations.byKind, (value) =>
            isOrganizationKind(value) ? intl.formatMessage({ id: kindMessageId(value) }) : value,
          )}
        />
      </div>
    </section>
  );
}

const totalKey = (total: Pick<ImpactTotal, 'indicator' | 'currency'>) =>
  `${total.indicator} ${total.currency ?? ''}`;

/** A total's amount as a number, for a bar's length only (what is read is the exact text). */
const barValue = (amount: string) => Number(amount);

function ImpactSection({ loaded }: { loaded: Loaded }) {
  const intl = useIntl();
  const countryName = useCountryNames();
  const totals = loaded.bySector.totals;
  const [chosen, setChosen] = useState(() => (totals[0] ? totalKey(totals[0]) : ''));
  const current = totals.find((total) => totalKey(total) === chosen) ?? totals[0];
  const indicatorName = (total: Pick<ImpactTotal, 'indicator' | 'currency'>) => {
    const name = intl.formatMessage({ id: indicatorMessageId(total.indicator) });
    return total.currency ? `${name} (${total.currency})` : name;
  };
  const show = (total: Pick<ImpactTotal, 'amount' | 'currency'>) =>
    formatAmount(total.amount, total.currency, intl.locale);

  const groupBars = useMemo(() => {
    if (!current) return null;
    const show = (total: Pick<ImpactTotal, 'amount' | 'currency'>) =>
      formatAmount(total.amount, total.currency, intl.locale);
    const pick = (impact: Impact, label: (key: string) => string): Bar[] =>
      impact.groups.flatMap((group) => {
        const total = group.totals.find((entry) => totalKey(entry) === totalKey(current));
        return total
          ? [
              {
                key: group.key,
                label: label(group.key),
                value: barValue(total.amount),
                display: show(total),
              },
            ]
          : [];
      });
    return {
      sector: pick(loaded.bySector, (key) =>
        isSector(key) ? intl.formatMessage({ id: sectorMessageId(key) }) : key,
      ),
      year: pick(loaded.byYear, (key) => key).sort((a, b) => a.key.localeCompare(b.key)),
      country: pick(loaded.byCountry, (key) =>
        key === multiCountry
          ? intl.formatMessage({ id: 'statistics.multiCountry' })
          : countryName(key),
      ),
    };
  }, [current, loaded, intl, countryName]);

  return (
    <section aria-labelledby="statistics-impact">
      <h2 id="statistics-impact">
        <FormattedMessage id="statistics.impactHeading" />
      </h2>
      <p>
        <FormattedMessage id="statistics.impactRule" />
      </p>
      {totals.length === 0 ? (
        <p>
          <FormattedMessage id="statistics.noResults" />{' '}
          <Link href="/projects">
            <FormattedMessage id="statistics.seeProjects" />
          </Link>
        </p>
      ) : (
        <>
          <h3>
            <FormattedMessage id="statistics.totals" />
          </h3>
          <dl
            className="figures statistics__figures"
            aria-label={intl.formatMessage({ id: 'statistics.totals' })}
          >
            {totals.map((total) => (
              <div className="figure" key={totalKey(total)} data-total={totalKey(total)}>
                <dt>{indicatorName(total)}</dt>
                <dd>
                  <span className="figure__value">{show(total)}</span>
                  <span className="field__hint">
                    <FormattedMessage
                      id="statistics.fromProjects"
                      values={{ results: total.results, projects: total.projects }}
                    />
                  </span>
                </dd>
              </div>
            ))}
          </dl>
          <div className="field statistics__chooser">
            <label htmlFor="statistics-indicator">
              <FormattedMessage id="statistics.chooseIndicator" />
            </label>
            <select
              id="statistics-indicator"
              value={current ? totalKey(current) : ''}
              onChange={(event) => setChosen(event.target.value)}
            >
              {totals.map((total) => (
                <option key={totalKey(total)} value={totalKey(total)}>
                  {indicatorName(total)}
                </option>
              ))}
            </select>
          </div>
          {current && groupBars ? (
            <div className="statistics__charts">
              <BarChart
                title={
                  <FormattedMessage
                    id="statistics.impactBySector"
                    values={{ indicator: indicatorName(current) }}
                  />
                }
                categoryHeading={intl.formatMessage({ id: 'organization.sector' })}
                valueHeading={indicatorName(current)}
                bars={groupBars.sector}
              />
              <BarChart
                title={
                  <FormattedMessage
                    id="statistics.impactByYear"
                    values={{ indicator: indicatorName(current) }}
                  />
                }
                categoryHeading={intl.formatMessage({ id: 'statistics.year' })}
                valueHeading={indicatorName(current)}
                bars={groupBars.year}
                order="given"
              />
              <BarChart
                title={
                  <FormattedMessage
                    id="statistics.impactByCountry"
                    values={{ indicator: indicatorName(current) }}
                  />
                }
                categoryHeading={intl.formatMessage({ id: 'organization.country' })}
                valueHeading={indicatorName(current)}
                bars={groupBars.country}
              />
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
