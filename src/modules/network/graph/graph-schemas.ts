// Pure zod: the shapes of the network seen as a graph (trees, neighbours, chains of ties,
// statistics). Like ../schemas.ts, they validate requests, feed OpenAPI and type the web client.
import { z } from 'zod';
import { affiliationKinds, OrganizationKind, partnershipKinds, QueryFlag } from '../schemas.ts';

const OrganizationId = (what: string) =>
  z.uuid(`Use the id (a UUID) of ${what}, such as 0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e.`);

const Flag = QueryFlag;

const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce
    .number(`Use a whole number from ${min} to ${max}.`)
    .int(`Use a whole number from ${min} to ${max}.`)
    .min(min, `Use a ${name} from ${min} to ${max}.`)
    .max(max, `Use a ${name} from ${min} to ${max}.`);

/** The most organizations a tree or a neighbourhood sends; past it, `truncated` says so. */
export const treeNodeCap = 500;
export const neighbourNodeCap = 300;
export const maxTreeDepth = 20;
export const maxChainLength = 10;

export const TreeQuery = z.strictObject({
  /** How many levels of members below the organization to send. */
  depth: wholeNumber('depth', 1, maxTreeDepth).default(5),
  includeEnded: Flag.default(false),
});
export type TreeQuery = z.input<typeof TreeQuery>;

export const NeighboursQuery = z.strictObject({
  depth: wholeNumber('depth', 1, 2).default(1),
  includeEnded: Flag.default(false),
});
export type NeighboursQuery = z.input<typeof NeighboursQuery>;

export const ChainQuery = z.strictObject({
  from: OrganizationId('the organization the chain starts from'),
  to: OrganizationId('the organization the chain leads to'),
  maxLength: wholeNumber('maxLength', 1, maxChainLength).default(6),
  includeEnded: Flag.default(false),
});
export type ChainQuery = z.input<typeof ChainQuery>;

export const GraphNode = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: OrganizationKind,
  country: z.string(),
  /** Levels from the organization asked about: up (ancestors), down (descendants) or either way (neighbours). */
  depth: z.number().int(),
});
export type GraphNode = z.infer<typeof GraphNode>;

const tieDates = {
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
};

export const AffiliationEdge = z.object({
  id: z.uuid(),
  type: z.literal('affiliation'),
  kind: z.enum(affiliationKinds),
  /** The member, which belongs to `toId`. */
  fromId: z.uuid(),
  toId: z.uuid(),
  ...tieDates,
});

export const PartnershipEdge = z.object({
  id: z.uuid(),
  type: z.literal('partnership'),
  kind: z.enum(partnershipKinds),
  /** The partner that provides (funds, trains, supplies) to `toId`. */
  fromId: z.uuid(),
  toId: z.uuid(),
  ...tieDates,
});

/** A tie as an edge: its direction is the tie's own (member → parent, provider → partner). */
export const GraphEdge = z.discriminatedUnion('type', [AffiliationEdge, PartnershipEdge]);
export type GraphEdge = z.infer<typeof GraphEdge>;
export type AffiliationEdge = z.infer<typeof AffiliationEdge>;

const Subgraph = z.object({
  nodes: z.array(GraphNode),
  edges: z.array(GraphEdge),
  /** Whether more organizations were there than sent (the cap or the depth was reached). */
  truncated: z.boolean(),
});

export const Tree = z.object({
  organization: GraphNode,
  /** Everything the organization belongs to, up to the roots; several parents make a DAG. */
  ancestors: Subgraph,
  /** What belongs to it, down to `depth` levels. */
  descendants: Subgraph,
});
export type Tree = z.infer<typeof Tree>;

export const Neighbours = Subgraph.extend({
  organization: GraphNode,
});
export type Neighbours = z.infer<typeof Neighbours>;

/** Whether the chain walks the tie in its own direction (from its `fromId` to its `toId`). */
const forward = { forward: z.boolean() };
export const ChainTie = z.discriminatedUnion('type', [
  AffiliationEdge.extend(forward),
  PartnershipEdge.extend(forward),
]);
export type ChainTie = z.infer<typeof ChainTie>;

export const Chain = z.object({
  /** How many ties the chain has: 0 when it starts where it ends. */
  length: z.number().int(),
  /** The organizations in order, from `from` to `to`; `depth` is the position in the chain. */
  organizations: z.array(GraphNode),
  /** The ties in order: the i-th joins organizations i and i+1. */
  ties: z.array(ChainTie),
});
export type Chain = z.infer<typeof Chain>;

const Count = z.object({ value: z.string(), count: z.number().int() });

export const NetworkStatistics = z.object({
  organizations: z.object({
    total: z.number().int(),
    byCountry: z.array(Count),
    bySector: z.array(Count),
    byKind: z.array(Count),
  }),
  /** Ties in force today, by kind; those ended (or not yet started) are counted apart. */
  ties: z.object({
    affiliations: z.array(Count),
    partnerships: z.array(Count),
    notInForce: z.number().int(),
  }),
  /** Totals over the organizations that state the figure, and how many do. */
  members: z.object({ total: z.number().int(), organizationsStating: z.number().int() }),
  /** Women and men among the members, over the organizations that state each (fewer, often). */
  womenMembers: z.object({ total: z.number().int(), organizationsStating: z.number().int() }),
  menMembers: z.object({ total: z.number().int(), organizationsStating: z.number().int() }),
  employees: z.object({ total: z.number().int(), organizationsStating: z.number().int() }),
});
export type NetworkStatistics = z.infer<typeof NetworkStatistics>;
