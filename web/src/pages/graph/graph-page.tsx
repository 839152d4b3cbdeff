import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type MouseEvent, useEffect, useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useSearchParams } from 'wouter';
import {
  type GraphEdge,
  type GraphNode,
  type Neighbours,
  neighboursQuery,
} from '../../api/graph.ts';
import type { OrganizationKind } from '../../api/organizations.ts';
import { type Problem, problemOf } from '../../api/problem.ts';
import { kindMessageId, organizationKinds } from '../../vocabulary.ts';
import { layoutGraph, type PlacedNode, shorten } from './layout.ts';
import { NodeShape } from './node-shapes.tsx';
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
          <RelationGraph data={data} depth={state.depth} />
          <NeighbourList data={data} depth={state.depth} />
        </div>
      )}
    </article>
  );
}

const nodeRadius = 14;

function RelationGraph({ data, depth }: { data: Neighbours; depth: 1 | 2 }) {
  const intl = useIntl();
  const [, navigate] = useLocation();
  const layout = useMemo(
    () => layoutGraph(data.organization, data.nodes, data.edges),
    [data.organization, data.nodes, data.edges],
  );
  const names = useMemo(
    () => new Map([data.organization, ...data.nodes].map((node) => [node.id, node.name])),
    [data],
  );
  const nearCount = data.nodes.filter((node) => node.depth === 1).length;
  // Names are written beside the nodes only while they stay readable on a phone: every name in a
  // small graph, the centre's and its direct ties' in a larger one, and the centre's alone beyond
  // that. Every node still names itself on hover and to screen readers, and the list names all.
  const labelled = (node: PlacedNode) =>
    node.isCentre || layout.nodes.length <= 12 || (node.depth === 1 && nearCount <= 12);
  // The centre first, then the nearer organizations, each ring in name order: the order of Tab.
  const collator = new Intl.Collator(intl.locale);
  const inTabOrder = [...layout.nodes].sort(
    (a, b) =>
      Number(b.isCentre) - Number(a.isCentre) ||
      a.depth - b.depth ||
      collator.compare(a.name, b.name),
  );
  const kindsShown = organizationKinds.filter((kind) =>
    layout.nodes.some((node) => node.kind === kind),
  );
  const typesShown = (['affiliation', 'partnership'] as const).filter((type) =>
    layout.edges.some((edge) => edge.type === type),
  );
  const [x, y, width, height] = layout.box;

  const explore = (event: MouseEvent, node: PlacedNode) => {
    event.preventDefault();
    navigate(graphHref(node.id, depth));
  };

  return (
    <figure className="relation-graph">
      <svg
        className="relation-graph__svg"
        viewBox={`${x} ${y} ${width} ${height}`}
        aria-labelledby="relation-graph-title relation-graph-desc"
      >
        <title id="relation-graph-title">
          {intl.formatMessage({ id: 'graph.svg.title' }, { name: data.organization.name })}
        </title>
        <desc id="relation-graph-desc">
          {intl.formatMessage({ id: 'graph.svg.desc' }, { count: data.nodes.length })}
        </desc>
        <defs>
          {(['affiliation', 'partnership'] as const).map((type) => (
            <marker
              key={type}
              id={`arrow-${type}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0L10,5L0,10Z" className={`relation-graph__arrow--${type}`} />
            </marker>
          ))}
        </defs>
        <g className="relation-graph__edges">
          {layout.edges.map((edge) => {
            const [x2, y2] = shorten(edge.x1, edge.y1, edge.x2, edge.y2, nodeRadius + 4);
            return (
              <line
                key={edge.id}
                x1={edge.x1}
                y1={edge.y1}
                x2={x2}
                y2={y2}
                className={`relation-graph__edge relation-graph__edge--${edge.type}`}
                markerEnd={`url(#arrow-${edge.type})`}
                data-edge={edge.id}
              >
                <title>
                  {intl.formatMessage(
                    { id: tieSentenceId(edge) },
                    { from: names.get(edge.fromId) ?? '', to: names.get(edge.toId) ?? '' },
                  )}
                </title>
              </line>
            );
          })}
        </g>
        {inTabOrder.map((node) => (
          <a
            key={node.id}
            href={graphHref(node.id, depth)}
            className={
              node.isCentre
                ? 'relation-graph__node relation-graph__node--centre'
                : 'relation-graph__node'
            }
            data-organization={node.id}
            aria-current={node.isCentre ? 'page' : undefined}
            aria-label={intl.formatMessage(
              { id: node.isCentre ? 'graph.svg.centreLabel' : 'graph.svg.nodeLabel' },
              {
                name: node.name,
                kind: intl.formatMessage({ id: kindMessageId(node.kind) }),
                depth: node.depth,
              },
            )}
            onClick={(event) => explore(event, node)}
          >
            <g transform={`translate(${node.x} ${node.y})`}>
              <title>{node.name}</title>
              {node.isCentre ? (
                <circle r={nodeRadius + 7} className="relation-graph__halo" />
              ) : null}
              <NodeShape
                kind={node.kind}
                radius={node.isCentre ? nodeRadius + 2 : nodeRadius}
                className="relation-graph__shape"
              />
              {labelled(node) ? (
                <text y={nodeRadius + 16} textAnchor="middle" className="relation-graph__label">
                  {labelLines(node.name).map((line, index, lines) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one fixed name, in order.
                    <tspan key={index} x={0} dy={index === 0 ? 0 : 15}>
                      {index < lines.length - 1 ? `${line} ` : line}
                    </tspan>
                  ))}
                </text>
              ) : null}
            </g>
          </a>
        ))}
      </svg>
      <figcaption>
        <ul className="relation-graph__legend">
          {kindsShown.map((kind) => (
            <li key={kind}>
              <svg viewBox="-12 -12 24 24" width="20" height="20" aria-hidden="true">
                <NodeShape kind={kind} radius={9} />
              </svg>
              <FormattedMessage id={kindMessageId(kind as OrganizationKind)} />
            </li>
          ))}
          {typesShown.map((type) => (
            <li key={type}>
              <svg viewBox="0 0 40 12" width="40" height="12" aria-hidden="true">
                <line
                  x1="2"
                  y1="6"
                  x2="30"
                  y2="6"
                  className={`relation-graph__edge relation-graph__edge--${type}`}
                  markerEnd={`url(#arrow-${type})`}
                />
              </svg>
              <FormattedMessage id={`graph.legend.${type}`} />
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/**
 * A name on up to three short lines, whole (a shortened name would not match the node's
 * accessible name); what does not fit on two lines goes on the third.
 */
export function labelLines(name: string, width = 18): string[] {
  const lines: string[] = [];
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last.length + 1 + word.length <= width || lines.length === 3)) {
      lines[lines.length - 1] = `${last} ${word}`;
    } else lines.push(word);
  }
  return lines;
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
