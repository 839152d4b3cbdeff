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
  networkRoutes,
  organizationScopeExists,
  organizationScopeNames,
} from './modules/network/index.ts';
import { projectRoutes, projectScopeExists } from './modules/projects/index.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import type { Authenticator, ModuleRoutes } from './platform/http/app.ts';
import { provideScope, provideScopeNames } from './platform/scopes.ts';

// The registry keeps the organizations that organization roles name, and gives their names (to
// the projects module, for its participants).
provideScope('organization', organizationScopeExists);
provideScopeNames('organization', organizationScopeNames);
// A partner viewer may be one of a project's.
provideScope('project', projectScopeExists);

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
  { prefix: '/api/network', plugin: networkIntentRoutes },
  { prefix: '/api/network', plugin: networkExchangeRoutes },
  { prefix: '/api/projects', plugin: projectRoutes },
];

export const authenticate: Authenticator = authenticateRequest;
export { sessionCookie };
