// The projects' part of the demo, as the manifest declares it: the real projects of the demo's
// facts, between the demo organizations the network's part handed on.
import type { ModuleDemo } from '../../../platform/demo.ts';
import { findProjectsWithDemoOrganizations, removeDemoProjects } from './remove-demo-projects.ts';
import { seedDemoProjects } from './seed-projects.ts';

export const projectsDemo: ModuleDemo = {
  async load(ctx, demo) {
    if (!demo.organizationIds) throw new Error("the projects' demo loads after the network's");
    return { counts: { projects: await seedDemoProjects(ctx, demo.organizationIds) } };
  },
  findReferences: (ctx, demo) =>
    findProjectsWithDemoOrganizations(
      ctx,
      [...(demo.organizationIds ?? [])].map(([name, id]) => ({ id, name })),
    ),
  remove: (ctx) => removeDemoProjects(ctx),
};
