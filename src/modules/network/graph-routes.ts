// HTTP adapter for the network seen as a graph: affiliation trees, neighbours, chains of ties
// ("who can introduce us") and statistics. All public reads.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemResponse } from '../../platform/http/problem.ts';
import { findChain } from './graph/find-chain.ts';
import { getNeighbours } from './graph/get-neighbours.ts';
import { getNetworkStatistics } from './graph/get-network-statistics.ts';
import { getTree } from './graph/get-tree.ts';
import {
  Chain,
  ChainQuery,
  maxChainLength,
  Neighbours,
  NeighboursQuery,
  NetworkStatistics,
  neighbourNodeCap,
  Tree,
  TreeQuery,
  treeNodeCap,
} from './graph/graph-schemas.ts';
import { OrganizationIdParams } from './schemas.ts';

const tags = ['network'];

export const networkGraphRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/organizations/:id/tree',
    {
      schema: {
        tags,
        summary: `The organization’s affiliation tree: all it belongs to, up to the roots, and what belongs to it down to \`depth\` levels (at most ${treeNodeCap} organizations each way); ties in force today unless includeEnded=true`,
        params: OrganizationIdParams,
        querystring: TreeQuery,
        response: { 200: Tree, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) => getTree(request.ctx, request.params.id, request.query),
  );

  app.get(
    '/organizations/:id/neighbours',
    {
      schema: {
        tags,
        summary: `The organizations one or two ties away (either way, affiliations and partnerships), with the ties among them; at most ${neighbourNodeCap}, nearest first`,
        params: OrganizationIdParams,
        querystring: NeighboursQuery,
        response: { 200: Neighbours, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) => getNeighbours(request.ctx, request.params.id, request.query),
  );

  app.get(
    '/chain',
    {
      schema: {
        tags,
        summary: `The shortest chain of ties between two organizations (who can introduce them), with each tie; 404 when there is none within maxLength (1 to ${maxChainLength}, default 6)`,
        querystring: ChainQuery,
        response: { 200: Chain, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) => findChain(request.ctx, request.query),
  );

  app.get(
    '/statistics',
    {
      schema: {
        tags,
        summary:
          'The network in figures: organizations by country, sector and kind, ties in force by kind, members (women and men among them) and employees where stated',
        response: { 200: NetworkStatistics },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return getNetworkStatistics(request.ctx);
    },
  );
};
