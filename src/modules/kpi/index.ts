// The KPI module: the catalogue of indicators organizations report, and (as it grows) their
// reports, roll-ups over the member-of tree, peer benchmarks and early warning. Other modules and
// adapters use it only through this file.

export { peerPositions, sizeBand } from './benchmarks/peer-groups.ts';
export { createIndicator } from './indicators/create-indicator.ts';
export { findIndicators } from './indicators/find-indicators.ts';
export { getIndicator } from './indicators/get-indicator.ts';
export { updateIndicator } from './indicators/update-indicator.ts';
export { kpiRoutes } from './routes.ts';
export type { CreateIndicatorInput, Indicator, UpdateIndicatorInput } from './schemas.ts';
