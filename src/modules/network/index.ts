// The network module: the registry of organizations in the network (cooperatives, federations,
// groups, divisions and their partners), how they are tied, and how to find them.
// Other modules and adapters use it only through this file.

export { listDemoOrganizations } from './demo/list-demo-organizations.ts';
export {
  type DemoRemoval,
  findNetworkReferencesToDemo,
  removeDemoNetwork,
} from './demo/remove-demo.ts';
export { createOrganization } from './organizations/create-organization.ts';
export { findOrganizations } from './organizations/find-organizations.ts';
export { getOrganization } from './organizations/get-organization.ts';
export { updateOrganization } from './organizations/update-organization.ts';
export { networkProfileRoutes } from './profile-routes.ts';
export { networkRoutes } from './routes.ts';
export type {
  Affiliation,
  CreateAffiliationInput,
  CreateOrganizationInput,
  CreatePartnershipInput,
  Organization,
  OrganizationListItem,
  OrganizationPage,
  Partnership,
  Ties,
} from './schemas.ts';
export { createAffiliation, endAffiliation } from './ties/affiliations.ts';
export { getTies } from './ties/get-ties.ts';
export { createPartnership, endPartnership } from './ties/partnerships.ts';
