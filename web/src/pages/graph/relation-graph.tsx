import { type MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocation } from 'wouter';
import type { Neighbours } from '../../api/graph.ts';
import type { OrganizationKind } from '../../api/organizations.ts';
import { kindMessageId, organizationKinds } from '../../vocabulary.ts';
import { type PlacedLabel, placeLabels } from './label-placement.ts';
import { layoutGraph, type PlacedNode, shorten } from './layout.ts';
import { graphBackground, NodeShape } from './node-shapes.tsx';
import { tieSentenceId } from './tie-words.ts';

/** The size names are written at on the screen, whatever the drawing's scale: readable on a phone. */
const labelPixels = 13;

const nodeRadius = 14;

/** The organization and its neighbours drawn as a graph; each node opens its own graph. */
export function RelationGraph({
  data,
  hrefOf,
}: {
  data: Neighbours;
  /** The address of a node's own graph. */
  hrefOf: (id: string) => string;
}) {
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
  // The centre first, then the nearer organizations, each ring in name order: the order of Tab.
  const inTabOrder = useMemo(() => {
    const collator = new Intl.Collator(intl.locale);
    return [...layout.nodes].sort(
      (a, b) =>
        Number(b.isCentre) - Number(a.isCentre) ||
        a.depth - b.depth ||
        collator.compare(a.name, b.name),
    );
  }, [layout, intl.locale]);
  const kindsShown = organizationKinds.filter((kind) =>
    layout.nodes.some((node) => node.kind === kind),
  );
  const typesShown = (['affiliation', 'partnership'] as const).filter((type) =>
    layout.edges.some((edge) => edge.type === type),
  );
  const [x, y, width, height] = layout.box;

  // The drawing is scaled to the screen's width: names are sized in screen pixels, so they are as
  // readable on a phone as on a desktop, and written only where they fit at that size.
  const svgRef = useRef<SVGSVGElement>(null);
  const scale = useDrawingScale(svgRef, width, height);
  const labels = useMemo(() => {
    if (scale === null) return new Map<string, PlacedLabel>();
    const centre = layout.nodes.find((node) => node.isCentre);
    if (!centre) return new Map<string, PlacedLabel>();
    const fontSize = labelPixels / scale;
    // The first ring's names, and the second ring's too in a small graph, in the order of Tab.
    const candidates = inTabOrder.filter(
      (node) => !node.isCentre && (node.depth === 1 || layout.nodes.length <= 12),
    );
    return placeLabels(centre, candidates, layout.nodes, {
      fontSize,
      lineHeight: fontSize * 1.2,
      nodeRadius: nodeRadius + 2,
      bounds: { x, y, width, height },
      measure: textMeasure(fontSize),
    });
  }, [scale, layout, inTabOrder, x, y, width, height]);

  const explore = (event: MouseEvent, node: PlacedNode) => {
    event.preventDefault();
    navigate(hrefOf(node.id));
  };

  return (
    <figure className="relation-graph">
      <svg
        ref={svgRef}
        className="relation-graph__svg"
        style={{ background: graphBackground }}
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
            href={hrefOf(node.id)}
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
              <NodeLabel
                node={node}
                label={labels.get(node.id)}
                fontSize={labelPixels / (scale ?? 1)}
              />
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

/** A node's name, at its place relative to the node (the node's group is translated to it). */
function NodeLabel({
  node,
  label,
  fontSize,
}: {
  node: PlacedNode;
  label: PlacedLabel | undefined;
  fontSize: number;
}) {
  if (!label) return null;
  const lineHeight = fontSize * 1.2;
  const x = label.x - node.x;
  return (
    <text
      x={x}
      y={label.y - node.y}
      textAnchor={label.anchor}
      className="relation-graph__label"
      style={{ fontSize, strokeWidth: fontSize * 0.3 }}
    >
      {label.lines.map((line, index, lines) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one fixed name, in order.
        <tspan key={index} x={x} dy={index === 0 ? 0 : lineHeight}>
          {index < lines.length - 1 ? `${line} ` : line}
        </tspan>
      ))}
    </text>
  );
}

/**
 * Screen pixels per unit of the drawing, once it is on the screen (null before): the SVG keeps
 * its proportions, so the smaller of the two ratios is the one it is drawn at.
 */
function useDrawingScale(
  ref: { current: SVGSVGElement | null },
  width: number,
  height: number,
): number | null {
  const [scale, setScale] = useState<number | null>(null);
  useEffect(() => {
    const svg = ref.current;
    if (!svg) return;
    const measure = () => {
      const box = svg.getBoundingClientRect();
      if (box.width <= 0 || box.height <= 0) return;
      const next = Math.min(box.width / width, box.height / height);
      setScale((now) => (now !== null && Math.abs(now - next) < 0.01 ? now : next));
    };
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(measure);
    observer.observe(svg);
    return () => observer.disconnect();
  }, [ref, width, height]);
  return scale;
}

/** The width of a line at `fontSize`, from the page's own font when a canvas can measure it. */
function textMeasure(fontSize: number): (text: string) => number {
  const context =
    typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * fontSize * 0.62;
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
  // Measured bold, as the centre's name is written: the others have a little room to spare.
  context.font = `700 ${fontSize}px ${family}`;
  return (text) => context.measureText(text).width;
}
