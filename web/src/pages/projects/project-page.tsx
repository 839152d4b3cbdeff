import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { type Problem, problemOf } from '../../api/problem.ts';
import {
  canEditProject,
  type Figure,
  type Indicator,
  indicators,
  type Project,
  participantRoles,
  projectQuery,
} from '../../api/projects.ts';
import { useCountryNames } from '../../i18n/display-names.ts';
import type { MessageId } from '../../i18n/locales.ts';
import { useSession } from '../../session/session-provider.tsx';
import { sectorMessageId } from '../../vocabulary.ts';
import { addDecimals, formatAmount, progressRatio } from './money.ts';
import { indicatorMessageId, rolesMessageId, statusMessageId } from './vocabulary.ts';
import './projects.css';
import { documentTitle } from '../use-document-title.ts';

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; problem: Problem | null }
  | { status: 'ready'; project: Project };

/** Loads a project, with a retry; shared by the project's page and its edit form. */
export function useProject(id: string) {
  const query = useQuery(projectQuery(id));
  const state: LoadState = query.isError
    ? { status: 'error', problem: problemOf(query.error) }
    : query.data
      ? { status: 'ready', project: query.data }
      : { status: 'loading' };
  return { state, retry: () => void query.refetch() };
}

/** Sets the tab's title to the project's, once it is known. */
export function useProjectTitle(title: string | null, fallback: MessageId) {
  const intl = useIntl();
  useEffect(() => {
    const page = title ?? intl.formatMessage({ id: fallback });
    document.title = documentTitle(page);
  }, [intl, title, fallback]);
}

export function LoadFailure({
  problem,
  onRetry,
}: {
  problem: Problem | null;
  onRetry: () => void;
}) {
  const notFound = problem?.status === 404 || problem?.status === 400;
  return (
    <div>
      <h1>
        <FormattedMessage id={notFound ? 'projects.page.notFound' : 'projects.page.error'} />
      </h1>
      {notFound ? null : (
        <button type="button" className="button" onClick={onRetry}>
          <FormattedMessage id="directory.retry" />
        </button>
      )}
      <p>
        <Link href="/projects">
          <FormattedMessage id="projects.page.backToList" />
        </Link>
      </p>
    </div>
  );
}

export function ProjectPage({ id }: { id: string }) {
  const { me } = useSession();
  const { state, retry } = useProject(id);
  useProjectTitle(
    state.status === 'ready' ? state.project.title : null,
    'projects.page.documentTitle',
  );
  const saved = new URLSearchParams(window.location.search).has('saved');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ready = state.status === 'ready';
  useEffect(() => {
    // Back from the form: the heading takes focus, and the status below says it was saved.
    if (ready && saved) headingRef.current?.focus();
  }, [ready, saved]);

  if (state.status === 'loading') {
    return (
      <p role="status">
        <FormattedMessage id="projects.page.loading" />
      </p>
    );
  }
  if (state.status === 'error') return <LoadFailure problem={state.problem} onRetry={retry} />;
  const { project } = state;

  return (
    <article className="profile project" aria-labelledby="project-title">
      <p className="breadcrumb">
        <Link href="/projects">
          <FormattedMessage id="projects.page.backToList" />
        </Link>
      </p>
      <header className="profile__header">
        <h1 id="project-title" ref={headingRef} tabIndex={-1}>
          {project.title}
        </h1>
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
        {canEditProject(me, project) ? (
          <Link href={`/projects/${project.id}/edit`} className="button button--primary">
            <FormattedMessage id="projects.page.edit" />
          </Link>
        ) : null}
      </header>
      <p role="status" className="profile__saved">
        {saved ? <FormattedMessage id="projects.page.saved" /> : null}
      </p>
      <ProjectBody project={project} />
    </article>
  );
}

