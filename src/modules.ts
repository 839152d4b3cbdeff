// The modules of this instance, plugged in once when this file is first imported: adding a module
// is adding its manifest (its module.ts) here. The platform knows them only through what they
// declare (see platform/modules.ts). The order is the demo's: each module's demo loads after the
// parts it builds on (the accounts' roles name the network's organizations), and is removed
// before them.
import { authenticateRequest, sessionCookie } from './modules/accounts/index.ts';
import { accountsModule } from './modules/accounts/module.ts';
import { networkModule } from './modules/network/module.ts';
import { projectsModule } from './modules/projects/module.ts';
import { reachModule } from './modules/reach/module.ts';
import type { Authenticator } from './platform/http/app.ts';
import { plugInModules } from './platform/modules.ts';
import { platformModule } from './platform/platform-module.ts';

export const modules = plugInModules([
  platformModule,
  networkModule,
  projectsModule,
  accountsModule,
  reachModule,
]);

export const moduleRoutes = modules.routes;
export const authenticate: Authenticator = authenticateRequest;
export { sessionCookie };
