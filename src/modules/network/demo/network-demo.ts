// The network's part of the demo, as its manifest declares it: the organizations (whose ids it
// hands on by name), their ties and offers and needs; found by the organizations' demo mark.
import type { ModuleDemo } from '../../../platform/demo.ts';
import { listDemoOrganizations } from './list-demo-organizations.ts';
import { loadDemoNetwork } from './load-demo-network.ts';
import { findNetworkReferencesToDemo, removeDemoNetwork } from './remove-demo.ts';

export const networkDemo: ModuleDemo = {
  async find(ctx) {
    const organizations = await listDemoOrganizations(ctx);
    if (organizations.length === 0) return undefined;
    return { organizationIds: new Map(organizations.map(({ name, id }) => [name, id])) };
  },
  async load(ctx) {
    const { organizationIds, ...counts } = await loadDemoNetwork(ctx);
    return { counts, context: { organizationIds } };
  },
  findReferences: (ctx) => findNetworkReferencesToDemo(ctx),
  remove: (ctx) => removeDemoNetwork(ctx),
};
