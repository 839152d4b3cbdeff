import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceRadial,
  forceSimulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';
import type { GraphEdge, GraphNode } from '../../api/graph.ts';

export type PlacedNode = GraphNode & { x: number; y: number; isCentre: boolean };
export type PlacedEdge = GraphEdge & { x1: number; y1: number; x2: number; y2: number };
export type Layout = {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** The drawing's box, with room for the labels: x, y, width, height for a viewBox. */
  box: [number, number, number, number];
};

type SimNode = SimulationNodeDatum & { id: string; depth: number };

/** How far apart the rings of organizations one and two ties away sit. */
const ringGap = 130;
/** Enough ticks for a few hundred nodes to settle; run at once, nothing is animated. */
const defaultTicks = 300;

/**
 * Places the organization at the centre and its neighbours around it, nearer ones on the inner
 * ring, with d3-force run to a fixed number of ticks. The same input gives the same drawing
 * (d3-force's start positions and random source are deterministic).
 */
export function layoutGraph(
  centre: GraphNode,
  neighbours: GraphNode[],
  edges: GraphEdge[],
  { ticks = defaultTicks, labelRoom = 80 } = {},
): Layout {
  const nodes: SimNode[] = [
    { id: centre.id, depth: 0, fx: 0, fy: 0 },
    ...neighbours.map((node) => ({ id: node.id, depth: Math.max(1, node.depth) })),
  ];
  const known = new Set(nodes.map((node) => node.id));
  const links: SimulationLinkDatum<SimNode>[] = edges
    .filter((edge) => known.has(edge.fromId) && known.has(edge.toId) && edge.fromId !== edge.toId)
    .map((edge) => ({ source: edge.fromId, target: edge.toId }));
  const simulation = forceSimulation(nodes)
    .force(
      'link',
      forceLink<SimNode, SimulationLinkDatum<SimNode>>(links)
        .id((node) => node.id)
        .distance(ringGap * 0.8)
        .strength(0.2),
    )
    .force('charge', forceManyBody<SimNode>().strength(-260))
    .force('collide', forceCollide<SimNode>(34))
    .force('rings', forceRadial<SimNode>((node) => node.depth * ringGap).strength(0.9))
    .stop();
  simulation.tick(ticks);

  const at = new Map(nodes.map((node) => [node.id, { x: node.x ?? 0, y: node.y ?? 0 }]));
  const place = (node: GraphNode, isCentre: boolean): PlacedNode => {
    const point = at.get(node.id) ?? { x: 0, y: 0 };
    return { ...node, x: round(point.x), y: round(point.y), isCentre };
  };
  const placed = [place(centre, true), ...neighbours.map((node) => place(node, false))];
  const placedEdges = edges.flatMap((edge): PlacedEdge[] => {
    const from = at.get(edge.fromId);
    const to = at.get(edge.toId);
    if (!from || !to) return [];
    return [{ ...edge, x1: round(from.x), y1: round(from.y), x2: round(to.x), y2: round(to.y) }];
  });

  const xs = placed.map((node) => node.x);
  const ys = placed.map((node) => node.y);
  const minX = Math.min(...xs) - labelRoom;
  const maxX = Math.max(...xs) + labelRoom;
  // Room above and below for names on up to three lines, at a phone's scale too.
  const minY = Math.min(...ys) - labelRoom * 1.4;
  const maxY = Math.max(...ys) + labelRoom * 1.4;
  return {
    nodes: placed,
    edges: placedEdges,
    box: [round(minX), round(minY), round(maxX - minX), round(maxY - minY)],
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Where a line from (x1, y1) to (x2, y2) leaves a circle of `radius` around its end. */
export function shorten(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  radius: number,
): [number, number] {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  if (length <= radius) return [x2, y2];
  return [round(x2 - (dx / length) * radius), round(y2 - (dy / length) * radius)];
}
