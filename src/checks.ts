// The invariants `intercoop check` verifies, as modules register them: each check reads the
// database and returns the problems it finds, as sentences a person can act on.
import {
  checkAffiliationsAcyclic,
  checkTiesPointToOrganizations,
} from './modules/network/index.ts';
import { checkImpactTotals } from './modules/projects/index.ts';
import type { Db } from './platform/db.ts';
import { checkOutboxDelivering } from './platform/outbox/index.ts';

export type Check = { name: string; run: (db: Db) => Promise<string[]> };

export const checks: Check[] = [
  { name: 'the affiliation tree has no cycle', run: checkAffiliationsAcyclic },
  { name: 'ties point to existing organizations', run: checkTiesPointToOrganizations },
  { name: 'impact totals equal the sum of results', run: checkImpactTotals },
  { name: 'outgoing messages are being delivered', run: checkOutboxDelivering },
];

export type CheckReport = Array<{ name: string; problems: string[] }>;

export async function runChecks(db: Db): Promise<CheckReport> {
  const report: CheckReport = [];
  for (const check of checks) report.push({ name: check.name, problems: await check.run(db) });
  return report;
}
