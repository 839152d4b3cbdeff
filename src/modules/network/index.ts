// The network module: the registry of organizations in the network (cooperatives, federations,
// groups, divisions and their partners), how they are tied, and how to find them.
// Other modules and adapters use it only through this file.

export { demoFacts } from './demo/demo-facts.ts';
export { loadGeneratedNetwork } from './demo/generate-network.ts';
export { registryHasOrganizations } from './demo/registry-has-organizations.ts';
export { exportRegistry, type RegistryExport, readRegistry } from './exchange/export-registry.ts';
export { addToRegistry, type ImportedCounts, importRegistry } from './exchange/import-registry.ts';
export { importRegistryFile } from './exchange/import-registry-file.ts';
export type { RegistryData } from './exchange/registry-format.ts';
export { networkExchangeRoutes } from './exchange-routes.ts';
export {
  checkAffiliationsAcyclic,
  checkTiesPointToOrganizations,
} from './graph/checks.ts';
export { findChain } from './graph/find-chain.ts';
export { getNeighbours } from './graph/get-neighbours.ts';
export { getNetworkStatistics } from './graph/get-network-statistics.ts';
export { getTree } from './graph/get-tree.ts';
export type { Chain, Neighbours, NetworkStatistics, Tree } from './graph/graph-schemas.ts';
export { networkGraphRoutes } from './graph-routes.ts';
export { networkIntentRoutes } from './intent-routes.ts';
export { closeIntent } from './intents/close-intent.ts';
export { createIntent } from './intents/create-intent.ts';
export { findIntents } from './intents/find-intents.ts';
export { getIntent } from './intents/get-intent.ts';
export type {
  CreateIntentInput,
  Intent,
  IntentPage,
  SuggestionList,
} from './intents/intent-schemas.ts';
export { tellIntentInterest } from './intents/tell-intent-interest.ts';
export { updateIntent } from './intents/update-intent.ts';
export { createOrganization } from './organizations/create-organization.ts';
export { findOrganizations } from './organizations/find-organizations.ts';
export { getOrganization } from './organizations/get-organization.ts';
export {
  organizationScopeExists,
  organizationScopeNames,
} from './organizations/organization-scope.ts';
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
export { icaSectors, organizationKinds, partnershipKinds } from './schemas.ts';
export { createAffiliation, endAffiliation } from './ties/affiliations.ts';
export { getTies } from './ties/get-ties.ts';
export { createPartnership, endPartnership } from './ties/partnerships.ts';