function ProjectBody({ project }: { project: Project }) {
  const intl = useIntl();
  const countryName = useCountryNames();
  return (
    <>
      {project.summary ? (
        <section aria-labelledby="project-summary">
          <h2 id="project-summary">
            <FormattedMessage id="projects.field.summary" />
          </h2>
          <p className="profile__description">{project.summary}</p>
        </section>
      ) : null}

      <section aria-labelledby="project-facts">
        <h2 id="project-facts">
          <FormattedMessage id="projects.page.facts" />
        </h2>
        <dl className="facts">
          <div>
            <dt>
              <FormattedMessage
                id="projects.field.countries"
                values={{ count: project.countries.length }}
              />
            </dt>
            <dd>{intl.formatList(project.countries.map(countryName))}</dd>
          </div>
          {project.startedOn ? (
            <div>
              <dt>
                <FormattedMessage id="projects.field.startedOn" />
              </dt>
              <dd>
                <IsoDate value={project.startedOn} />
              </dd>
            </div>
          ) : null}
          {project.endedOn ? (
            <div>
              <dt>
                <FormattedMessage id="projects.field.endedOn" />
              </dt>
              <dd>
                <IsoDate value={project.endedOn} />
              </dd>
            </div>
          ) : null}
          {project.sources.length > 0 ? (
            <div>
              <dt>
                <FormattedMessage id="projects.field.sources" />
              </dt>
              <dd>
                <ul className="plain-list">
                  {project.sources.map((source) => (
                    <li key={source}>
                      <a href={source} rel="noopener noreferrer external">
                        {source.replace(/^https?:\/\//, '')}
                      </a>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="project-participants">
        <h2 id="project-participants">
          <FormattedMessage id="projects.page.participants" />
        </h2>
        {project.participants.length === 0 ? (
          <p>
            <FormattedMessage id="projects.page.noParticipants" />
          </p>
        ) : (
          participantRoles.map((role) => {
            const inRole = project.participants.filter((participant) => participant.role === role);
            if (inRole.length === 0) return null;
            return (
              <div key={role} className="project__role">
                <h3>
                  <FormattedMessage id={rolesMessageId(role)} />
                </h3>
                <ul className="plain-list">
                  {inRole.map((participant) => (
                    <li key={participant.organizationId}>
                      <Link href={`/organizations/${participant.organizationId}`}>
                        {participant.organizationName}
                      </Link>
                      {participant.note ? (
                        <span className="field__hint"> — {participant.note}</span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })
        )}
      </section>

      <section aria-labelledby="project-figures">
        <h2 id="project-figures">
          <FormattedMessage id="projects.page.figures" />
        </h2>
        <FiguresByIndicator project={project} />
      </section>
      <p className="field__hint">
        <FormattedMessage
          id="projects.page.updated"
          values={{ date: <FormattedDate value={project.updatedAt} dateStyle="long" /> }}
        />
      </p>
    </>
  );
}

/** A date the API gives as YYYY-MM-DD, shown as that calendar day wherever the reader is. */
export function IsoDate({ value }: { value: string }) {
  return <FormattedDate value={`${value}T00:00:00Z`} dateStyle="long" timeZone="UTC" />;
}

type Group = {
  key: string;
  indicator: Indicator;
  currency: string | null;
  targets: Figure[];
  results: Figure[];
};

/** Figures grouped per indicator, and per currency for money: sums never mix currencies. */
export function groupFigures(project: Pick<Project, 'targets' | 'results'>): Group[] {
  const groups = new Map<string, Group>();
  const add = (figure: Figure, list: 'targets' | 'results') => {
    const key = `${figure.indicator} ${figure.currency ?? ''}`;
    const group = groups.get(key) ?? {
      key,
      indicator: figure.indicator,
      currency: figure.currency,
      targets: [],
      results: [],
    };
    group[list].push(figure);
    groups.set(key, group);
  };
  for (const figure of project.targets) add(figure, 'targets');
  for (const figure of project.results) add(figure, 'results');
  const order = (group: Group) => indicators.indexOf(group.indicator);
  return [...groups.values()].sort(
    (a, b) => order(a) - order(b) || (a.currency ?? '').localeCompare(b.currency ?? ''),
  );
}

function FiguresByIndicator({ project }: { project: Project }) {
  const intl = useIntl();
  const countryName = useCountryNames();
  const groups = groupFigures(project);
  if (groups.length === 0) {
    return (
      <p>
        <FormattedMessage id="projects.page.noFigures" />
      </p>
    );
  }
  return (
    <ul className="project-figures">
      {groups.map((group) => {
        const target =
          group.targets.length > 0
            ? addDecimals(group.targets.map((figure) => figure.amount))
            : null;
        const result =
          group.results.length > 0
            ? addDecimals(group.results.map((figure) => figure.amount))
            : null;
        const ratio = target && result ? progressRatio(result, target) : null;
        const show = (amount: string) => formatAmount(amount, group.currency, intl.locale);
        const headingId = `figures-${group.indicator}-${group.currency ?? 'unit'}`;
        return (
          <li key={group.key} className="project-figure">
            <h3 id={headingId}>
              <FormattedMessage id={indicatorMessageId(group.indicator)} />
              {group.currency ? ` (${group.currency})` : null}
            </h3>
            <p className="project-figure__summary">
              {result !== null && target !== null ? (
                <FormattedMessage
                  id="projects.figure.resultOfTarget"
                  values={{ result: show(result), target: show(target) }}
                />
              ) : result !== null ? (
                <FormattedMessage
                  id="projects.figure.resultOnly"
                  values={{ result: show(result) }}
                />
              ) : (
                <FormattedMessage
                  id="projects.figure.targetOnly"
                  values={{ target: show(target ?? '0') }}
                />
              )}
              {ratio !== null ? (
                <>
                  {' '}
                  <FormattedMessage
                    id="projects.figure.progress"
                    values={{ share: intl.formatNumber(ratio, { style: 'percent' }) }}
                  />
                </>
              ) : null}
            </p>
            {ratio !== null ? (
              <div className="project-figure__bar" aria-hidden="true">
                <span style={{ width: `${Math.min(ratio, 1) * 100}%` }} />
              </div>
            ) : null}
            <ul className="project-figure__entries">
              {[...group.targets, ...group.results].map((figure) => (
                <li key={figure.id}>
                  <FormattedMessage
                    id={
                      figure.kind === 'target'
                        ? 'projects.figure.targetEntry'
                        : 'projects.figure.resultEntry'
                    }
                    values={{
                      amount: show(figure.amount),
                      year: String(figure.period),
                      place: figure.country
                        ? countryName(figure.country)
                        : intl.formatMessage({ id: 'projects.figure.noCountry' }),
                    }}
                  />
                  {figure.note ? <span className="field__hint"> — {figure.note}</span> : null}
                  {figure.source ? (
                    <>
                      {' '}
                      <a href={figure.source} rel="noopener noreferrer external">
                        <FormattedMessage id="projects.figure.source" />
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
