// The invariants `intercoop check` verifies, as the modules declare them in their manifests: each
// check reads the database and returns the problems it finds, as sentences a person can act on.
import { modules } from './modules.ts';
import type { Db } from './platform/db.ts';
import type { ModuleCheck } from './platform/modules.ts';

export type Check = ModuleCheck;

export const checks: readonly Check[] = modules.checks;

export type CheckReport = Array<{ name: string; problems: string[] }>;

export async function runChecks(db: Db): Promise<CheckReport> {
  const report: CheckReport = [];
  for (const check of checks) report.push({ name: check.name, problems: await check.run(db) });
  return report;
}
