import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'wouter';
import { organizationQueries } from '../../api/organizations.ts';
import {
  canCreateProject,
  findProjects,
  indicators,
  type ProjectFilters,
  type ProjectListItem,
  projectStatuses,
} from '../../api/projects.ts';
import { usePagedList } from '../../data/use-paged-list.ts';
import { useCountryNames } from '../../i18n/display-names.ts';
import { useSession } from '../../session/session-provider.tsx';
import { countryCodes, organizationSectors, sectorMessageId } from '../../vocabulary.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { useFigureText } from './amount.tsx';
import { statusMessageId } from './vocabulary.ts';
import './projects.css';

const filterNames = ['q', 'status', 'sector', 'country', 'organizationId'] as const;

function readFilters(params: URLSearchParams): ProjectFilters {
  return {
    q: params.get('q') ?? '',
    status: params.get('status') ?? '',
    sector: params.get('sector') ?? '',
    country: params.get('country') ?? '',
    organizationId: params.get('organizationId') ?? '',
  };
}

export function ProjectsPage() {
  const intl = useIntl();
  const { me } = useSession();
  const countryName = useCountryNames();
  useDocumentTitle('projects.list.title');
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => readFilters(searchParams), [searchParams]);
  const [draft, setDraft] = useState(filters.q);
  useEffect(() => setDraft(filters.q), [filters.q]);
  const { state, loadMore, retry } = usePagedList(['projects', 'list'], filters, findProjects);
  const organizationName = useOrganizationName(filters.organizationId);

  const apply = (next: ProjectFilters) => {
    const params = new URLSearchParams();
    for (const name of filterNames) if (next[name]) params.set(name, next[name]);
    setSearchParams(params);
  };
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply({ ...filters, q: draft.trim() });
  };
  const select = (name: 'status' | 'sector' | 'country') => (value: string) =>
    apply({ ...filters, q: draft.trim(), [name]: value });

  const countryOptions = useMemo(() => {
    const collator = new Intl.Collator(intl.locale);
    return countryCodes
      .map((code) => ({ value: code, label: countryName(code) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }, [countryName, intl.locale]);
  const filtered = filterNames.some((name) => filters[name]);

  return (
    <div className="projects">
      <div className="page-heading">
        <h1>
          <FormattedMessage id="projects.list.title" />
        </h1>
        {canCreateProject(me) ? (
          <Link href="/projects/new" className="button button--primary">
            <FormattedMessage id="projects.list.new" />
          </Link>
        ) : null}
      </div>
      <p className="lead">
        <FormattedMessage id="projects.list.intro" />
      </p>

      <form
        className="search-form"
        onSubmit={onSearch}
        aria-label={intl.formatMessage({ id: 'projects.list.filtersLabel' })}
      >
        <label htmlFor="projects-q">
          <FormattedMessage id="projects.list.searchLabel" />
        </label>
        <div className="search-row">
          <input
            id="projects-q"
            type="search"
            value={draft}
            maxLength={200}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button">
            <FormattedMessage id="projects.list.searchButton" />
          </button>
        </div>
        <div className="filters">
          <FilterSelect
            id="projects-status"
            label={intl.formatMessage({ id: 'projects.field.status' })}
            all={intl.formatMessage({ id: 'projects.list.statusAll' })}
            value={filters.status}
            onChange={select('status')}
            options={projectStatuses.map((status) => ({
              value: status,
              label: intl.formatMessage({ id: statusMessageId(status) }),
            }))}
          />
          <FilterSelect
            id="projects-sector"
            label={intl.formatMessage({ id: 'directory.sectorLabel' })}
            all={intl.formatMessage({ id: 'directory.sectorAll' })}
            value={filters.sector}
            onChange={select('sector')}
            options={organizationSectors.map((sector) => ({
              value: sector,
              label: intl.formatMessage({ id: sectorMessageId(sector) }),
            }))}
          />
          <FilterSelect
            id="projects-country"
            label={intl.formatMessage({ id: 'directory.countryLabel' })}
            all={intl.formatMessage({ id: 'directory.countryAll' })}
            value={filters.country}
            onChange={select('country')}
            options={countryOptions}
          />
        </div>
        {filters.organizationId ? (
          <p className="projects__organization-filter">
            <FormattedMessage
              id="projects.list.ofOrganization"
              values={{
                name:
                  organizationName ?? intl.formatMessage({ id: 'projects.list.anOrganization' }),
              }}
            />{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => apply({ ...filters, organizationId: '' })}
            >
              <FormattedMessage id="projects.list.allOrganizations" />
            </button>
          </p>
        ) : null}
      </form>

      <section aria-labelledby="projects-results">
        <h2 id="projects-results" className="visually-hidden">
          <FormattedMessage id="directory.resultsHeading" />
        </h2>
        <p role="status" className="results__status">
          {state.status === 'loading' ? <FormattedMessage id="projects.list.loading" /> : null}
          {state.status === 'ready' ? (
            <FormattedMessage
              id={state.nextCursor ? 'projects.list.countMore' : 'projects.list.count'}
              values={{ count: state.items.length }}
            />
          ) : null}
        </p>
        {state.status === 'error' ? (
          <div className="notice notice--error">
            <p className="notice__title">
              <FormattedMessage
                id={state.failure?.problem ? 'projects.list.error' : 'form.offline'}
              />
            </p>
            <button type="button" className="button" onClick={retry}>
              <FormattedMessage id="directory.retry" />
            </button>
          </div>
        ) : null}
        {state.status === 'ready' && state.items.length === 0 ? (
          <div>
            <p>
              <FormattedMessage
                id={filtered ? 'projects.list.emptyFiltered' : 'projects.list.empty'}
              />
            </p>
            {filtered ? (
              <button type="button" className="button" onClick={() => apply(emptyFilters)}>
                <FormattedMessage id="directory.clearFilters" />
              </button>
            ) : null}
          </div>
        ) : null}
        {state.items.length > 0 ? (
          <ul className="results__list project-list">
            {state.items.map((project) => (
              <ProjectCard key={project.id} project={project} />
            ))}
          </ul>
        ) : null}
        {state.status === 'ready' && state.nextCursor ? (
          <div className="load-more">
            {state.moreFailed ? (
              <p className="field__error">
                <FormattedMessage id="projects.list.error" />
              </p>
            ) : null}
            <button
              type="button"
              className="button"
              onClick={loadMore}
              disabled={state.isLoadingMore}
            >
              <FormattedMessage
                id={state.isLoadingMore ? 'directory.loadingMore' : 'directory.loadMore'}
              />
            </button>
          </div>
        ) : null}
      </section>
    </div>
  );
}

const emptyFilters: ProjectFilters = {
  q: '',
  status: '',
  sector: '',
  country: '',
  organizationId: '',
};

function FilterSelect(props: {
  id: string;
  label: string;
  all: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">{props.all}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function ProjectCard({ project }: { project: ProjectListItem }) {
  const intl = useIntl();
  const countryName = useCountryNames();
  const figureText = useFigureText();
  const titleId = `project-${project.id}`;
  return (
    <li className="organization-card project-card">
      <h3 className="organization-card__name" id={titleId}>
        <Link href={`/projects/${project.id}`}>{project.title}</Link>
      </h3>
      <p className="profile__tags">
        <span className={`tag project-status project-status--${project.status}`}>
          <FormattedMessage id={statusMessageId(project.status)} />
        </span>
        <span className="tag">
          <FormattedMessage id={sectorMessageId(project.sector)} />
        </span>
        {project.isDemo ? (
          <span className="tag tag--demo">
            <FormattedMessage id="profile.demo" />
          </span>
        ) : null}
      </p>
      <dl className="organization-card__facts">
        <div>
          <dt>
            <FormattedMessage
              id="projects.field.countries"
              values={{ count: project.countries.length }}
            />
          </dt>
          <dd>{intl.formatList(project.countries.map(countryName))}</dd>
        </div>
        {project.leads.length > 0 ? (
          <div>
            <dt>
              <FormattedMessage id="projects.roles.lead" />
            </dt>
            <dd>{intl.formatList(project.leads.map((lead) => lead.organizationName))}</dd>
          </div>
        ) : null}
      </dl>
      {project.resultTotals.length > 0 ? (
        <>
          <p className="project-card__results-label">
            <FormattedMessage id="projects.list.results" />
          </p>
          <ul className="project-card__results">
            {[...project.resultTotals]
              .sort((a, b) => indicators.indexOf(a.indicator) - indicators.indexOf(b.indicator))
              .map((total) => (
                <li key={`${total.indicator}-${total.currency ?? ''}`}>{figureText(total)}</li>
              ))}
          </ul>
        </>
      ) : null}
    </li>
  );
}

/** The name of the organization the list is filtered by, for the filter's wording. */
function useOrganizationName(id: string): string | null {
  // The list still shows when this fails; the filter is then worded without the name.
  const { data } = useQuery({ ...organizationQueries.profile(id), enabled: id !== '' });
  return id && data ? data.name : null;
}
