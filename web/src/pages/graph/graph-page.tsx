import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useSearchParams } from 'wouter';
import {
  type GraphEdge,
  type GraphNode,
  type Neighbours,
  neighboursQuery,
} from '../../api/graph.ts';
import { type Problem, problemOf } from '../../api/problem.ts';
import { kindMessageId } from '../../vocabulary.ts';
import { RelationGraph } from './relation-graph.tsx';
import { tieKindId, tieSentenceId } from './tie-words.ts';
import './graph.css';
import { documentTitle } from '../use-document-title.ts';

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; problem: Problem | null }
  | { status: 'ready'; data: Neighbours; depth: 1 | 2 };

/** The address of an organization's relation graph. */
export function graphHref(id: string, depth: 1 | 2): string {
  return `/organizations/${id}/graph${depth === 2 ? '?depth=2' : ''}`;
}

/** An organization and the organizations one or two ties away, drawn and listed. */
export function GraphPage({ id }: { id: string }) {
  const intl = useIntl();
  const [searchParams] = useSearchParams();
  const [, navigate] = useLocation();
  const depth: 1 | 2 = searchParams.get('depth') === '2' ? 2 : 1;
  // Another depth or organization keeps the graph drawn until the new one has come.
  const query = useQuery({ ...neighboursQuery(id, depth), placeholderData: keepPreviousData });
  const state: LoadState = query.isError
    ? { status: 'error', problem: problemOf(query.error) }
    : query.data
      ? { status: 'ready', ...query.data }
      : { status: 'loading' };

  const isCurrent = state.status === 'ready' && state.data.organization.id === id;
  const name = isCurrent ? state.data.organization.name : null;
  useEffect(() => {
    const page = name
      ? intl.formatMessage({ id: 'graph.page.title' }, { name })
      : intl.formatMessage({ id: 'graph.page.documentTitle' });
    document.title = documentTitle(page);
  }, [intl, name]);

  if (state.status === 'error') {
    const notFound = state.problem?.status === 404 || state.problem?.status === 400;
    return (
      <div>
        <h1>
          <FormattedMessage id={notFound ? 'graph.page.notFound' : 'graph.page.error'} />
        </h1>
        {notFound ? null : (
          <button type="button" className="button" onClick={() => void query.refetch()}>
            <FormattedMessage id="graph.retry" />
          </button>
        )}
      </div>
    );
  }
  if (state.status === 'loading') {
    return (
      <p role="status">
        <FormattedMessage id="graph.page.loading" />
      </p>
    );
  }

  const { data } = state;
  const centre = data.organization;
  const loadingOther = !isCurrent || state.depth !== depth;
  return (
    <article className="graph-page" aria-labelledby="graph-title" aria-busy={loadingOther}>
      <p className="breadcrumb">
        <Link href={`/organizations/${centre.id}`}>
          <FormattedMessage id="graph.page.backToProfile" values={{ name: centre.name }} />
        </Link>
      </p>
      <h1 id="graph-title">
        <FormattedMessage id="graph.page.title" values={{ name: centre.name }} />
      </h1>
      <div className="graph-page__controls">
        <fieldset className="graph-page__depth">
          <legend>
            <FormattedMessage id="graph.page.depth" />
          </legend>
          {([1, 2] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              className="button button--small"
              aria-pressed={depth === choice}
              onClick={() => navigate(graphHref(centre.id, choice), { replace: true })}
            >
              <FormattedMessage id={choice === 1 ? 'graph.page.depth1' : 'graph.page.depth2'} />
            </button>
          ))}
        </fieldset>
        <p>
          <Link href={`/introductions?from=${centre.id}`}>
            <FormattedMessage id="graph.profile.introductionsLink" />
          </Link>
        </p>
      </div>
      <p role="status" className="graph-page__status">
        {loadingOther ? (
          <FormattedMessage id="graph.page.loading" />
        ) : (
          <FormattedMessage id="graph.page.count" values={{ count: data.nodes.length }} />
        )}
      </p>
      {data.truncated ? (
        <p className="notice graph-page__capped">
          <FormattedMessage id="graph.page.truncated" values={{ count: data.nodes.length }} />
        </p>
      ) : null}
      {data.nodes.length === 0 ? (
        <p>
          <FormattedMessage id="graph.page.empty" values={{ name: centre.name }} />
        </p>
      ) : (
        <div className="graph-page__body">
          <RelationGraph data={data} hrefOf={(node) => graphHref(node, state.depth)} />
          <NeighbourList data={data} depth={state.depth} />
        </div>
      )}
    </article>
  );
}

