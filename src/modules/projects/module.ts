// What the projects module plugs into the platform (see platform/modules.ts): its routes, the
// scope it keeps (a project, where a partner viewer may follow one), the codes of its rules, the
// words of its audit log, the invariant of its impact totals, and the demo network's projects.
import type { IntercoopModule } from '../../platform/modules.ts';
import { checkImpactTotals } from './check-impact-totals.ts';
import { projectsDemo } from './demo/projects-demo.ts';
import { projectsMessages } from './messages.ts';
import { projectScopeExists } from './project-scope.ts';
import { projectRoutes } from './routes.ts';

const projectsScopes = { project: projectScopeExists };

/** Codes of the projects' rules, with the params each carries. */
const projectsFieldErrorCodes = {
  'project-not-found': '',
  'country-in-use': '{countries}',
  'country-not-in-project': '{countries}',
  'currency-required': '',
  'currency-not-allowed': '{unit}',
  'unit-mismatch': '{unit}',
  'whole-number-required': '',
} as const;

declare module '../../platform/access.ts' {
  interface Scopes extends Record<keyof typeof projectsScopes, true> {}
}
declare module '../../platform/field-errors.ts' {
  interface ModuleFieldErrorCodes extends Record<keyof typeof projectsFieldErrorCodes, true> {}
}
declare module '../../platform/demo.ts' {
  interface DemoCounts {
    projects: number;
  }
}

export const projectsModule: IntercoopModule = {
  name: 'projects',
  messages: projectsMessages,
  routes: [{ prefix: '/api/projects', plugin: projectRoutes }],
  scopes: projectsScopes,
  fieldErrorCodes: projectsFieldErrorCodes,
  audit: {
    actions: [
      'create-project',
      'update-project',
      'add-project-participant',
      'remove-project-participant',
      'record-project-target',
      'record-project-result',
      'withdraw-project-figure',
      'remove-demo-projects',
    ],
    entityTypes: ['project'],
  },
  checks: [{ name: 'impact totals equal the sum of results', run: checkImpactTotals }],
  demo: projectsDemo,
};
