// The modules this instance serves over HTTP, each under /api/<module>.
import { networkRoutes } from './modules/network/index.ts';
import type { ModuleRoutes } from './platform/http/app.ts';

export const moduleRoutes: ModuleRoutes[] = [{ prefix: '/api/network', plugin: networkRoutes }];