type ListItem = { node: GraphNode; edge: GraphEdge | null; via: GraphNode[] };

/** The same neighbours in words: grouped by tie, each with its profile and its own graph. */
function NeighbourList({ data, depth }: { data: Neighbours; depth: 1 | 2 }) {
  const intl = useIntl();
  const centre = data.organization;
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const collator = new Intl.Collator(intl.locale);
  const byName = (a: ListItem, b: ListItem) => collator.compare(a.node.name, b.node.name);
  const direct = (predicate: (edge: GraphEdge) => boolean, otherEnd: (edge: GraphEdge) => string) =>
    data.edges
      .filter(predicate)
      .flatMap((edge): ListItem[] => {
        const node = byId.get(otherEnd(edge));
        return node ? [{ node, edge, via: [] }] : [];
      })
      .sort(byName);
  const groups = [
    {
      key: 'parents',
      title: 'graph.list.parents' as const,
      items: direct(
        (edge) => edge.type === 'affiliation' && edge.fromId === centre.id,
        (edge) => edge.toId,
      ),
    },
    {
      key: 'members',
      title: 'graph.list.members' as const,
      items: direct(
        (edge) => edge.type === 'affiliation' && edge.toId === centre.id,
        (edge) => edge.fromId,
      ),
    },
    {
      key: 'partners',
      title: 'graph.list.partners' as const,
      items: direct(
        (edge) =>
          edge.type === 'partnership' && (edge.fromId === centre.id || edge.toId === centre.id),
        (edge) => (edge.fromId === centre.id ? edge.toId : edge.fromId),
      ),
    },
    {
      key: 'further',
      title: 'graph.list.further' as const,
      items: data.nodes
        .filter((node) => node.depth === 2)
        .map((node): ListItem => {
          const via = data.edges
            .flatMap((edge) =>
              edge.fromId === node.id ? [edge.toId] : edge.toId === node.id ? [edge.fromId] : [],
            )
            .map((other) => byId.get(other))
            .filter((other): other is GraphNode => other?.depth === 1);
          return { node, edge: null, via: [...new Map(via.map((v) => [v.id, v])).values()] };
        })
        .sort(byName),
    },
  ];
  const names = new Map([centre, ...data.nodes].map((node) => [node.id, node.name]));

  return (
    <section className="neighbour-list" aria-labelledby="neighbour-list-title">
      <h2 id="neighbour-list-title">
        <FormattedMessage id="graph.list.title" />
      </h2>
      {groups
        .filter((group) => group.items.length > 0)
        .map((group) => (
          <section key={group.key} aria-labelledby={`neighbours-${group.key}`}>
            <h3 id={`neighbours-${group.key}`}>
              <FormattedMessage id={group.title} values={{ count: group.items.length }} />
            </h3>
            <ul className="neighbour-list__items">
              {group.items.map((item) => (
                <li key={`${item.node.id}-${item.edge?.id ?? 'far'}`} className="neighbour">
                  <Link href={`/organizations/${item.node.id}`} className="neighbour__name">
                    {item.node.name}
                  </Link>
                  <span className="neighbour__detail">
                    {' '}
                    <FormattedMessage id={kindMessageId(item.node.kind)} />
                    {item.edge ? (
                      <>
                        {' · '}
                        <FormattedMessage id={tieKindId(item.edge)} />
                        {item.edge.endedOn ? (
                          <>
                            {' · '}
                            <FormattedMessage
                              id="profile.ended"
                              values={{
                                date: intl.formatDate(item.edge.endedOn, {
                                  dateStyle: 'medium',
                                  timeZone: 'UTC',
                                }),
                              }}
                            />
                          </>
                        ) : null}
                      </>
                    ) : null}
                  </span>
                  {item.edge ? (
                    <span className="neighbour__sentence">
                      {intl.formatMessage(
                        { id: tieSentenceId(item.edge) },
                        {
                          from: names.get(item.edge.fromId) ?? '',
                          to: names.get(item.edge.toId) ?? '',
                        },
                      )}
                    </span>
                  ) : item.via.length > 0 ? (
                    <span className="neighbour__sentence">
                      <FormattedMessage
                        id="graph.list.via"
                        values={{ names: intl.formatList(item.via.map((via) => via.name)) }}
                      />
                    </span>
                  ) : null}
                  <Link href={graphHref(item.node.id, depth)} className="neighbour__explore">
                    <FormattedMessage id="graph.list.explore" values={{ name: item.node.name }} />
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </section>
  );
}
