// The modules this instance serves over HTTP, each under /api/<module>, and how a request's
// credentials become an actor.
import {
  accountsRoutes,
  authenticateRequest,
  authRoutes,
  sessionCookie,
} from './modules/accounts/index.ts';
import {
  networkExchangeRoutes,
  networkGraphRoutes,
  networkIntentRoutes,
  networkProfileRoutes,
  networkProjectRoutes,
  networkRoutes,
  organizationScopeExists,
} from './modules/network/index.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import type { Authenticator, ModuleRoutes } from './platform/http/app.ts';
import { provideScope } from './platform/scopes.ts';

// The registry keeps the organizations that organization roles name.
provideScope('organization', organizationScopeExists);

import { queueRoutes } from './platform/jobs/index.ts';
import { outboxRoutes } from './platform/outbox/index.ts';

export const moduleRoutes: ModuleRoutes[] = [
  { prefix: '/api/auth', plugin: authRoutes },
  { prefix: '/api/accounts', plugin: accountsRoutes },
  { prefix: '/api/audit', plugin: auditRoutes },
  { prefix: '/api/platform', plugin: outboxRoutes },
  { prefix: '/api/platform', plugin: queueRoutes },
  { prefix: '/api/network', plugin: networkRoutes },
  { prefix: '/api/network', plugin: networkProfileRoutes },
  { prefix: '/api/network', plugin: networkGraphRoutes },
  { prefix: '/api/network', plugin: networkProjectRoutes },
  { prefix: '/api/network', plugin: networkIntentRoutes },
  { prefix: '/api/network', plugin: networkExchangeRoutes },
];

export const authenticate: Authenticator = authenticateRequest;
export { sessionCookie };
